"""The one YAML loader of kpureport, for the office's files and the package's own alike.

Safe tags only (PyYAML's SafeLoader: no Python objects), no anchors or aliases, and at most
:data:`~kpureport.config.YAML_MAX_NODES` nodes, all checked while the file is composed, before
anything is built from it: a 425-byte file of nested aliases would otherwise expand to
gigabytes. Every refusal is a :class:`DataError` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kpureport import formatting as fmt
from kpureport.config import YAML_MAX_NODES
from kpureport.errors import DataError, Problem


class _Refused(Exception):
    def __init__(self, line: int, found: str, expected: str):
        self.line, self.found, self.expected = line, found, expected


class _Loader(yaml.SafeLoader):
    """SafeLoader that counts the nodes it composes and refuses an alias where it stands."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.nodes = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark.line + 1,
                f"alias YAML '*{event.anchor}'",
                "nilai yang ditulis langsung; alias dan jangkar (& dan *) tidak dipakai",
            )
        self.nodes += 1
        if self.nodes > YAML_MAX_NODES:
            raise _Refused(
                event.start_mark.line + 1,
                f"lebih dari {fmt.number(YAML_MAX_NODES)} nilai",
                "berkas YAML yang kecil seperti contohnya; pecah atau ringkas isinya",
            )
        return super().compose_node(parent, index)


def load(text: str, path: Path) -> object:
    """The value of a YAML text read from ``path`` (named in every problem)."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise DataError(
            [Problem(path, row=exc.line, found=exc.found, expected=exc.expected)]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(
            [
                Problem(
                    path,
                    row=mark.line + 1 if mark else None,
                    found=getattr(exc, "problem", None) or "format YAML tidak sah",
                    expected="format YAML yang sah (periksa indentasi, titik dua setelah kunci, "
                    "dan tanda kutip yang berpasangan)",
                )
            ]
        ) from exc
    finally:
        loader.dispose()


def read(path: Path) -> object:
    """A YAML file (UTF-8) of the package or the office; a file that is not UTF-8 or cannot be
    read is a :class:`DataError` too."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            [
                Problem(
                    path,
                    expected="berkas teks berpengodean UTF-8",
                    found=f"bita tidak terbaca pada posisi {exc.start}",
                )
            ]
        ) from exc
    except OSError as exc:
        raise DataError(
            [Problem(path, found=f"tidak dapat dibaca ({exc.strerror})", expected="berkas YAML")]
        ) from exc
    return load(text, path)
