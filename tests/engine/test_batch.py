"""How a batch ends, as one Enum of statuses, counted in the closing table."""

from kpureport.engine import batch
from kpureport.engine.batch import Job, Outcome, Status


def test_statuses_are_one_enum_said_in_indonesian():
    assert [str(s) for s in Status] == ["dibuat", "dilewati", "sebagian", "gagal"]
    assert tuple(Status) == (batch.BUILT, batch.SKIPPED, batch.PARTIAL, batch.FAILED)
    assert f"{Status.FAILED:<8}|" == "gagal   |"


def test_the_summary_counts_every_status():
    outcomes = [
        Outcome(Job("kayong-utara", 2021), Status.BUILT, seconds=12.5),
        Outcome(Job("kayong-utara", 2022), Status.SKIPPED, "sudah mutakhir"),
        Outcome(Job("contoh", 2024), Status.PARTIAL, "PDF gagal dicetak"),
        Outcome(Job("rusak", None), Status.FAILED, "profile.yml: YAML tidak sah"),
    ]
    text = batch.summary(outcomes)
    assert "1 dibuat, 1 dilewati, 1 sebagian, 1 gagal." in text
    assert "12,5 detik" in text and "YAML tidak sah" in text
