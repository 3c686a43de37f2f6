import pandas as pd
import pytest

from kpureport.analysis import feedback


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Bagaimana cara pindah memilih?", "pertanyaan"),
        ("kapan pendaftaran PPS dibuka", "pertanyaan"),
        ("Informasi lokasi TPS belum jelas.", "kritik"),
        ("Pelayanan kurang cepat, antrean lama.", "kritik"),
        ("Mohon jadwal sosialisasi diumumkan lebih awal.", "saran"),
        ("Sebaiknya ada video tutorial cek DPT.", "saran"),
        ("Terima kasih, sangat membantu.", "apresiasi"),
        ("Mantap kontennya!", "apresiasi"),
        ("Salam dari Desa Sutera.", "lainnya"),
    ],
)
def test_messages_without_a_category_are_classified_by_the_stated_rules(text, category):
    assert feedback.classify(text) == category


def _rows(texts, categories=None):
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-01"] * len(texts)),
            "channel": "WhatsApp",
            "category": categories or [None] * len(texts),
            "text": texts,
        }
    )


def test_prepare_redacts_and_keeps_given_categories():
    rows = feedback.prepare(
        _rows(["Hubungi 0812-3456-7890, TPS belum jelas", "Terima kasih"], ["Saran", None]), 2024
    )
    assert list(rows["category"]) == ["saran", "apresiasi"]
    assert list(rows["category_source"]) == ["sumber", "aturan"]
    assert "0812" not in rows["text"].iloc[0]


def test_themes_keep_negations_in_word_pairs():
    rows = feedback.prepare(
        _rows(
            [
                "Informasi lokasi TPS tidak jelas.",
                "Jadwal sosialisasi tidak jelas sama sekali.",
                "Lokasi TPS tidak jelas, tolong diperbaiki.",
                "Pelayanan petugas sangat baik.",
            ]
        ),
        2024,
    )
    terms, pairs = feedback.themes(rows)
    assert "tidak jelas" in list(pairs["term"])
    assert "lokasi TPS" in list(pairs["term"])
    assert "TPS" in list(terms["term"])  # an acronym, in capitals whatever was typed
    assert "yang" not in list(terms["term"])


def test_pairs_never_join_words_across_punctuation():
    rows = feedback.prepare(_rows(["Antrean lama, petugas ramah."] * 3), 2024)
    _, pairs = feedback.themes(rows)
    assert "lama petugas" not in list(pairs["term"])


def test_quotes_are_redacted_and_one_per_category():
    rows = feedback.prepare(
        _rows(
            [
                "Informasi TPS belum jelas, hubungi saya di 081234567890 segera.",
                "Mohon jadwal sosialisasi diumumkan lebih awal di Instagram.",
                "Mohon sosialisasi lebih banyak di desa.",
            ]
        ),
        2024,
    )
    quotes = feedback.quotes(rows)
    assert list(quotes["category"]) == ["kritik", "saran"]
    assert "[nomor telepon dihapus]" in quotes["text"].iloc[0]
