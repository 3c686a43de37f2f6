"""The report's wording files (``templates/*.yml``: sentences, the appendix, the roll-up, the
charts), read by this one loader: YAML, whitespace folded, each file read once.

>>> wording("rekap.yml")["tied"]
'seri'
>>> say("charts.yml", "followers_axis")
'Jumlah pengikut'
>>> fill(["Platform", "Akhir {year}"], year=2021)
['Platform', 'Akhir 2021']
"""

from __future__ import annotations

from functools import cache

from kpureport import safe_yaml
from kpureport.config import TEMPLATES_DIR


def _fold(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    return value


@cache
def wording(name: str) -> dict:
    """A wording file of ``templates/``, whitespace folded (read once; do not change it)."""
    return _fold(safe_yaml.read(TEMPLATES_DIR / name))


def say(name: str, key: str, **fields: object) -> str:
    """The sentence ``key`` of wording file ``name``, its ``{fields}`` filled."""
    return wording(name)[key].format(**fields)


def fill(value: str | list[str], **fields: object) -> str | list[str]:
    """A text of a wording file, or a list of them (a table's headers), with its ``{fields}``
    filled in one pass: text from data put into a field is never read as a field again."""
    if isinstance(value, list):
        return [v.format(**fields) for v in value]
    return value.format(**fields)
