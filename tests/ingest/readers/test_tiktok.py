"""TikTok files: shares written as percents, impossible hours and download times refused, and
the download time taken only from a field of its own in the name."""

import datetime as dt

import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.readers import tiktok

ZONE = "Asia/Jakarta"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_distribution_written_as_a_percent_is_a_share(tmp_path):
    path = _write(
        tmp_path,
        "FollowerGender_2024-12-31.csv",
        '"Gender","Distribution"\n"Female","57%"\n"Male","0.43"\n',
    )
    table = readers.read_exports(path, ZONE)[0].table
    assert table.set_index("key")["value"].to_dict() == {"Female": 0.57, "Male": 0.43}


def test_a_share_above_the_whole_is_refused(tmp_path):
    path = _write(
        tmp_path, "FollowerGender_2024-12-31.csv", '"Gender","Distribution"\n"Female","57"\n'
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert caught.value.problems[0].column == "Distribution"


def test_an_hour_past_23_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "FollowerActivity_2024-12-31.csv",
        '"Date","Hour","Active followers"\n"December 30","25","10"\n"December 30","3","4"\n',
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "Hour")]


def test_a_download_time_in_the_future_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "FollowerGender_2000000000_kpu.csv",
        '"Gender","Distribution"\n"Female","0.57"\n',
    )
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, ZONE)
    assert "belum terjadi" in caught.value.problems[0].found


def test_digits_inside_a_handle_are_not_the_download_time():
    assert tiktok.export_day("Overview_2024-12-31_kpu1612345678.zip", ZONE) == dt.date(2024, 12, 31)
    assert tiktok.export_day("Overview_20220717_1735612200_kpu.contoh.zip", ZONE) == dt.date(
        2024, 12, 31
    )
