"""ZIPs as downloaded, and nothing else: empty, encrypted, damaged or ambiguous archives are
refused by name, in Indonesian."""

import zipfile

import pytest

from kpureport.errors import DataError
from kpureport.ingest import readers

from ...conftest import SAMPLES

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
