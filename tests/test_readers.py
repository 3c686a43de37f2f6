"""Every export format, read from the real public samples or from fixtures built from the
documented headers; expected figures are computed independently with the csv module."""

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpureport import config
from kpureport.errors import DataError
from kpureport.ingest import readers
from kpureport.ingest.load import load_exports, load_profile
from kpureport.ingest.readers import textfile

from .conftest import DATA, KKU, SAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
WIB = "Asia/Pontianak"


def read(path: Path, tz: str = WIB, **kw) -> readers.Export:
    return readers.read_export(path, tz, **kw)


def csv_rows(path: Path, encoding: str = "utf-8-sig", skip: int = 0) -> list[dict]:
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[skip:]


def test_every_sample_is_recognized_by_content():
    formats = {p.name: readers.detect(textfile.open_table(p)).name for p in SAMPLES.glob("*.csv")}
    assert formats == {
        "tiktok-studio-Overview.csv": "tiktok-overview",
        "facebook-insights-legacy-page-level.csv": "facebook-insights-page",
        "facebook-insights-legacy-post-level.csv": "facebook-insights-post",
        "google-forms-responses.csv": "google-forms",
        "tweet_activity_metrics_2021-01_en.csv": "twitter-tweet-activity",
        "youtube-studio-Table data.csv": "youtube-table",
        "youtube-studio-Totals.csv": "youtube-totals",
    }


def test_recognition_does_not_depend_on_the_file_name(tmp_path):
    copy = tmp_path / "unduhan (3).csv"
    shutil.copyfile(SAMPLES / "tweet_activity_metrics_2021-01_en.csv", copy)
    assert read(copy).format.name == "twitter-tweet-activity"


def test_tweets_are_counted_and_their_utc_times_moved_to_wib():
    path = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    rows = csv_rows(path)
    posts = read(path).table
    assert len(posts) == len(rows) == 40
    assert posts["impressions"].sum() == sum(int(float(r["impressions"])) for r in rows)
    assert posts["shares"].sum() == sum(int(float(r["retweets"])) for r in rows)
    tweet = posts.set_index("post_id").loc["1346954699635892225"]
    assert tweet["published"] == pd.Timestamp("2021-01-07 06:00", tz=WIB)  # 23:00 UTC on the 6th
    assert str(posts["published"].dt.tz) == WIB


def test_youtube_total_row_is_not_a_video():
    path = SAMPLES / "youtube-studio-Table data.csv"
    rows = [r for r in csv_rows(path) if r["Content"] != "Total"]
    export = read(path)
    summary = readers.summary(export)
    assert summary["rows"] == len(rows) == 442
    assert "Total" not in set(export.table["post_id"])
    assert summary["totals"]["views"] == sum(int(r["Views"]) for r in rows)
    assert export.table.set_index("post_id").loc["UWQNrpakgcA", "published"].date() == dt.date(
        2025, 8, 28
    )


def test_youtube_totals_resaved_by_excel_are_read_day_first():
    summary = readers.summary(read(SAMPLES / "youtube-studio-Totals.csv"))
    rows = csv_rows(SAMPLES / "youtube-studio-Totals.csv")
    assert summary["start"] == "2025-06-13"  # 13-06-2025: the 13 settles day-first
    assert summary["rows"] == len(rows) == 365
    assert summary["totals"] == {"views": sum(int(r["Views"]) for r in rows)}


def test_legacy_facebook_posts_skip_the_description_row():
    export = read(SAMPLES / "facebook-insights-legacy-post-level.csv")
    posts = export.table.set_index("post_id")
    assert len(posts) == 3
    first = posts.loc["518995791497187_10152225918189138"]
    assert (first["reach"], first["impressions"], first["engagements"]) == (76, 139, 4)
    assert first["published"] == pd.Timestamp("2014-02-19 04:29:18", tz=WIB)


def test_legacy_facebook_page_file_in_windows_encoding():
    path = SAMPLES / "facebook-insights-legacy-page-level.csv"
    export = read(path)
    rows = csv_rows(path, encoding="cp1252", skip=1)
    daily = export.table
    likes = daily[daily["metric"] == "followers"].set_index("date")["value"]
    assert likes.index.min() == pd.Timestamp("2014-01-01")
    assert likes.iloc[-1] == int(rows[-1]["Lifetime Total Likes"]) == 128
    gained = daily[daily["metric"] == "followers_gained"]["value"].sum()
    assert gained == sum(
        int(r["Daily New Likes"] or 0) - int(r["Daily Unlikes"] or 0) for r in rows
    )


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


def test_meta_post_exports_for_facebook_and_instagram():
    fb = read(FIXTURES / "meta-facebook-posts.csv").table.set_index("post_id")
    assert fb.loc["1002", "views"] == 2500  # "2,500"
    assert fb.loc["1002", "text"].startswith("Pengumuman hasil rekapitulasi\n")
    assert fb.loc["1001", "likes"] == 45 and fb.loc["1001", "engagements"] == 60
    # "12/31/2024 20:30" in US Pacific time (Meta's clock) is New Year's Day, 11:30 WIB.
    assert fb.loc["1001", "published"] == pd.Timestamp("2025-01-01 11:30", tz=WIB)
    ig = read(FIXTURES / "meta-instagram-posts.csv").table.set_index("post_id")
    assert ig.loc["1801", "impressions"] == 160 and ig.loc["1801", "comments"] == 45
    assert ig.loc["1802", "type"] == "IG story"


def test_meta_daily_files_in_utf16_take_their_platform_from_the_metric_line():
    fb = read(FIXTURES / "meta-facebook-follows.csv")
    assert fb.format.name == "meta-daily" and fb.platform == "facebook"
    assert list(fb.table["date"].dt.day) == [1, 2, 4]  # sparse: the 3rd had no follows
    assert fb.table["value"].sum() == 30
    assert read(FIXTURES / "meta-instagram-follows.csv").platform == "instagram"


def test_youtube_indonesian_headers_and_chart_data():
    table = read(FIXTURES / "youtube-Data tabel.csv").table.set_index("post_id")
    assert list(table.index) == ["AbCdEfGhIjK", "LmNoPqRsTuV"]
    assert table.loc["AbCdEfGhIjK", "published"].date() == dt.date(2024, 8, 12)  # "12 Agu 2024"
    assert table.loc["LmNoPqRsTuV", "watch_hours"] == 5.25
    chart = read(FIXTURES / "youtube-Chart data.csv").table.set_index("date")["value"]
    assert chart.to_dict() == {pd.Timestamp("2025-08-28"): 120, pd.Timestamp("2025-08-29"): 115}


def test_new_x_exports_with_thousands_commas_and_net_follows():
    overview = readers.summary(read(FIXTURES / "account_overview_analytics.csv"))
    assert overview["format"] == "x-account-overview"
    assert overview["totals"]["impressions"] == 1234 + 800
    assert overview["totals"]["followers_gained"] == (5 - 1) + (2 - 3)
    content = read(FIXTURES / "account_analytics_content_2025-09-01_2025-09-06.csv").table
    assert content.set_index("post_id").loc["1964000000000000001", "impressions"] == 1050


def test_excel_indonesian_resave_is_read_in_its_locale():
    table = readers.textfile.open_table(FIXTURES / "youtube-Totals-excel-id.csv")
    assert (table.delimiter, table.locale) == (";", "id")
    daily = read(FIXTURES / "youtube-Totals-excel-id.csv").table.set_index("date")["value"]
    assert daily.to_dict() == {
        pd.Timestamp("2025-06-13"): 1224,
        pd.Timestamp("2025-06-14"): 147,
        pd.Timestamp("2025-06-15"): 2811,
    }


def test_inspect_prints_one_json_object(capsys):
    from kpureport.cli import main

    assert main(["inspect", str(SAMPLES / "tweet_activity_metrics_2021-01_en.csv"), "--json"]) == 0
    import json

    found = json.loads(capsys.readouterr().out)
    assert set(found) >= {"format", "platform", "rows", "start", "end", "totals"}
    assert (found["platform"], found["rows"], found["start"]) == ("twitter", 40, "2021-01-07")


def _office_with(tmp_path: Path, files: dict[str, Path | str]) -> Path:
    folder = tmp_path / KKU
    shutil.copytree(DATA / KKU, folder)
    (folder / "exports").mkdir()
    for index, (name, content) in enumerate(files.items()):
        target = folder / "exports" / name
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
        os.utime(target, (1_700_000_000 + index, 1_700_000_000 + index))
    return folder


def test_overlapping_exports_count_each_post_once_and_the_newest_wins(tmp_path):
    sample = SAMPLES / "tweet_activity_metrics_2021-01_en.csv"
    text = sample.read_text(encoding="utf-8")
    newer = text.replace(
        '"1346954699635892225","https://twitter.com/rOpenSci/status/1346954699635892225"',
        '"1346954699635892225","https://twitter.com/rOpenSci/status/1346954699635892225"',
        1,
    )
    rows = csv_rows(sample)
    old_impressions = int(
        float(next(r for r in rows if r["Tweet id"] == "1346954699635892225")["impressions"])
    )
    newer = newer.replace(f'"{old_impressions}.0"', f'"{old_impressions + 100}.0"', 1)
    folder = _office_with(
        tmp_path,
        {
            # the later download is told by the day its name states, never by file times: here
            # the older download is the file written last
            "januari-diunduh-2021-02-10.csv": newer,
            "januari-diunduh-2021-02-01.csv": text,
            "views-a.csv": SAMPLES / "youtube-studio-Totals.csv",
            "views-b.csv": SAMPLES / "youtube-studio-Totals.csv",
        },
    )
    exports = load_exports(folder, load_profile(folder))
    assert len(exports.posts) == 40
    tweet = exports.posts.set_index("post_id").loc["1346954699635892225"]
    assert tweet["impressions"] == old_impressions + 100
    assert tweet["source"] == "januari-diunduh-2021-02-10.csv"
    coverage = exports.coverage.set_index("source")
    assert coverage.loc["januari-diunduh-2021-02-01.csv", "replaced"] == 40
    assert coverage.loc["januari-diunduh-2021-02-10.csv", "replaced"] == 0
    assert coverage.loc["januari-diunduh-2021-02-10.csv", "downloaded"] == pd.Timestamp(
        "2021-02-10"
    )
    assert len(exports.daily) == 365


def test_check_lists_every_problem_across_export_files(tmp_path, capsys):
    from kpureport.cli import main

    folder = _office_with(
        tmp_path,
        {
            "kosong.csv": "",
            "catatan.txt": "bukan ekspor",
            "aneh.csv": "Tanggal,Sesuatu\n2021-01-01,1\n",
        },
    )
    (folder / "exports" / "foto.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert main(["check", "--office", KKU, "--data", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "kosong.csv" in out and "foto.csv" in out and "aneh.csv" in out
    assert "gambar PNG" in out and "catatan.txt" not in out


BAD = {
    "header only": ("Date,Views\n", "tidak ada baris data"),
    "negative count": ("Date,Views\n2025-06-01,12\n2025-06-02,-3\n", "bilangan 0 atau lebih"),
    "ambiguous decimal": ("Date,Views\n2025-06-01,1.030\n", "dapat terbaca dua cara"),
    "implausible date": ("Date,Views\n1899-06-01,3\n", "dari tahun 2004"),
    "future date": ("Date,Views\n2099-06-01,3\n", "dari tahun 2004"),
    "text in number": ("Date,Views\n2025-06-01,banyak\n", "angka"),
}


@pytest.mark.parametrize(("content", "message"), BAD.values(), ids=BAD.keys())
def test_bad_values_name_file_row_column(tmp_path, content, message):
    path = tmp_path / "Totals.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        read(path)
    problem = err.value.problems[0]
    assert problem.path == path
    if "baris data" not in message:
        assert problem.row is not None and problem.column is not None


def test_truncated_last_row_is_reported(tmp_path):
    sample = (SAMPLES / "tweet_activity_metrics_2021-01_en.csv").read_text(encoding="utf-8")
    path = tmp_path / "tweets.csv"
    path.write_text(
        sample.rstrip("\n")[: sample.rstrip("\n").rfind(',"0"') - 200], encoding="utf-8"
    )
    with pytest.raises(DataError, match="tanda kutip tidak ditutup") as err:
        read(path)
    assert err.value.problems[0].row == 41  # the 40th tweet, under the header


def test_duplicated_rows_are_reported_not_silently_merged(tmp_path):
    lines = (FIXTURES / "meta-instagram-posts.csv").read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "ig.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="sama dengan baris 2") as err:
        read(path)
    assert err.value.problems[0].row == 4


def test_mixed_encoding_is_reported_with_its_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"Date,Views\n2025-06-01,1\n"
        + "2025-06-02,2 café\n".encode()
        + "2025-06-03,3 caf\xe9\n".encode("cp1252")
    )
    with pytest.raises(DataError, match="campuran pengodean") as err:
        read(path)
    assert err.value.problems[0].row == 3


def test_binary_and_huge_files_are_refused_without_reading_them(tmp_path):
    image = tmp_path / "laporan.csv"
    image.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    with pytest.raises(DataError, match="gambar JPEG"):
        read(image)
    huge = tmp_path / "besar.csv"
    with huge.open("wb") as handle:
        handle.truncate(textfile.MAX_BYTES + 1)  # sparse: no disk is used
    with pytest.raises(DataError, match="paling besar 500 MB"):
        read(huge)


def test_unknown_file_names_the_closest_format_and_what_it_lacks(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        'Post id,Date,Post text,Impressions\n1,"Sat, Sep 6, 2025",a,1\n', encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"paling mirip: X Analytics, per unggahan .* Post Link"):
        read(path)


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


@given(
    st.floats(min_value=0, max_value=1e12, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from(["en", "id"]),
)
def test_platform_numbers_parse_back_in_their_locale(value, locale):
    from kpureport.ingest.readers.parse import number_text

    if locale == "id":
        text = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    else:
        text = f"{value:,.2f}"
    parsed, bad = number_text(pd.Series([text, str(value)]), locale)
    assert not bad.iloc[0]
    assert parsed.iloc[0] == pytest.approx(value)


def test_a_row_with_too_many_fields_is_located(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Views\n2025-06-01,1\n2025-06-02,2,3\n", encoding="utf-8")
    with pytest.raises(DataError, match="ditemukan '3 kolom', seharusnya 2 kolom") as err:
        read(path)
    assert err.value.problems[0].row == 3


def test_sample_copies_are_the_shared_samples_unchanged():
    shared = Path(__file__).resolve().parents[2] / "shared" / "samples"
    if not shared.is_dir():
        pytest.skip("../shared/samples is not beside this clone")
    for copy in SAMPLES.glob("*.csv"):
        assert copy.read_bytes() == (shared / copy.name).read_bytes(), copy.name


IG_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,"
    "Permalink,Post type,Data comment,Date,Impressions,Reach,Likes,Shares,Follows,Comments,Saves\n"
)


def _instagram(tmp_path: Path, times: list[str]) -> pd.Series:
    rows = "".join(
        f"{n},1784,kpu,KPU,Teks,0,{t},https://www.instagram.com/p/{n}/,IG image,,Lifetime,"
        "1,1,1,0,0,0,0\n"
        for n, t in enumerate(times, start=1)
    )
    path = tmp_path / "ig.csv"
    path.write_text(IG_HEADER + rows, encoding="utf-8-sig")
    return read(path).table.set_index("post_id")["published"]


def test_meta_publish_time_is_us_pacific_converted_to_the_office_zone(tmp_path):
    published = _instagram(
        tmp_path,
        [
            "12/31/2023 20:00",  # New Year's Eve in California: New Year's Day in Pontianak
            "06/30/2024 09:30",  # summer (PDT, UTC-7): 23:30 WIB the same day
            "07/01/2024 10:30",  # after midnight WIB: the next day, 00:30
            "03/10/2024 01:30",  # the night daylight saving begins (PST, UTC-8)
            "03/10/2024 03:30",  # the same night, after the change (PDT)
            "11/03/2024 01:30",  # the hour repeated when it ends: taken as the first (PDT)
        ],
    )
    assert published["1"] == pd.Timestamp("2024-01-01 11:00", tz=WIB)
    assert published["2"] == pd.Timestamp("2024-06-30 23:30", tz=WIB)
    assert published["3"] == pd.Timestamp("2024-07-02 00:30", tz=WIB)
    assert published["4"] == pd.Timestamp("2024-03-10 16:30", tz=WIB)
    assert published["5"] == pd.Timestamp("2024-03-10 17:30", tz=WIB)
    assert published["6"] == pd.Timestamp("2024-11-03 15:30", tz=WIB)


def test_an_office_may_name_the_zone_meta_writes_in(tmp_path):
    path = tmp_path / "ig.csv"
    path.write_text(
        IG_HEADER + "1,1784,kpu,KPU,T,0,12/31/2023 20:00,https://x/p/1/,IG image,,Lifetime,"
        "1,1,1,0,0,0,0\n",
        encoding="utf-8-sig",
    )
    table = read(path, meta_timezone="UTC").table
    assert table["published"].iloc[0] == pd.Timestamp("2024-01-01 03:00", tz=WIB)


FORM_HEADER = '"Timestamp","Email Address","Kritik dan saran"\n'


def _form(tmp_path: Path, stamps: list[str], header: str = FORM_HEADER, name="f.csv") -> Path:
    path = tmp_path / name
    rows = "".join(f'"{s}","","Pesan nomor {n}"\n' for n, s in enumerate(stamps, start=1))
    path.write_text(header + rows, encoding="utf-8")
    return path


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


def test_the_same_form_answers_in_two_exports_are_counted_once(tmp_path):
    folder = tmp_path / "kantor"
    shutil.copytree(DATA / KKU, folder)
    (folder / "exports").mkdir()
    first = ["2/1/2024 10:00:00", "2/13/2024 11:00:00"]
    _form(folder / "exports", first, name="jawaban.csv")
    _form(folder / "exports", first, name="jawaban (1).csv")  # a copy
    _form(folder / "exports", [*first, "3/1/2024 09:00:00"], name="jawaban-maret.csv")
    exports = load_exports(folder, load_profile(folder))
    assert len(exports.feedback) == 3
    assert any("4 jawaban formulir muncul lebih dari sekali" in str(n) for n in exports.notes)


def test_utf16_without_bom_is_read_as_text(tmp_path):
    path = tmp_path / "Instagram follows.csv"
    path.write_bytes('"Date","Primary"\n"2025-08-01T00:00:00","20"\n'.encode("utf-16-le"))
    export = read(path)
    assert export.table["value"].tolist() == [20]


def test_a_number_beyond_any_count_is_located_not_overflowed(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text(
        "Date,Views\n2024-06-01,3\n2024-06-02,99999999999999999999999\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"baris 3, kolom 'Views'.*paling besar") as err:
        read(path)
    assert "OverflowError" not in str(err.value)


def test_a_text_beyond_the_limit_is_cut_with_a_note(tmp_path):
    from kpureport.config import MAX_TEXT_CHARS

    path = tmp_path / "f.csv"
    path.write_text(FORM_HEADER + f'"13/1/2024 10:00:00","","{"kata " * 10_000}"\n', "utf-8")
    export = read(path)
    assert export.table["text"].str.len().max() == MAX_TEXT_CHARS
    assert "dipotong" in str(export.notes[0])


TIKTOK = SAMPLES / "tiktok-studio-Overview.csv"


def test_the_real_tiktok_overview_reads_with_the_year_of_its_anchor(tmp_path):
    path = tmp_path / "Overview_2024-04-20.csv"
    shutil.copy(TIKTOK, path)
    export = read(path)
    views = export.table[export.table["metric"] == "views"].set_index("date")["value"]
    rows = csv_rows(TIKTOK)
    assert export.format.name == "tiktok-overview" and export.platform == "tiktok"
    assert views[pd.Timestamp("2024-04-12")] == int(rows[0]["Video Views"])
    assert int(views.sum()) == sum(int(r["Video Views"]) for r in rows)


def test_tiktok_without_a_download_date_says_what_to_rename(tmp_path):
    path = tmp_path / "Overview.csv"
    shutil.copy(TIKTOK, path)
    with pytest.raises(DataError, match="Overview_2024-12-31.csv"):
        read(path)


def test_tiktok_days_later_than_the_export_day_belong_to_the_year_before(tmp_path):
    path = tmp_path / "Content_2025-01-18.csv"
    path.write_text(
        '\ufeff"Time","Video title","Video link","Post time","Total likes","Total comments",'
        '"Total shares","Total views"\n'
        '"January 18","Cek DPT","https://www.tiktok.com/@kpu/video/1","April 20","10","1","0","300"\n'
        '"January 18","Coklit","https://www.tiktok.com/@kpu/video/2","January 15","5","0","1","90"\n',
        encoding="utf-8",
    )
    export = read(path)
    assert export.format.kind == "top"  # listed videos, never a count of posts
    assert list(export.table["published"].dt.date) == [dt.date(2024, 4, 20), dt.date(2025, 1, 15)]


@pytest.mark.parametrize(
    ("day", "language"),
    [("18 tháng Sáu", "Vietnam"), ("9月16日", "Tionghoa"), ("18 января", "Rusia")],
)
def test_tiktok_in_another_interface_language_is_named(tmp_path, day, language):
    path = tmp_path / "Overview_2024-07-01.csv"
    path.write_text(
        f'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"{day}","1","0","0","0","0"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=f"{language}.*English atau Bahasa Indonesia"):
        read(path)


def test_tiktok_undefined_is_missing_and_the_export_day_is_dropped(tmp_path):
    path = tmp_path / "FollowerHistory_2024-08-20.csv"
    path.write_text(
        '"Date","Followers","Difference in followers from previous day"\n'
        '"18 Agustus","100","7"\n"19 Agustus","undefined","undefined"\n"20 Agustus","107","0"\n',
        encoding="utf-8",
    )
    table = read(path).table
    assert table[["date", "metric", "value"]].values.tolist() == [
        [pd.Timestamp("2024-08-18"), "followers", 100]
    ]
    viewers = tmp_path / "Viewers_2024-08-20.csv"
    viewers.write_text(
        '"Date","Total Viewers","New Viewers","Returning Viewers"\n'
        '"August 17","50","30","20"\n"August 18","undefined","0","0"\n',
        encoding="utf-8",
    )
    assert read(viewers).table["date"].tolist() == [pd.Timestamp("2024-08-17")]


def test_a_tiktok_zip_as_downloaded_is_read_without_unpacking(tmp_path):
    import zipfile

    path = tmp_path / "Overview_2024-04-20_1713600000_kpu_contoh.zip"  # exported 20 April 2024
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(TIKTOK, "Overview.csv")
    (export,) = readers.read_exports(path, WIB)
    assert export.table["date"].min() == pd.Timestamp("2024-04-12")
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    ("member", "message"),
    [("../../etc/evil.csv", "luar folder arsip"), ("setup.exe", "bukan berkas CSV")],
)
def test_a_zip_with_anything_else_is_refused(tmp_path, member, message):
    import zipfile

    path = tmp_path / "Overview_2024-04-20_1713600000_kpu.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, "Date,Views\n")
    with pytest.raises(DataError, match=message):
        readers.read_exports(path, WIB)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    import zipfile

    path = tmp_path / "Overview_2024-04-20_1713600000_kpu.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Overview.csv", b"0" * (config.ZIP_MAX_BYTES + 1))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(DataError, match="setelah dibuka"):
        readers.read_exports(path, WIB)


def _tiktok_workbook(path: Path, extra_sheet: bool = False) -> Path:
    """The real Overview sample saved as TikTok's XLSX choice writes it (numbers typed)."""
    import openpyxl

    book = openpyxl.Workbook()
    rows = list(csv.reader(TIKTOK.open(encoding="utf-8-sig")))
    for row in rows:
        book.active.append([int(v) if v.isdigit() else v for v in row])
    if extra_sheet:
        book.create_sheet("Keterangan").append(["Catatan", "Diunduh dari TikTok Studio"])
    book.save(path)
    return path


def test_a_tiktok_xlsx_reads_like_its_csv(tmp_path):
    workbook = _tiktok_workbook(tmp_path / "Overview_2024-04-20.xlsx", extra_sheet=True)
    plain = tmp_path / "Overview_2024-04-20.csv"
    shutil.copy(TIKTOK, plain)
    (from_xlsx,) = readers.read_exports(workbook, WIB)
    from_csv = read(plain)
    assert from_xlsx.format.name == "tiktok-overview"
    columns = ["platform", "date", "metric", "value"]
    pd.testing.assert_frame_equal(
        from_xlsx.table[columns], from_csv.table[columns], check_dtype=False
    )


def test_a_tiktok_zip_holding_an_xlsx_takes_the_zip_anchor(tmp_path):
    import zipfile

    book = _tiktok_workbook(tmp_path / "Overview.xlsx")
    path = tmp_path / "Overview_20220101_1713600000_kpu_contoh.zip"  # exported 20 April 2024
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(book, "Overview.xlsx")
    book.unlink()
    (export,) = readers.read_exports(path, WIB)
    assert export.table["date"].min() == pd.Timestamp("2024-04-12")
    assert readers.summary(export)["rows"] == 7


def test_a_workbook_with_no_known_sheet_names_the_closest_format(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tanggal", "Catatan"])
    book.active.append(["2024-01-01", "rapat"])
    path = tmp_path / "catatan.xlsx"
    book.save(path)
    with pytest.raises(DataError, match="paling mirip"):
        readers.read_exports(path, WIB)


def test_repeated_column_names_keep_every_value_and_are_listed(capsys):
    from kpureport import cli

    path = SAMPLES / "facebook-insights-legacy-post-level.csv"
    export = read(path)
    header = next(csv.reader(path.open(encoding="utf-8-sig")))
    first = header.index(
        "Lifetime Engaged Users"
    )  # a column after the repeated ones is not shifted
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))[2:]
    assert export.table["engagements"].tolist() == [int(r[first]) for r in rows]
    assert export.repeated["Lifetime Organic Video Views"] == [39, 40]
    assert cli.main(["inspect", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "Kolom ganda" in shown and "Lifetime Paid views to 95% (kolom 36, 37)" in shown


STORY_HEADER = (
    IG_HEADER.rstrip("\n") + ",Profile visits,Replies,Link clicks,Navigation,Sticker taps\n"
)


def test_meta_story_rows_are_stories_with_their_own_figures(tmp_path):
    from kpureport.analysis import metrics

    path = tmp_path / "ig.csv"
    path.write_text(
        STORY_HEADER
        + "1,1784,kpu,KPU,Cek DPT,0,03/27/2024 06:08,https://x/p/1/,IG image,,Lifetime,"
        "160,100,30,2,4,5,1,,,,,\n"
        "2,1784,kpu,KPU,Polling,15,03/14/2024 20:00,https://x/s/2/,IG story,,Lifetime,"
        "90,70,0,1,0,0,0,3,4,2,60,41\n"
        "3,1784,kpu,KPU,Info,15,03/15/2024 02:00,https://x/s/3/,IG story,,Lifetime,"
        "50,40,0,0,0,0,0,1,0,0,30,0\n",
        encoding="utf-8-sig",
    )
    posts = read(path).table
    assert posts["story"].tolist() == [False, True, True]
    assert metrics.posts_in_year(posts, 2024)["post_id"].tolist() == ["1"]
    summary = metrics.story_summary(posts, 2024).iloc[0]
    assert (summary["stories"], summary["reach"], summary["replies"]) == (2, 110, 4)
    assert summary["sticker_taps"] == 41 and summary["clicks"] == 2
    # 14 March 20:00 in California is 15 March 11:00 in Pontianak: both stories are that day.
    assert metrics.sticker_taps_on(posts, pd.Timestamp("2024-03-15"), "instagram") == 41
    assert metrics.sticker_taps_on(posts, pd.Timestamp("2024-03-14"), "instagram") is None
    assert metrics.stories_per_month(posts, 2024).loc[3, "instagram"] == 2


def test_facebook_stories_are_stories_too(tmp_path):
    fixture = FIXTURES / "meta-facebook-posts.csv"
    header, first = fixture.read_text(encoding="utf-8-sig").splitlines()[:2]
    story = first.replace("1001,", "1009,", 1).replace(",Photos,", ",Stories,")
    path = tmp_path / "fb.csv"
    path.write_text(
        f"{header},Replies,Sticker taps\n{first},,\n{story},2,7\n", encoding="utf-8-sig"
    )
    posts = read(path).table.set_index("post_id")
    assert not posts.loc["1001", "story"] and posts.loc["1009", "story"]
    assert posts.loc["1009", "sticker_taps"] == 7 and posts.loc["1009", "replies"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "kosong"),
        ('"Date","Video Views","Profile Views","Likes","Comments","Shares"\n', "tidak ada baris"),
        (
            '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
            + '"April 12","undefined","undefined","undefined","undefined","undefined"\n' * 3,
            "tidak ada baris",
        ),
    ],
    ids=["empty", "header-only", "undefined-everywhere"],
)
def test_a_tiktok_file_without_data_says_so(tmp_path, content, message):
    path = tmp_path / "Overview_2024-04-20.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read(path)


def _overview(days: list[tuple[str, int]]) -> str:
    header = '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
    return header + "".join(f'"{d}","{v}","1","1","0","0"\n' for d, v in days)


def test_check_notes_months_without_daily_data_and_exports_that_disagree(tmp_path, capsys):
    from kpureport.cli import main

    folder = _office_with(
        tmp_path,
        {
            "Overview_2024-05-01.csv": _overview(
                [("January 30", 10), ("January 31", 12), ("April 29", 40)]
            ),
            "Overview_2024-05-02.csv": _overview([("April 29", 55), ("April 30", 41)]),
        },
    )
    profile = folder / "profile.yml"  # the TikTok account the data belongs to (check asks it)
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "accounts:\n",
            "accounts:\n  - platform: tiktok\n    name: KPU KKU\n"
            "    url: https://www.tiktok.com/@kpu.kku\n    since: 2022-01\n",
            1,
        ),
        encoding="utf-8",
    )
    assert main(["check", "--office", KKU, "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "data harian TikTok tidak ada untuk bulan Februari 2024, Maret 2024" in out
    assert (
        "\u201cOverview_2024-05-01.csv\u201d dan \u201cOverview_2024-05-02.csv\u201d berbeda "
        "untuk TikTok (views) pada 29 April 2024 (40 dan 55)"
    ) in out
    assert "yang dipakai angka dari unduhan yang lebih baru" in out


TABS = {
    "Overview": "tiktok-overview",
    "FollowerHistory": "tiktok-follower-history",
    "FollowerActivity": "tiktok-follower-activity",
    "FollowerGender": "tiktok-follower-gender",
    "FollowerTopTerritories": "tiktok-follower-territories",
    "Viewers": "tiktok-viewers",
    "Content": "tiktok-content",
}


@pytest.mark.parametrize("tab", sorted(TABS))
def test_inspect_recognises_every_tiktok_tab_as_downloaded(tab, capsys):
    import json

    from kpureport import cli

    (path,) = sorted((DATA / "contoh" / "exports").glob(f"{tab}_*.zip"))[-1:]
    assert (
        cli.main(["inspect", str(path), "--json", "--office", "contoh", "--data", str(DATA)]) == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert found["format"] == TABS[tab] and found["platform"] == "tiktok"
    assert found["rows"] > 0 and found["start"].startswith(("2023-12", "2024"))
    assert found["end"] <= "2024-12-31"
