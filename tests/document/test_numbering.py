"""One numbering per document: tables and figures numbered across it in the order shown,
section letters per chapter, a part shown again keeping its number."""

from kpureport.document.numbering import Numbering


def test_tables_figures_and_letters_are_counted_apart():
    numbers = Numbering()
    assert [numbers.table("a"), numbers.figure("a"), numbers.table("b")] == [1, 1, 2]
    assert [numbers.letter("fitur", "x"), numbers.letter("lampiran", "y")] == ["A", "A"]
    assert numbers.letter("fitur", "z") == "B"


def test_a_part_shown_again_keeps_its_number_and_the_next_one_follows():
    numbers = Numbering()
    numbers.table("pengikut")
    numbers.table("pertumbuhan")
    assert numbers.table("pengikut") == 1  # a cell re-run in JupyterLab
    assert numbers.table("interaksi") == 3


def test_chapters_are_roman():
    assert [Numbering.roman(i) for i in range(5)] == ["I", "II", "III", "IV", "V"]
