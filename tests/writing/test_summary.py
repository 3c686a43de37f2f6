"""The summary's sentences: direction words read from the printed values, ties among the
lowest targets named together, nothing said about days the data does not cover."""

import pandas as pd

from kpureport.analysis.summary import SCORECARD_COLUMNS
from kpureport.writing import summary


def _card(**columns) -> pd.DataFrame:
    rows = pd.DataFrame(columns)
    for column in SCORECARD_COLUMNS:
        if column not in rows:
            rows[column] = None
    return rows[list(SCORECARD_COLUMNS)].astype(SCORECARD_COLUMNS)


def test_a_change_printed_as_zero_is_not_called_a_rise():
    assert summary.change_words(4, 0.04) == "praktis tetap (+4)"
    assert summary.change_words(0, 0.0) == "tetap"
    assert summary.change_words(-308, -6.681) == "turun 308 (6,7%)"
    assert summary.change_words(18340, 19.1) == "naik 18.340 (19,1%)"


def test_ties_for_the_lowest_target_are_named_together():
    status = {
        "total": 9,
        "reached": 4,
        "missed": 5,
        "unmeasured": 0,
        "lowest": pd.DataFrame({"achievement": [75.0, 75.0]}),
    }
    sentence = summary.targets_sentence(status, ["jumlah polling", "klarifikasi hoaks"], 2024)
    assert sentence == (
        "Lima dari sembilan target kinerja tahun 2024 belum tercapai; terendah (75,0%) pada "
        "jumlah polling dan klarifikasi hoaks."
    )
    reached = dict(status, missed=0, reached=9, lowest=pd.DataFrame({"achievement": []}))
    assert summary.targets_sentence(reached, [], 2024) == (
        "Seluruh target kinerja tahun 2024 (sembilan target) tercapai."
    )
    assert "tidak tercatat dalam data kantor" in summary.targets_sentence(None, [], 2024)


def test_the_year_paragraph_names_the_platforms_whose_posts_it_counts():
    card = _card(
        platform=["instagram", "tiktok"],
        followers=[1000, 500],
        change=[100, None],
        posts=[40, None],
        months_with_posts=[12, None],
        longest_gap=[9, None],
    )
    sentences = summary.year_paragraph(
        "KPU Contoh", 2024, card, 0, 0, 0, None, None, [], "pada akhir tahun 2024"
    )
    text = " ".join(sentences)
    assert "menerbitkan 40 unggahan di beranda Instagram." in text
    assert "TikTok" in sentences[0]  # the accounts, all of them
    # 1.000 followers now on the account counted both years, 900 before: +100 (11,1%)
    assert "naik 100 (11,1%) dari akhir tahun 2023" in text


def test_notes_flag_silent_election_days_for_the_platforms_with_post_data_only():
    card = _card(
        platform=["instagram", "tiktok"],
        posts=[40, None],
        longest_gap=[20, None],
        change=[-12, 3],
        change_pct=[-1.23, 0.5],
    )
    silent = pd.DataFrame(
        {"day": pd.to_datetime(["2024-11-27"]), "kind": ["pemungutan_suara"], "stage": ["x"]}
    )
    notes = summary.notes(card, silent, 4, 2024)
    assert notes[0].startswith("Pada satu dari empat hari masa tenang dan pemungutan suara")
    assert "(Instagram): 27 November 2024" in notes[0]
    assert "Pengikut Instagram turun 12 (1,2%) dari akhir tahun 2023." in notes
    assert any("Instagram 20 hari" in n for n in notes)
    assert any(n.startswith("Unggahan TikTok tidak tercatat") for n in notes)
    # no post data at all: no claim about election days
    none = _card(platform=["tiktok"], posts=[None])
    assert not any("hari masa tenang" in n for n in summary.notes(none, silent, 4, 2024))
