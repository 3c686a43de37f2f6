"""docs/ekspor.md lists every accepted export with the columns read, from the declarations."""

from pathlib import Path

from kpureport.ingest import readers
from kpureport.ingest.readers.catalogue import catalogue

PAGE = Path(__file__).resolve().parents[3] / "docs" / "ekspor.md"


def test_the_committed_page_is_the_one_the_declarations_make():
    assert PAGE.read_text(encoding="utf-8") == catalogue(), "run `make docs`"


def test_every_format_and_every_column_it_reads_is_on_the_page():
    page = PAGE.read_text(encoding="utf-8")
    for fmt in readers.FORMATS:
        assert f"`{fmt.name}`" in page
        for column in fmt.names:
            assert f"`{column}`" in page or column.casefold() in page.casefold(), column
    assert "Reach from Boosted posts" in page and "Engaged views" in page
    assert "8 MB" in page and "500 MB" in page


def test_the_readme_points_to_the_page():
    readme = (PAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "(docs/ekspor.md)" in readme
