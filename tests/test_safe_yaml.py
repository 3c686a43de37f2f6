"""Every YAML file the tool reads goes through one loader that refuses alias bombs and
oversized files before building anything from them."""

import resource

import pytest

from kpureport.analysis import monev
from kpureport.config import YAML_MAX_NODES
from kpureport.errors import DataError
from kpureport.ingest import load, rules

#: Nine nested alias levels, 425 bytes: expanded, 10^9 strings.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)

READERS = {
    "capaian.yml": lambda folder: rules.load_scale(folder),
    "pillars.yml": lambda folder: rules.load_pillars(folder),
    "monev.yml": lambda folder: monev.read_rubric(folder / "monev.yml"),
    "profile.yml": lambda folder: load.load_profile(folder),
}


@pytest.fixture
def bounded_memory():
    """A bomb that expands fails the test with MemoryError instead of taking the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize("name", READERS)
def test_an_alias_bomb_is_refused_by_name_and_line(tmp_path, bounded_memory, name):
    (tmp_path / name).write_text(BOMB, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        READERS[name](tmp_path)
    problem = caught.value.problems[0]
    assert problem.path == tmp_path / name and problem.row == 2
    assert "alias" in problem.found


def test_a_file_with_more_nodes_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "capaian.yml"
    path.write_text("kategori:\n" + "- 1\n" * (YAML_MAX_NODES + 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        rules.load_scale(tmp_path)
    assert "nilai" in caught.value.problems[0].found
    assert caught.value.problems[0].path == path
