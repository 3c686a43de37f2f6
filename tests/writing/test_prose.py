"""The generated report text against the rules of docs/gaya-bahasa.md marked [uji], on the
seed and the demo reports as built."""

import re

import pytest

from kpureport import formatting as fmt
from kpureport.config import POST_TYPE_LABELS
from kpureport.ingest.load import load_narrative

from ..conftest import DATA, KKU, ROOT

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


def _cells(fragment: str) -> list[list[str]]:
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        for tr in re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    ]


def _tables(html: str) -> dict[str, list[list[str]]]:
    """Every numbered table of the report by its caption (without "Tabel n. "), as text."""
    out = {}
    for figure in re.findall(r'<figure class="tabel".*?</figure>', html, flags=re.S):
        caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, re.S).group(1)
        caption = re.sub(r"^Tabel \d+\. ", "", re.sub(r"<[^>]+>", "", caption))
        out[caption] = _cells(figure)
    return out


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def test_the_demo_narrative_agrees_with_its_tables(built_demo):
    """Every figure a sentence of the demo report states is the figure of its own table."""
    html = next(built_demo.glob("*.html")).read_text(encoding="utf-8")
    text = _generated_text(html, "contoh", 2024)
    tables = _tables(html)
    followers = tables["Gambaran dan kondisi media sosial pada akhir tahun 2024"]
    total = followers[-1][1]
    assert f"dengan jumlah pengikut {total} pada akhir tahun" in text
    assert f"mencapai {total} pengikut" in text
    for row in tables["Pertumbuhan pengikut, akhir 2023 ke akhir 2024"][1:]:
        _, before, after, _, pct = row
        assert f"{pct.lstrip('-')} ({before} menjadi {after} pengikut)" in text, row
    types = tables["Unggahan per platform dan jenis, tahun 2024"][1:]
    posts = sum(_number(r[2]) for r in types)
    assert f"menerbitkan {fmt.number(posts)} unggahan di beranda" in text
    assert "Unggahan di beranda tersebut dihitung dari Instagram, Facebook, X (Twitter)" in text
    assert f"menerbitkan {fmt.number(posts)} unggahan di Facebook" in text
    stories = sum(_number(r[1]) for r in tables["Story per platform, tahun 2024"][1:])
    assert f"dan {fmt.number(stories)} story" in text
    assert "Ekspor YouTube tidak memuat jumlah interaksi" in text
    rates = [r for c, t in tables.items() if c.startswith("Tingkat interaksi dari") for r in t[1:]]
    assert len(rates) == 4
    for platform, posts, interactions, _, rate in rates:
        if posts == "-":
            assert f"{interactions} interaksi (suka, komentar, dan bagikan)" in text
            assert f"atau {rate} dari penayangan" in text
        else:
            assert re.search(rf"{re.escape(platform)}[^.]*?{re.escape(rate)}", text), platform
    for row in tables[
        "Hari dan jam terbit dengan rata-rata interaksi tertinggi per platform, tahun 2024"
    ][1:]:
        platform, _, day, day_posts, day_mean, hour, hour_posts, hour_mean = row
        said = text.split(f"Di {platform}, ", 1)[1].split(". ", 1)[0]
        assert f"hari {day} ({day_mean} interaksi per unggahan dari {day_posts} unggahan)" in said
        if hour != "-":
            assert f"pukul {hour} WIB ({hour_mean} interaksi per unggahan dari {hour_posts}" in said
    for caption, rows in tables.items():
        if caption.startswith("Hasil polling"):
            question = caption.split("\u201c", 1)[1].split("\u201d", 1)[0]
            votes = sum(_number(r[1]) for r in rows[1:])
            assert f"Polling \u201c{question}\u201d di Instagram" in text
            said = text.split(f"Polling \u201c{question}\u201d", 1)[1].split("Polling", 1)[0]
            assert f"dijawab dengan {fmt.number(votes)} suara" in said
            for option, _, share in rows[1:3]:
                assert f"\u201c{option}\u201d" in said and share in said, (option, share)
    categories = tables["Masukan masyarakat per kategori, tahun 2024"][1:]
    received = sum(_number(r[1]) for r in categories)
    assert f"menerima {received} masukan dari masyarakat" in text
    first = max(categories, key=lambda r: _number(r[1]))
    assert f"yaitu {first[1]} dari {received} masukan (" in text


# Official forms and terms (docs/gaya-bahasa.md, "Bentuk dan istilah resmi").


def _html(which, built, built_demo) -> tuple[str, str, int]:
    office, year, folder = (KKU, 2021, built) if which == "seed" else ("contoh", 2024, built_demo)
    return next(folder.glob("*.html")).read_text(encoding="utf-8"), office, year


@pytest.mark.build
@pytest.mark.parametrize("which", ["seed", "demo"])
def test_signature_block_is_a_kpu_letters(which, built, built_demo):
    html, office, _ = _html(which, built, built_demo)
    name = "KAYONG UTARA" if office == KKU else "CONTOH"
    assert f"<p>KETUA KOMISI PEMILIHAN UMUM KABUPATEN {name},</p>" in html


@pytest.mark.build
@pytest.mark.parametrize("which", ["seed", "demo"])
def test_kpu_tagline_and_election_names(which, built, built_demo):
    html, _, _ = _html(which, built, built_demo)
    assert "Pemilih Berdaulat Negara Kuat" in html and "PEMILIHAN BERDAULAT" not in html
    assert "Pilkada" not in html


@pytest.mark.build
def test_the_demo_names_the_simultaneous_election_as_kpu_does(built_demo):
    html = next(built_demo.glob("*.html")).read_text(encoding="utf-8")
    assert "Pemilihan Serentak Tahun 2024" in html


#: Counts one to nine written as figures before the nouns the generator counts.
SMALL_COUNT = re.compile(
    r"(?<![\w.,/-])[1-9] (?:unggahan|polling|pertanyaan|klarifikasi|akun|platform|story|"
    r"masukan|pekan|suara|video|target|tahapan)\b"
)


@pytest.mark.build
def test_numbers_one_to_nine_are_words_in_sentences(text):
    assert not SMALL_COUNT.findall(text), SMALL_COUNT.findall(text)


@pytest.mark.build
@pytest.mark.parametrize("which", ["seed", "demo"])
def test_multiplication_sign_one_way_and_no_generated_text_notice(which, built, built_demo):
    html, _, _ = _html(which, built, built_demo)
    main = html.split('<main id="isi">', 1)[-1]
    assert not re.search(r"1 ?x ?24|\bx 100%", main)
    assert "otomatis" not in main


@pytest.mark.build
def test_the_seed_uses_its_years_platform_names_and_verbs(built):
    html = next(built.glob("*.html")).read_text(encoding="utf-8")
    main = html.split('<main id="isi">', 1)[-1]
    assert "X (Twitter)" not in main and "repost" not in main


@pytest.mark.build
@pytest.mark.parametrize("which", ["seed", "demo"])
def test_the_appendix_explains_only_what_the_report_shows(which, built, built_demo):
    html, _, year = _html(which, built, built_demo)
    assert "selang kepercayaan" not in html.lower()  # no interval is shown in the report
    if year == 2024:
        appendix = html.split('<section aria-labelledby="lampiran"', 1)[1]
        assert "PKPU Nomor 7 Tahun 2017" not in appendix  # the 2019 schedule: not shown


@pytest.mark.build
def test_frequent_words_are_shown_as_people_write_them(built_demo):
    html = next(built_demo.glob("*.html")).read_text(encoding="utf-8")
    words = html.split("Kata dan pasangan kata yang paling sering muncul", 1)[1]
    words = words.split("</table>", 1)[0]
    assert "pemilih pemula" in words and "memilih pemula" not in words
    assert "<td>instagram</td>" not in words
