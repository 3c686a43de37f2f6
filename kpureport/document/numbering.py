"""One numbering of a document: its tables, figures and the letters of its sections.

Numbers are given in the order things are first shown and keyed by name, so a part shown again
(a cell re-run in JupyterLab) keeps its number, and a part left out leaves no gap.
"""

from __future__ import annotations

#: Chapter numbers as the seed report writes them.
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Numbering:
    """Numbers of tables and figures across the document, letters of sections per chapter.

    >>> numbers = Numbering()
    >>> numbers.table("pengikut"), numbers.table("pertumbuhan"), numbers.table("pengikut")
    (1, 2, 1)
    >>> numbers.figure("tren"), numbers.letter("fitur", "aktivitas"), numbers.letter("fitur", "interaksi")
    (1, 'A', 'B')
    >>> numbers.letter("lampiran", "sumber")
    'A'
    """

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], int] = {}

    def _number(self, kind: str, key: str) -> int:
        if (kind, key) not in self._given:
            self._given[kind, key] = sum(1 for k in self._given if k[0] == kind) + 1
        return self._given[kind, key]

    def table(self, key: str) -> int:
        return self._number("tabel", key)

    def figure(self, key: str) -> int:
        return self._number("gambar", key)

    def letter(self, chapter: str, key: str) -> str:
        """The letter of section ``key`` within ``chapter``: A for the first shown."""
        return chr(ord("A") + self._number(f"bagian {chapter}", key) - 1)

    @staticmethod
    def roman(index: int) -> str:
        """The number of the chapter at ``index`` (0: I)."""
        return ROMAN[index]
