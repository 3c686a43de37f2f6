"""Targets that cannot be measured or reached are refused where they are typed."""

import pytest

from kpureport.errors import DataError
from kpureport.ingest import manual


def _targets(tmp_path, rows):
    (tmp_path / "targets.csv").write_text(
        "tahun,indikator,platform,target\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8"
    )


def test_an_engagement_target_without_its_platform_is_refused(tmp_path):
    _targets(tmp_path, ["2024,tingkat_interaksi,,5", "2024,tingkat_interaksi,instagram,5"])
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "targets")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "platform")]


@pytest.mark.parametrize("target", ["150", "250"])
def test_a_share_target_above_100_percent_is_refused(tmp_path, target):
    _targets(tmp_path, [f"2024,pertanyaan_dijawab,,{target}", "2024,pertumbuhan_pengikut,,150"])
    with pytest.raises(DataError) as caught:
        manual.read_manual(tmp_path, "targets")
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "target")]
