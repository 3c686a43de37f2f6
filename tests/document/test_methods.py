"""The methods appendix reads the same figures as the report's parts: its definitions list
only the parts the report shows, its sources name the files the figures came from."""

import pytest

from kpureport.document import methods
from kpureport.document.figures import Figures
from kpureport.document.numbering import Numbering
from kpureport.ingest.load import load_report_data

from ..conftest import DATA, KKU


@pytest.fixture(scope="module")
def kku() -> Figures:
    return Figures(load_report_data(DATA, KKU, 2021))


def test_the_appendix_letters_its_sections_in_order(kku):
    fields = methods.appendix(kku, Numbering())
    # the seed shows no posts or texts: no time zone and no privacy section, no gap in letters
    assert fields["letters"] == {"sumber": "A", "definisi": "B", "cakupan": "C"}
    assert fields["year"] == 2021


def test_definitions_of_parts_the_report_leaves_out_are_left_out(kku):
    terms = [term for term, _ in methods.definitions(kku)]
    assert "Pengikut akhir tahun" in terms
    conditional = [d["term"] for d in methods.wording()["definitions"] if d.get("when")]
    shown = {
        "last_year": kku.has_last_year,
        "growth": kku.growth_table["previous"].notna().any(),
        "stages": not kku.year_stages.empty,
        "pillars": not kku.pillar_table.empty,
        "targets": not kku.achievement.empty,
        "answers": not kku.answer_times.empty,
        "rates": kku.rates["rate"].notna().any(),
        "best_times": not kku.year_posts.empty,
        "polls": not kku.polls.empty,
        "feedback": not kku.feedback_rows.empty,
        "twitter": any(a.platform == "twitter" for a in kku.profile.accounts),
    }
    when = {d["term"]: d["when"] for d in methods.wording()["definitions"] if d.get("when")}
    assert [t for t in conditional if t in terms] == [t for t in conditional if shown[when[t]]]


def test_sources_name_the_staff_tables_and_say_what_is_missing(kku):
    followers, posts, *_ = methods.sources(kku)
    assert "\u201cfollowers.csv\u201d" in followers
    assert ("tidak ada berkas unduhan" in posts) == kku.year_posts.empty


def test_the_removed_personal_data_are_named_only_when_there_were_some():
    assert methods.removed_sentence(1, 0, 2) == (
        "Pada data tahun ini dihapus satu NIK dan dua alamat surel."
    )
    assert "tidak ditemukan" in methods.removed_sentence(0, 0, 0)


def test_the_appendix_of_a_report_without_posts_or_texts_explains_neither_zones_nor_redaction():
    """The seed shows followers only: no time zone rule, no privacy rule, no growth formula
    (there is no year before); the demo, which shows posts, feedback and growth, has all."""
    import re

    from kpureport import Report

    def sections(office: str, year: int) -> tuple[list[str], str]:
        html = str(Report.load(office, year, DATA).methods())
        return re.findall(r"<h3>([^<]*)</h3>", html), html

    seed, seed_html = sections("kayong-utara", 2021)
    assert seed == ["A. Sumber data", "B. Definisi dan rumus", "C. Cakupan data"]
    assert "Pertumbuhan pengikut" not in seed_html
    demo, demo_html = sections("contoh", 2024)
    assert "C. Zona waktu" in demo and "E. Perlindungan data pribadi" in demo
    assert "Pertumbuhan pengikut" in demo_html
