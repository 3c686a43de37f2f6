"""The command line: no raw traceback for a user (an unexpected failure is one line in Bahasa
Indonesia saying what was being done and which log file holds the details; known errors keep
their own message), mistakes explained in Indonesian, ``python -m kpureport``, and inspect's
JSON."""

import os
import subprocess
import sys

import pytest

from kpureport.cli import LOG_FILE, main

from .conftest import DATA, KKU, ROOT, SAMPLES


def run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "kpureport", *args, "--data", str(DATA)],
        cwd=tmp_path,
        env=dict(os.environ, TMPDIR=str(temp)),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_unexpected_failure_is_one_line_and_a_log_file(tmp_path):
    """A real one: the folder given for the province's templates is a file."""
    blocked = tmp_path / "rekap-kalbar"
    blocked.write_text("bukan folder", encoding="utf-8")
    done = run(tmp_path, "rekap", "--office", KKU, "--year", "2021", "--siapkan", str(blocked))
    assert done.returncode == 70
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("Gagal tak terduga saat membuat rekap (FileExistsError")
    log = tmp_path / "outputs" / LOG_FILE
    assert str(log) in lines[0]
    details = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in details and "perintah: rekap" in details


def test_a_report_that_fails_unexpectedly_in_a_batch_is_logged_too(tmp_path):
    """The output folder given is a file: the report fails, the summary says why in one line,
    the details go to the log (in the temporary folder, as the output folder cannot hold it)."""
    blocked = tmp_path / "hasil"
    blocked.write_text("bukan folder", encoding="utf-8")
    done = run(tmp_path, "build", "--office", KKU, "--year", "2021", "--out", str(blocked))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Gagal: NotADirectoryError" in done.stderr
    log = tmp_path / "tmp" / LOG_FILE
    assert f"rincian teknis ditulis ke {log}" in done.stderr
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_a_defect_in_any_command_is_logged_in_the_output_or_working_folder(
    tmp_path, monkeypatch, capsys
):
    from kpureport.ingest import load

    def broken(*_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(load, "check_office", broken)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--office", KKU, "--data", str(DATA)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Gagal tak terduga saat memeriksa data kantor (ZeroDivisionError")
    assert "Traceback" not in err
    assert "ZeroDivisionError" in (tmp_path / LOG_FILE).read_text(encoding="utf-8")


def test_a_known_error_keeps_its_own_message(tmp_path, capsys):
    assert main(["check", "--office", "tidak-ada", "--data", str(DATA)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Gagal: ") and "tidak-ada" in err
    assert not (tmp_path / LOG_FILE).exists()


def test_python_dash_m_runs_the_same_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "kpureport", "build", "--year", "21"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "tahun harus empat angka" in result.stderr


def test_command_line_mistakes_are_explained_in_indonesian(capsys):
    with pytest.raises(SystemExit) as err:
        main(["check"])
    assert err.value.code == 2
    message = capsys.readouterr().err
    assert "Cara pakai: kpureport check" in message
    assert "perintah tidak lengkap atau salah: wajib diisi: --office" in message


def test_inspect_prints_one_json_object(capsys):
    from kpureport.cli import main

    assert main(["inspect", str(SAMPLES / "tweet_activity_metrics_2021-01_en.csv"), "--json"]) == 0
    import json

    found = json.loads(capsys.readouterr().out)
    assert set(found) >= {"format", "platform", "rows", "start", "end", "totals"}
    assert (found["platform"], found["rows"], found["start"]) == ("twitter", 40, "2021-01-07")
