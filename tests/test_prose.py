"""The generated report text against the rules of docs/gaya-bahasa.md marked [uji], on the
seed and the demo reports as built."""

import re
from pathlib import Path

import pytest

from kpureport.config import POST_TYPE_LABELS
from kpureport.load import load_narrative

from .conftest import DATA, KKU

ROOT = Path(__file__).resolve().parent.parent

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


def _glossary_avoid() -> list[str]:
    """The words the style guide's glossary says never to write (its last column)."""
    guide = (ROOT / "docs" / "gaya-bahasa.md").read_text(encoding="utf-8")
    table = guide.split("## Istilah", 1)[1].split("\n\n", 2)[1]
    words = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        words += [w.strip() for w in cells[-1].split(",") if w.strip() and " saja" not in w]
    return words


def test_the_glossary_lists_words_to_avoid():
    assert {"follower", "postingan", "engagement", "reach"} <= set(_glossary_avoid())


def test_only_glossary_terms(text):
    found = [
        w
        for w in _glossary_avoid()
        if re.search(rf"(?<![\w/.@-]){re.escape(w)}(?![\w.@/-])", text, re.I)
    ]
    assert not found, found


def test_no_word_the_style_guide_rejects(text):
    assert "kepenyelenggaraan" not in text


def _generated_paragraphs(html: str, office: str, year: int) -> list[str]:
    """The paragraphs and list items of the main text the generator wrote, as HTML."""
    body = html.split('<main id="isi">', 1)[-1].split("</main>", 1)[0]
    body = re.sub(r"<(blockquote|details)[^>]*>.*?</\1>", " ", body, flags=re.S)
    staff = _staff_texts(office, year)
    out = []
    for inner in re.findall(r"<(?:p|li|dd)(?: [^>]*)?>(.*?)</(?:p|li|dd)>", body, flags=re.S):
        plain = " ".join(re.sub(r"<[^>]+>", "", inner).split())
        if plain and not any(plain in t or t in plain for t in staff):
            out.append(inner)
    return out


@pytest.mark.parametrize("which", ["seed", "demo"])
def test_foreign_terms_are_italic_in_generated_text(which, built, built_demo):
    office, year, folder = (KKU, 2021, built) if which == "seed" else ("contoh", 2024, built_demo)
    html = next(folder.glob("*.html")).read_text(encoding="utf-8")
    upright = []
    for inner in _generated_paragraphs(html, office, year):
        bare = re.sub(r"<em>.*?</em>", " ", inner, flags=re.S)
        upright += re.findall(
            r"\b(?:story|reels|caption|hashtag)\b", re.sub(r"<[^>]+>", " ", bare), re.I
        )
    assert not upright, upright
