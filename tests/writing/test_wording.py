"""One loader for every wording file: each file read once with its whitespace folded, and
every key the code asks for present in its file (a missing one would fail only when that
chart or table is drawn)."""

import re
from pathlib import Path

import pytest

from kpureport.config import PACKAGE_DIR
from kpureport.writing.wording import say, wording

#: Wording files, and the module with the calls that read them: (file, module, call pattern).
USES = [
    ("charts.yml", "writing/charts.py", r'_say\(\s*"([a-z_]+)"'),
    ("rekap.yml", "document/rollup.py", r'\bsay\(\s*"([a-z_]+)"'),
    ("rekap.yml", "document/rollup.py", r'HEADERS\["([a-z_]+)"\]'),
]


def test_a_file_is_read_once_and_its_whitespace_folded():
    assert wording("sentences.yml") is wording("sentences.yml")
    assert all("\n" not in text and "  " not in text for text in wording("sentences.yml").values())


@pytest.mark.parametrize(("name", "module", "pattern"), USES)
def test_every_key_the_code_asks_for_is_in_its_file(name, module, pattern):
    source = Path(PACKAGE_DIR / module).read_text(encoding="utf-8")
    asked = set(re.findall(pattern, source))
    keys = set(wording(name)) | set(wording(name).get("headers", {}))
    assert asked and asked <= keys, asked - keys


#: The report's parts read ``templates/report.yml`` as ``self._words("part", "key", ...)``.
PARTS = ("document/report.py", "document/evaluation.py")
PART_CALL = r'_words\(\s*"([a-z_]+)",\s*"([a-z_]+)"'
#: Entries read whole rather than through ``_words``.
READ_WHOLE = {"chapters", "overview", ("cells", "missing"), ("year_on_year", "indicators")}


def test_every_table_title_header_and_note_the_parts_ask_for_is_in_report_yml():
    source = "".join((PACKAGE_DIR / m).read_text(encoding="utf-8") for m in PARTS)
    asked = set(re.findall(PART_CALL, source))
    words = wording("report.yml")
    given = {
        (part, key)
        for part, entries in words.items()
        if isinstance(entries, dict)
        for key in entries
    }
    assert len(asked) > 60 and asked <= given, asked - given
    unused = {e for e in given - asked if e not in READ_WHOLE and e[0] not in READ_WHOLE}
    assert not unused, f"wording no part asks for: {sorted(unused)}"


def test_a_sentence_is_filled_with_its_fields():
    assert say("charts.yml", "offices_axis", year=2024) == (
        "Jumlah pengikut semua platform, akhir 2024"
    )
