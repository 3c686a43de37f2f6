"""The generated report text against the rules of docs/gaya-bahasa.md marked [uji], on the
seed and the demo reports as built."""

import re

import pytest

from kpureport.config import POST_TYPE_LABELS
from kpureport.load import load_narrative

from .conftest import DATA, KKU

#: English type labels that must never reach the report (their Indonesian labels do).
ENGLISH = [k for k, v in POST_TYPE_LABELS.items() if k != v.lower() and k not in ("video",)]


def _staff_texts(office: str, year: int) -> list[str]:
    """What the staff wrote for the year (their words, not the generator's)."""
    narrative = load_narrative(DATA / office, year)
    texts = [
        narrative.introduction,
        narrative.platforms,
        narrative.features,
        narrative.constraints_intro,
        narrative.closing,
        *narrative.constraints,
        *narrative.solutions,
    ]
    return [" ".join(t.replace("*", "").split()) for t in texts if t]  # Markdown emphasis off


def _generated_text(html: str, office: str, year: int) -> str:
    """The report's main text as a reader sees it, without the staff's own paragraphs, the
    public's quoted messages, web addresses and the charts' folded figures."""
    body = html.split('<main id="isi">', 1)[-1].split("</main>", 1)[0]
    body = re.sub(r"<(style|script|blockquote|details)[^>]*>.*?</\\1>", " ", body, flags=re.S)
    body = re.sub(r"<a [^>]*>.*?</a>", " ", body, flags=re.S)
    body = re.sub(r"</?(?:em|strong|i|b|code)>", "", body)  # inline: no space of their own
    text = " ".join(re.sub(r"<[^>]+>", " ", body).replace("&amp;", "&").split())
    for paragraph in _staff_texts(office, year):
        text = text.replace(paragraph, " ")
    return text


@pytest.fixture(scope="module", params=[(KKU, 2021), ("contoh", 2024)], ids=["seed", "demo"])
def text(request, built, built_demo) -> str:
    office, year = request.param
    folder = built if office == KKU else built_demo
    html = next(folder.glob("*.html")).read_text(encoding="utf-8")
    return _generated_text(html, office, year)


def test_no_comma_before_sehingga_or_karena(text):
    assert not re.findall(r".{30}, (?:sehingga|karena) .{20}", text)


def test_ranges_of_hours_use_an_en_dash(text):
    assert not re.findall(r"\b\d\d\.\d\d-\d\d\.\d\d\b", text)


def test_no_english_post_type_labels(text):
    found = [w for w in ENGLISH if re.search(rf"(?<![\w/.@-]){re.escape(w)}(?![\w.-])", text, re.I)]
    assert not found, found


def test_acronyms_are_capitalised(text):
    assert not re.findall(r"(?<![\w@./-])(?:dpt|tps|kpu|nik|ppk|pps)(?![\w@./-])", text)


def test_no_zero_counts_of_removed_personal_data(text):
    assert not re.search(r"dihapus 0 |, 0 nomor telepon|dan 0 alamat surel", text)
