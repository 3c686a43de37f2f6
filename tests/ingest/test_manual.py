"""Tables staff fill by hand: CSV or Excel, Indonesian or English headers, Excel's Indonesian
re-save, and the templates ``kpureport init`` hands out; and the monthly staff table: figures
only the apps show (Threads, WhatsApp Channels, TikTok's posts), validated like the other staff
tables."""

import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from kpureport.cli import main
from kpureport.errors import DataError
from kpureport.ingest import manual, validate
from kpureport.ingest.manual import read_manual


def test_the_monthly_table_reads_months_and_leaves_figures_the_app_does_not_show_empty(tmp_path):
    (tmp_path / "monthly.csv").write_text(
        "bulan,platform,pengikut,unggahan,tayangan\n"
        "2025-01,threads,812,14,\n"
        "2025-01,whatsapp,2310,22,15400\n"
        "2025-02,tiktok,,9,\n",
        encoding="utf-8",
    )
    table = read_manual(tmp_path, "monthly")
    assert list(table.columns) == ["month", "platform", "followers", "posts", "views", "source"]
    assert table["month"].tolist() == [pd.Timestamp("2025-01-01")] * 2 + [
        pd.Timestamp("2025-02-01")
    ]
    whatsapp = table.set_index("platform").loc["whatsapp"]
    assert (whatsapp["followers"], whatsapp["posts"], whatsapp["views"]) == (2310, 22, 15400)
    assert table["views"].isna().tolist() == [True, False, True]
    assert pd.isna(table.set_index("platform").loc["tiktok", "followers"])


def test_excel_indonesian_resave_of_the_monthly_table(tmp_path):
    (tmp_path / "monthly.csv").write_text(
        "bulan;platform;pengikut;unggahan;tayangan\n03/2025;whatsapp;2.410;25;16.050\n",
        encoding="utf-8",
    )
    row = read_manual(tmp_path, "monthly").iloc[0]
    assert (row["month"], row["followers"], row["views"]) == (
        pd.Timestamp("2025-03-01"),
        2410,
        16050,
    )


def test_the_monthly_table_names_every_bad_cell(tmp_path):
    (tmp_path / "monthly.csv").write_text(
        "bulan,platform,pengikut,unggahan,tayangan\n"
        "2025-13,threads,812,14,\n"
        "2025-01,whatsapp channel,2310,22,\n"
        "2025-02,tiktok,1.030,9,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        read_manual(tmp_path, "monthly")
    found = {(p.row, p.column) for p in err.value.problems}
    assert {(2, "bulan"), (3, "platform"), (4, "pengikut")} <= found


def test_a_month_and_platform_written_twice_is_refused(tmp_path):
    (tmp_path / "monthly.csv").write_text(
        "bulan,platform,pengikut,unggahan,tayangan\n2025-02,tiktok,,9,\n2025-02,tiktok,,10,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        read_manual(tmp_path, "monthly")
    assert [p.row for p in err.value.problems] == [2, 3]
    assert "satu baris untuk setiap bulan + platform" in err.value.problems[0].expected


def _targets(tmp_path, rows):
    (tmp_path / "targets.csv").write_text(
        "tahun,indikator,platform,target\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8"
    )


def test_an_engagement_target_without_its_platform_is_refused(tmp_path):
    _targets(tmp_path, ["2024,tingkat_interaksi,,5", "2024,tingkat_interaksi,instagram,5"])
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "targets")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "platform")]


@pytest.mark.parametrize("target", ["150", "250"])
def test_a_share_target_above_100_percent_is_refused(tmp_path, target):
    _targets(tmp_path, [f"2024,pertanyaan_dijawab,,{target}", "2024,pertumbuhan_pengikut,,150"])
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "targets")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "target")]


def test_polls_with_indonesian_headers(tmp_path):
    (tmp_path / "polls.csv").write_text(
        "tanggal,platform,pertanyaan,pilihan,suara\n"
        "2024-02-01,instagram,Sudah cek DPT?,Sudah,130\n"
        "2024-02-01,instagram,Sudah cek DPT?,Belum,70\n",
        encoding="utf-8",
    )
    polls = read_manual(tmp_path, "polls")
    assert list(polls.columns) == ["date", "platform", "question", "option", "votes", "source"]
    assert polls["votes"].sum() == 200 and polls["date"].iloc[0] == pd.Timestamp("2024-02-01")


def test_excel_indonesian_resave_reads_thousands_dots_and_day_first_dates(tmp_path):
    (tmp_path / "followers.csv").write_text(
        "tanggal;platform;pengikut\r\n31/12/2023;instagram;54.405\r\n31/12/2024;instagram;66.042\r\n",
        encoding="cp1252",
    )
    followers = read_manual(tmp_path, "followers")
    assert list(followers["followers"]) == [54405, 66042]
    assert list(followers["date"].dt.date) == [dt.date(2023, 12, 31), dt.date(2024, 12, 31)]


def test_the_same_value_in_a_comma_file_is_an_error_not_a_guess(tmp_path):
    (tmp_path / "followers.csv").write_text(
        "tanggal,platform,pengikut\n2023-12-31,instagram,54.405\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="tulis 1030, bukan 1.030"):
        read_manual(tmp_path, "followers")


def _xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_feedback_from_excel_with_typed_dates(tmp_path):
    _xlsx(
        tmp_path / "feedback.xlsx",
        [
            ["tanggal", "kanal", "kategori", "isi"],
            [dt.datetime(2024, 3, 1), "WhatsApp", "Kritik", "Antrean di loket terlalu lama."],
            [dt.datetime(2024, 3, 2), "Surat", None, "placeholder"],
        ],
    )
    book = load_workbook(tmp_path / "feedback.xlsx")
    cell = book.active["D3"]
    cell.value, cell.data_type = '=HYPERLINK("http://contoh.invalid")', "s"  # typed as '=...
    book.save(tmp_path / "feedback.xlsx")
    feedback = read_manual(tmp_path, "feedback")
    assert list(feedback["category"].fillna("")) == ["kritik", ""]
    assert feedback["text"].iloc[1] == '=HYPERLINK("http://contoh.invalid")'


def test_excel_problems_name_the_sheet_row(tmp_path):
    _xlsx(
        tmp_path / "polls.xlsx",
        [
            ["date", "platform", "question", "option", "votes"],
            [dt.datetime(2024, 3, 1), "instagram", "Q", "Ya", -4],
            [dt.datetime(2024, 3, 1), "myspace", "Q", "Tidak", 3],
        ],
    )
    with pytest.raises(DataError) as err:
        read_manual(tmp_path, "polls")
    located = sorted((p.row, p.column) for p in err.value.problems)
    assert located == [(2, "votes"), (3, "platform")]


def test_a_file_that_is_not_really_excel(tmp_path):
    (tmp_path / "followers.xlsx").write_text("bukan excel", encoding="utf-8")
    with pytest.raises(DataError, match="berkas Excel tidak terbaca"):
        read_manual(tmp_path, "followers")


def test_init_creates_templates_that_read_back_empty_and_refuses_to_overwrite(tmp_path, capsys):
    assert main(["init", "--office", "kota-contoh", "--data", str(tmp_path)]) == 0
    folder = tmp_path / "kota-contoh"
    for name in validate.MANUAL_TABLES:
        assert read_manual(folder, name).empty
        header = [c.value for c in load_workbook(folder / f"{name}.xlsx").active[1]]
        assert header == [c.label for c in validate.MANUAL_TABLES[name]]
    assert (folder / "followers.csv").read_text(encoding="utf-8") == "tanggal,platform,pengikut\n"
    capsys.readouterr()
    # An untouched template is not a finished office: check names the examples left in it.
    assert main(["check", "--office", "kota-contoh", "--data", str(tmp_path)]) == 1
    assert "profile.yml, baris 3" in capsys.readouterr().out
    assert main(["init", "--office", "kota-contoh", "--data", str(tmp_path)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert main(["init", "--office", "Kota Contoh", "--data", str(tmp_path)]) == 1


def test_rows_typed_into_both_csv_and_excel_are_not_counted_twice(tmp_path):
    (tmp_path / "followers.csv").write_text(
        "date,platform,followers\n2024-12-31,youtube,25\n", encoding="utf-8"
    )
    _xlsx(
        tmp_path / "followers.xlsx",
        [["date", "platform", "followers"], [dt.datetime(2024, 12, 31), "youtube", 25]],
    )
    with pytest.raises(DataError, match="bukan keduanya"):
        read_manual(tmp_path, "followers")
