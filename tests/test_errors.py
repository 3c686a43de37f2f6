"""Errors as records: every kind crosses the kernel boundary as data and comes back as the
same type with the same message (and a data error with every problem)."""

from pathlib import Path

import pytest

from kpureport.engine.build import BusyError
from kpureport.errors import (
    ERROR_TYPES,
    BuildError,
    DataError,
    ErrorKind,
    KpuReportError,
    OfficeNotFoundError,
    Problem,
    YearNotAvailableError,
    error_from_data,
)
from kpureport.output.export import BrowserNotFoundError

SIMPLE = [
    KpuReportError,
    OfficeNotFoundError,
    YearNotAvailableError,
    BuildError,
    BusyError,
    BrowserNotFoundError,
]


@pytest.mark.parametrize("kind", SIMPLE, ids=lambda k: k.__name__)
def test_every_error_type_survives_the_kernel_boundary(kind):
    back = error_from_data(kind("Laporan sedang dibuat oleh proses lain.").as_data())
    assert type(back) is kind
    assert str(back) == "Laporan sedang dibuat oleh proses lain."


def test_a_data_error_comes_back_with_every_problem_located():
    problems = [
        Problem(Path("data/x/followers.csv"), "angka", found="abc", row=3, column="pengikut"),
        Problem(Path("data/x/polls.csv"), "tanggal", row=7),
    ]
    back = error_from_data(DataError(problems).as_data())
    assert type(back) is DataError and back.problems == problems
    assert "followers.csv, baris 3, kolom 'pengikut'" in str(back)


def test_every_kind_has_one_type_and_an_unknown_kind_is_the_base_type():
    assert set(ERROR_TYPES) == set(ErrorKind)
    assert len(set(ERROR_TYPES.values())) == len(ErrorKind)
    assert type(error_from_data({"kind": "tidak-dikenal", "message": "m"})) is KpuReportError
    assert type(error_from_data({"kind": "data", "message": "m"})) is KpuReportError
