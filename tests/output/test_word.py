"""An office's reference document gives the Word report its styles and nothing else; a bad
one is refused in Indonesian, and one saved from plain Word falls back to kpureport's styles."""

import io
import os
import zipfile

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from kpureport.errors import DataError
from kpureport.output import word

OUTSIDE = "http://contoh-penyerang.invalid/"
HTML = (
    '<main class="laporan"><section class="bab"><h2 id="bab-1">BAB I&nbsp;JUDUL</h2>'
    "<p>Isi laporan.</p><table><thead><tr><th>Platform</th></tr></thead>"
    "<tbody><tr><td>Facebook</td></tr></tbody></table></section></main>"
)


def _docx(reference):
    setup = word.Setup(title="Uji", header="Kepala", footer="Kaki", reference=reference)
    return word.to_docx(HTML, setup, lambda uris: []), setup


def _hostile_reference(path):
    document = Document(str(word.REFERENCE))
    settings = document.settings.element
    template = OxmlElement("w:attachedTemplate")
    template.set(
        qn("r:id"),
        document.part._settings_part.relate_to(
            OUTSIDE + "t.dotm",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
            is_external=True,
        ),
    )
    settings.append(template)
    header = document.sections[0].header
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f'INCLUDEPICTURE "{OUTSIDE}p.png"')
    header.paragraphs[0]._p.append(field)
    header.part.relate_to(OUTSIDE + "link", RT.HYPERLINK, is_external=True)
    package = document.part.package
    macros = Part(
        PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject", b"M" * 100, package
    )
    document.part.relate_to(
        macros, "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    )
    picture = Part(PackURI("/word/media/besar.png"), "image/png", os.urandom(3_000_000), package)
    document.part.relate_to(picture, RT.IMAGE)
    document.save(str(path))
    return path


def test_only_the_styles_of_an_office_reference_reach_the_report(tmp_path):
    reference = _hostile_reference(tmp_path / "referensi.docx")
    made, _ = _docx(reference)
    archive = zipfile.ZipFile(io.BytesIO(made))
    names = archive.namelist()
    assert "word/vbaProject.bin" not in names
    assert not any(n.startswith("word/media/") for n in names)
    everything = b"".join(archive.read(n) for n in names)
    assert OUTSIDE.encode() not in everything and b"INCLUDEPICTURE" not in everything
    assert len(made) < 200_000


def test_a_reference_from_plain_word_falls_back_to_the_built_in_styles_and_says_so(tmp_path):
    document = Document(str(word.REFERENCE))
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) in ("Isi Tabel", "Catatan Tabel"):
            styles.remove(style)
    document.save(str(tmp_path / "referensi.docx"))
    made, setup = _docx(tmp_path / "referensi.docx")
    assert "Isi Tabel" in Document(io.BytesIO(made)).styles
    assert any("Isi Tabel" in note and "bawaan" in note for note in setup.notes)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"bukan dokumen", "bukan dokumen Word .docx yang utuh"),
        ("macro", "bermakro"),
    ],
)
def test_a_bad_reference_is_refused_in_indonesian(tmp_path, content, said):
    path = tmp_path / "referensi.docx"
    if content == "macro":
        with zipfile.ZipFile(word.REFERENCE) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"wordprocessingml.document.main+xml",
                        b"ms-word.document.macroEnabled.main+xml",
                    )
                target.writestr(item, data)
    else:
        path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        _docx(path)
    problem = caught.value.problems[0]
    assert problem.path == path and said in problem.found and "Simpan Sebagai" in problem.expected
