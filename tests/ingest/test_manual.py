"""The monthly staff table: figures only the apps show (Threads, WhatsApp Channels, TikTok's
posts), validated like the other staff tables."""

import pandas as pd
import pytest

from kpureport.errors import DataError
from kpureport.ingest import manual
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
