"""Google Forms response sheets: only the date and the chosen feedback text are kept, whatever
the staff typed stays plain text, and the order of a timestamp's day and month is settled by
the sheet, the profile or an error, never a guess."""

import datetime as dt

import pandas as pd
import pytest

from kpureport.errors import DataError

from ...conftest import SAMPLES
from .helpers import FIXTURES, _form, read


def test_google_forms_feedback_keeps_only_date_and_chosen_text():
    path = SAMPLES / "google-forms-responses.csv"
    export = read(path)
    assert (
        export.table.attrs["feedback_column"]
        == "In what other ways can NUS better tackle sexual misconduct?"
    )
    assert list(export.table.columns) == [
        "date",
        "channel",
        "category",
        "text",
        "answer_key",
        "source",
    ]
    first = export.table.iloc[0]
    assert first["date"] == pd.Timestamp("2021-01-23 21:58:38")  # 10:58:38 pm GMT+8 is 21:58 WIB
    with pytest.raises(DataError, match="semua jawaban kosong"):  # every answer is "NIL" or "NA"
        read(path, feedback_column="Please list them here if you have any other feedback.")


def test_the_user_names_the_feedback_column_by_its_header():
    path = FIXTURES / "formulir-kritik-saran.csv"
    export = read(path, feedback_column="Kritik dan saran untuk KPU")
    assert export.format.name == "google-forms-id"
    assert list(export.table["category"]) == ["saran", "kritik"]  # "-" is no answer
    assert export.table.iloc[0]["date"] == pd.Timestamp("2024-01-05 09:15:30")
    assert (
        "warga@contoh.id" not in export.table.to_string() and "Budi" not in export.table.to_string()
    )
    with pytest.raises(DataError, match="kolom 'Saran': ditemukan 'kolom tidak ada'"):
        read(path, feedback_column="Saran")


def test_formulas_and_html_in_feedback_stay_plain_text(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text(
        '"Timestamp","Kritik dan saran"\n'
        '"2024/01/02 9:00:00 am GMT+7","=HYPERLINK(""http://contoh.invalid"",""klik"")"\n'
        '"2024/01/03 9:00:00 am GMT+7","<script>alert(1)</script> tolong"\n',
        encoding="utf-8",
    )
    texts = list(read(path).table["text"])
    assert texts == [
        '=HYPERLINK("http://contoh.invalid","klik")',
        "<script>alert(1)</script> tolong",
    ]


def test_us_form_timestamps_are_read_month_first_when_the_column_says_so(tmp_path):
    path = _form(tmp_path, ["1/5/2024 10:00:00", "1/13/2024 11:00:00", "2/1/2024 12:00:00"])
    dates = list(read(path).table["date"].dt.date)
    assert dates == [dt.date(2024, 1, 5), dt.date(2024, 1, 13), dt.date(2024, 2, 1)]


def test_day_first_form_timestamps_when_the_column_says_so(tmp_path):
    path = _form(tmp_path, ["1/5/2024 10:00:00", "13/1/2024 11:00:00"])
    dates = list(read(path).table["date"].dt.date)
    assert dates == [dt.date(2024, 5, 1), dt.date(2024, 1, 13)]


def test_form_timestamps_that_cannot_be_settled_are_an_error_not_a_guess(tmp_path):
    path = _form(tmp_path, ["1/5/2024 10:00:00", "2/3/2024 11:00:00"])
    with pytest.raises(DataError, match="form_date_order") as err:
        read(path)
    assert "baris 2" in str(err.value) and "Timestamp" in str(err.value)
    assert list(read(path, form_date_order="month-first").table["date"].dt.month) == [1, 2]
    assert list(read(path, form_date_order="day-first").table["date"].dt.month) == [5, 3]


def test_form_timestamps_that_contradict_each_other_or_the_profile_are_errors(tmp_path):
    mixed = _form(tmp_path, ["13/1/2024 10:00:00", "1/13/2024 11:00:00"])
    with pytest.raises(DataError, match="bertentangan"):
        read(mixed)
    us = _form(tmp_path, ["1/13/2024 10:00:00"], name="us.csv")
    with pytest.raises(DataError, match="form_date_order: day-first"):
        read(us, form_date_order="day-first")


def test_an_indonesian_form_sheet_is_day_first():
    export = read(FIXTURES / "formulir-kritik-saran.csv")
    assert export.table["date"].iloc[0] == pd.Timestamp("2024-01-05 09:15:30")
