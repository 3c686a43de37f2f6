"""The staff tables grid checks cells by the rules of ``kpureport check`` and writes the CSV
the command line reads."""

from __future__ import annotations

from kpureport.app import tables
from kpureport.ingest import manual


def test_a_bad_cell_is_named_by_its_row_and_column(tmp_path):
    rows = [["2024-12-31", "youtube", "1250"], ["2024-06-30", "instagram", "1.030"]]
    problems = tables.check(tmp_path, "followers", rows)
    assert [(p.row, p.column) for p in problems] == [(3, "pengikut")]
    assert "pemisah ribuan" in problems[0].expected
    assert tables.check(tmp_path, "followers", [["2024-12-31", "youtube", "1250"]]) == []


def test_duplicates_and_order_are_checked_as_check_does(tmp_path):
    twice = [["2024-12-31", "youtube", "1"], ["2024-12-31", "youtube", "2"]]
    assert tables.check(tmp_path, "followers", twice)[0].column is None
    backwards = [["2024-03-02", "2024-03-01", "Pemungutan suara", ""]]
    assert tables.check(tmp_path, "stages", backwards)[0].column == "selesai"


def test_the_written_table_reads_back_through_the_command_lines_reader(tmp_path):
    rows = [["2024-12-31", "youtube", "1250"], ["2024-06-30", "instagram", "1030"]]
    (tmp_path / "followers.csv").write_text(tables.csv_text("followers", rows), encoding="utf-8")
    table = manual.read_manual(tmp_path, "followers")
    assert table["followers"].tolist() == [1030, 1250]
    frame, _ = manual.cells(tmp_path / "followers.csv", "followers")
    assert frame.loc[2].tolist() == rows[0]


def test_a_table_changed_in_another_tab_is_not_overwritten(tmp_path):
    from kpureport.app.state import State

    office = tmp_path / "data" / "uji"
    office.mkdir(parents=True)
    (office / "profile.yml").write_text("name: x\n", encoding="utf-8")
    path = office / "followers.csv"
    path.write_text(tables.csv_text("followers", [["2024-12-31", "youtube", "10"]]), "utf-8")
    state = State(tmp_path / "data", tmp_path / "outputs", "uji", 2024)
    mine, theirs = tables.TableGrid(state), tables.TableGrid(state)
    mine.refresh()
    theirs.refresh()
    theirs.rows[0][2].value = "20"
    theirs._save()
    mine.rows[0][2].value = "30"
    mine._save()
    assert "diubah di jendela" in mine.message.widget.value
    assert tables.manual.read_manual(office, "followers")["followers"].tolist() == [20]
    # no temporary file is left beside the table
    assert {p.name for p in office.iterdir()} == {"profile.yml", "followers.csv"}
