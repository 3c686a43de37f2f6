"""Reading one export: a text beyond the limit cut with a note; ZIPs as downloaded, and nothing
else: empty, encrypted, damaged, ambiguous, escaping or inflating archives are refused by name,
in Indonesian; and the sample copies are the shared samples unchanged."""

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from kpureport import config
from kpureport.errors import DataError
from kpureport.ingest import readers

from ...conftest import SAMPLES
from .helpers import FORM_HEADER, TIKTOK, WIB, read

OVERVIEW = (SAMPLES / "tiktok-studio-Overview.csv").read_bytes()


def _refused(path):
    with pytest.raises(DataError) as caught:
        readers.read_exports(path, "Asia/Jakarta")
    (problem,) = caught.value.problems
    assert problem.path == path
    return problem


def test_an_empty_zip_is_refused(tmp_path):
    path = tmp_path / "Overview_2024-12-31.zip"
    zipfile.ZipFile(path, "w").close()
    assert "kosong" in _refused(path).found


def test_two_members_with_one_name_are_refused(tmp_path):
    path = tmp_path / "Overview_2024-12-31.zip"
    with zipfile.ZipFile(path, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("Overview.csv", OVERVIEW)
        archive.writestr("Overview.csv", OVERVIEW.replace(b'"1591"', b'"9999"'))
    assert "dua kali" in _refused(path).found


def test_an_encrypted_member_is_refused_by_name(tmp_path):
    path = tmp_path / "Overview_2024-12-31.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Overview.csv", OVERVIEW)
    raw = bytearray(path.read_bytes())
    raw[6] |= 0x1  # the "encrypted" flag, in the member's header and in the directory
    raw[raw.index(b"PK\x01\x02") + 8] |= 0x1
    path.write_bytes(bytes(raw))
    problem = _refused(path)
    assert "'Overview.csv'" in problem.found and "kata sandi" in problem.found


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_member_whose_crc_does_not_match_is_refused_by_name(tmp_path, compression):
    path = tmp_path / "Overview_2024-12-31.zip"
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("Overview.csv", OVERVIEW)
    raw = bytearray(path.read_bytes())
    raw[60] ^= 0x01  # inside the member's data, after its 30-byte header and name
    path.write_bytes(bytes(raw))
    problem = _refused(path)
    assert "'Overview.csv' rusak" in problem.found


def test_sample_copies_are_the_shared_samples_unchanged():
    shared = Path(__file__).resolve().parents[4] / "shared" / "samples"
    if not shared.is_dir():
        pytest.skip("../shared/samples is not beside this clone")
    for copy in SAMPLES.glob("*.csv"):
        assert copy.read_bytes() == (shared / copy.name).read_bytes(), copy.name


def test_a_text_beyond_the_limit_is_cut_with_a_note(tmp_path):
    from kpureport.config import MAX_TEXT_CHARS

    path = tmp_path / "f.csv"
    path.write_text(FORM_HEADER + f'"13/1/2024 10:00:00","","{"kata " * 10_000}"\n', "utf-8")
    export = read(path)
    assert export.table["text"].str.len().max() == MAX_TEXT_CHARS
    assert "dipotong" in str(export.notes[0])


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
