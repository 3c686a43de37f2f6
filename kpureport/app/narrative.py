"""The narrative editor: the hand-written parts of ``narrative/<year>.yml`` in text areas,
the text the report would generate shown in each empty one; saved from the office template,
so the file keeps the template's comments and order (parts left empty stay commented out)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as widgets
import yaml

from kpureport.config import TEMPLATES_DIR
from kpureport.errors import KpuReportError
from kpureport.ingest import validate
from kpureport.ingest.load import NARRATIVE_DIR, load_profile, read_yaml
from kpureport.models import Narrative
from kpureport.writing import narrative as generated

from .common import Message, atomic_write, guarded, html, logger
from .state import State

PARTS = (
    ("introduction", "Pendahuluan"),
    ("platforms", "Pengantar bab platform media sosial"),
    ("features", "Penggunaan fitur (story, polling, kritik dan saran)"),
    ("constraints_intro", "Pengantar kendala"),
    ("constraints", "Kendala (satu butir per baris)"),
    ("solutions", "Solusi (satu butir per baris)"),
    ("closing", "Penutup"),
)
LISTS = ("constraints", "solutions")
SIGNATURE = (
    ("place", "Tempat penandatanganan"),
    ("date", "Tanggal (TTTT-BB-HH atau TTTT-BB)"),
    ("title", "Jabatan penanda tangan"),
    ("name", "Nama penanda tangan"),
)
_BLOCK = re.compile(r"# ([a-z_]+):")


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks (``|``), the way staff write paragraphs."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def template(year: int) -> tuple[list[str], dict[str, list[str]]]:
    """The office narrative template's header comment and its commented block per part."""
    text = (TEMPLATES_DIR / "office" / "narrative.yml").read_text(encoding="utf-8")
    header: list[str] = []
    blocks: dict[str, list[str]] = {}
    current = None
    for line in text.format(example=year).splitlines():
        match = _BLOCK.match(line)
        if match:
            current = match.group(1)
            blocks[current] = [line]
        elif current is None:
            header.append(line)
        elif line.startswith("#   ") or not line.strip():
            blocks[current].append(line)
    return header, blocks


def yaml_text(year: int, values: dict) -> str:
    """``narrative/<year>.yml``: the template's comments, each part in the template's order,
    written where given and left as the commented example where not."""
    header, blocks = template(year)
    # The template's first two lines tell staff to copy it into <tahun>.yml: written here already.
    out = [f"# Bagian naratif laporan tahun {year}, ditulis oleh staf humas.", *header[2:]]
    for key, block in blocks.items():
        if values.get(key):
            dumped = yaml.dump(
                {key: values[key]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
            )
            out += dumped.rstrip("\n").splitlines()
        else:
            out += [line for line in block if line.strip()]
    return "\n".join(out) + "\n"


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class NarrativeEditor:
    def __init__(self, state: State):
        self.state = state
        self.message = Message()
        self.boxes = {
            key: widgets.Textarea(
                description=label,
                layout=widgets.Layout(
                    width="100%", height="7em" if key in ("introduction", "features") else "4em"
                ),
            )
            for key, label in PARTS
        }
        self.signature = {
            key: widgets.Text(description=label, layout=widgets.Layout(width="100%"))
            for key, label in SIGNATURE
        }
        self.errors = {key: widgets.HTML() for key in [*self.boxes, "signature"]}
        for box in [*self.boxes.values(), *self.signature.values()]:
            box.style.description_width = "16em"
        self.title = widgets.HTML()
        save = widgets.Button(
            description="Simpan narasi", button_style="primary", tooltip="Simpan narasi"
        )
        save.on_click(guarded(self.message, "menyimpan narasi")(self._save))
        rows = []
        for key, box in self.boxes.items():
            rows += [box, self.errors[key]]
        self.widget = widgets.VBox(
            [
                self.title,
                *rows,
                widgets.HTML("<h3>Tanda tangan</h3>"),
                *self.signature.values(),
                self.errors["signature"],
                save,
                self.message.widget,
            ]
        )
        self.widget.add_class("kr-narrative")

    @property
    def path(self) -> Path:
        return self.state.folder / NARRATIVE_DIR / f"{self.state.year}.yml"

    def refresh(self) -> None:
        self.message.clear()
        if self.state.folder is None:
            self.message.show("info", "Buat atau pilih kantor dulu di tab Kantor.")
            return
        raw = read_yaml(self.path, self.state.folder) if self.path.is_file() else None
        raw = raw if isinstance(raw, dict) else {}
        for key, box in self.boxes.items():
            box.value = _shown(raw.get(key))
        signature = raw.get("signature") if isinstance(raw.get("signature"), dict) else {}
        for key, box in self.signature.items():
            box.value = _shown(signature.get(key))
        self._defaults()
        self.title.value = html(
            "narrative_title.html.j2",
            year=self.state.year,
            file=f"{NARRATIVE_DIR}/{self.state.year}.yml",
        )
        for box in self.errors.values():
            box.value = ""

    def _defaults(self) -> None:
        """Each empty part shows, greyed, the text the report would write in its place."""
        year = self.state.year
        profile = load_profile(self.state.folder)
        empty = Narrative(year=year)
        texts = {
            "platforms": generated.platforms_intro(empty, profile),
            "features": generated.features(empty, profile),
            "constraints_intro": generated.constraints_intro(empty, profile),
            "constraints": generated.say("constraints_none", year=year),
            "solutions": generated.say("solutions_none", year=year),
            "closing": generated.closing(empty, profile),
            "introduction": self._introduction(),
        }
        for key, text in texts.items():
            self.boxes[key].placeholder = f"(Bila dikosongkan, laporan menulis:) {text}"
        today = dt.date.today()
        defaults = {
            "place": profile.city,
            "date": today.isoformat(),
            "title": "Ketua",
            "name": profile.chair or "",
        }
        for key, text in defaults.items():
            self.signature[key].placeholder = f"(bawaan: {text})" if text else ""

    def _introduction(self) -> str:
        """The generated introduction needs the year's figures: loaded from the data."""
        from kpureport.document.report import Report

        try:
            report = Report.load(self.state.office, self.state.year, self.state.data_dir)
            return generated.introduction(
                Narrative(year=self.state.year), report.profile, report.facts()
            )
        except KpuReportError:
            return "pendahuluan yang disusun dari data tahun ini saat laporan dibuat."
        except Exception as exc:  # the defaults are a help, never a reason to stop the editor
            logger().warning("generated introduction: %r", exc)
            return "pendahuluan yang disusun dari data tahun ini saat laporan dibuat."

    def value(self) -> dict:
        raw: dict[str, object] = {}
        for key, box in self.boxes.items():
            text = box.value.strip()
            if not text:
                continue
            if key in LISTS:
                raw[key] = [
                    line.strip().removeprefix("- ").strip()
                    for line in text.splitlines()
                    if line.strip()
                ]
            else:
                raw[key] = text
        signature = {k: b.value.strip() for k, b in self.signature.items() if b.value.strip()}
        if signature:
            raw["signature"] = signature
        return raw

    def _save(self, _=None) -> None:
        raw = self.value()
        problems = validate.mapping_problems(raw, validate.NARRATIVE_FIELDS, self.path)
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            key = (problem.key or "").split(".")[0].split("[")[0] or "introduction"
            text = (
                problem.expected
                if problem.found is None
                else (f"tertulis {problem.found!r}; seharusnya {problem.expected}")
            )
            where = (
                problem.key.split(".", 1)[1] + ": " if problem.key and "." in problem.key else ""
            )
            by_key.setdefault(key, []).append(where + text)
        for key, box in self.errors.items():
            box.value = html("field_error.html.j2", lines=by_key.get(key, []))
        if problems:
            self.message.show(
                "error",
                f"Narasi belum disimpan: {len(problems)} isian perlu "
                "diperbaiki (lihat pesan merah).",
            )
            return
        atomic_write(self.path, yaml_text(self.state.year, raw).encode("utf-8"))
        self.message.show("ok", f"Narasi tahun {self.state.year} disimpan di {self.path}.")
