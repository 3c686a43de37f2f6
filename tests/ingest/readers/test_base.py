"""What every post export shares: a post written twice in one file is refused by its rows, never
silently merged."""

import pytest

from kpureport.errors import DataError

from .helpers import FIXTURES, read


def test_duplicated_rows_are_reported_not_silently_merged(tmp_path):
    lines = (FIXTURES / "meta-instagram-posts.csv").read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "ig.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="sama dengan baris 2") as err:
        read(path)
    assert err.value.problems[0].row == 4
