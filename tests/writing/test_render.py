"""The one place where data becomes report text: personal data planted in every text field of
every input kind never reaches an output (HTML, its charts, the executed notebook, the PDF), and
text from data reaches the page without the power to rearrange it."""

import base64
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kpureport.cli import main
from kpureport.models import PlainText
from kpureport.writing import render
from kpureport.writing.render import fragment, markdown

from ..conftest import DATA, KKU


def test_an_unclosed_right_to_left_override_does_not_reach_the_page():
    question = "Kapan pemilu? \u202eSiapa yang datang"
    shown = render.public(question + " (15 Maret 2024) (25,0%)")
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    assert "(15 Maret 2024) (25,0%)" in shown


PHONE, EMAIL, NIK = "0812-3456-7890", "budi.santoso@gmail.com", "6104015708900003"


PLANTED = f"hubungi {PHONE} atau {EMAIL}, NIK {NIK}"


#: Every way the planted values could leak: as typed, digits only, local part alone.
LEAKS = (PHONE, "081234567890", "812-3456-7890", EMAIL, "budi.santoso", NIK)


def _plant(folder: Path) -> None:
    (folder / "narrative" / "2021.yml").write_text(
        "\n".join(
            [
                f"introduction: Pendahuluan, {PLANTED}.",
                f"platforms: Platform, {PLANTED}.",
                f"features: Fitur, {PLANTED}.",
                f"constraints_intro: Kendala, {PLANTED}.",
                f"constraints: ['Kendala {PLANTED}']",
                f"solutions: ['Solusi {PLANTED}']",
                f"closing: Penutup, {PLANTED}.",
                "signature:",
                f"  place: Sukadana {PHONE}",
                "  date: 2021-12-30",
                f"  title: Ketua {EMAIL}",
                f"  name: Nama {NIK}",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "polls.csv").write_text(
        "tanggal,platform,pertanyaan,pilihan,suara\n"
        f'2021-05-01,instagram,"Tanya {PLANTED}?","Ya {PHONE}",30\n'
        f'2021-05-01,instagram,"Tanya {PLANTED}?","Tidak {EMAIL} {NIK}",20\n',
        encoding="utf-8",
    )
    (folder / "feedback.csv").write_text(
        "tanggal,kanal,kategori,isi\n"
        f'2021-03-01,"Surat {PHONE} {EMAIL} {NIK}",saran,"Saran {PLANTED}"\n',
        encoding="utf-8",
    )
    exports = folder / "exports"
    exports.mkdir()
    (exports / "jawaban.csv").write_text(
        '"Cap waktu","Alamat email","Kritik dan saran"\n'
        f'"13/04/2021 10:00:00","{EMAIL}","Kritik {PLANTED}"\n',
        encoding="utf-8",
    )
    (exports / "instagram.csv").write_text(
        "Post ID,Account ID,Account username,Account name,Description,Duration (sec),"
        "Publish time,Permalink,Post type,Data comment,Date,Impressions,Reach,Likes,Shares,"
        "Follows,Comments,Saves\n"
        f'1,17,kpu,KPU,"Unggahan {PLANTED}",0,06/01/2021 10:00,'
        "https://www.instagram.com/p/1/,IG image,,Lifetime,100,80,20,2,0,3,1\n",
        encoding="utf-8-sig",
    )


def _texts(report: Path) -> dict[str, str]:
    """What a reader can get out of every output: the files and the charts inside the HTML."""
    html = next(report.glob("*.html")).read_text(encoding="utf-8")
    charts = [
        base64.b64decode(m).decode("utf-8")
        for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)
    ]
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(next(report.glob("*.pdf"))), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with zipfile.ZipFile(next(report.glob("*.docx"))) as docx:
        word = "\n".join(
            docx.read(name).decode("utf-8", errors="replace")
            for name in docx.namelist()
            if name.endswith((".xml", ".svg"))
        )
    return {
        "html": html,
        "charts": "\n".join(charts),
        "ipynb": next(report.glob("*.ipynb")).read_text(encoding="utf-8"),
        "pdf": pdf,
        "docx": word,
    }


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_personal_data_in_every_text_field_reaches_no_output(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / KKU, data / KKU)
    _plant(data / KKU)
    out = tmp_path / "out"
    assert (
        main(
            [
                *("build", "--office", KKU, "--year", "2021", "--data", str(data)),
                *("--out", str(out), "--format", "html,pdf,docx"),
            ]
        )
        == 0
    )
    texts = _texts(out / KKU / "2021")
    assert texts["charts"], "the poll chart is checked too"
    for name, text in texts.items():
        found = [leak for leak in LEAKS if leak in text]
        assert not found, f"{name} holds {found}"
    assert "[nomor telepon dihapus]" in texts["html"] and "[NIK dihapus]" in texts["html"]
    # The office's own published contact stays.
    assert "ppid.kpu.kku@gmail.com" in texts["html"]


def test_every_printed_value_passes_redaction():
    html = str(fragment("paragraphs.html.j2", paragraphs=[f"Isi {EMAIL}"]))
    assert EMAIL not in html and "[surel dihapus]" in html


def test_generated_text_is_never_read_as_markdown():
    assert str(markdown(PlainText("KPU *Kab* <b>"))) == "<p>KPU *Kab* &lt;b&gt;</p>\n"
    assert str(markdown("*miring*")) == "<p><em>miring</em></p>\n"
