"""The staff tables in a grid: followers, polls, feedback and the evaluation tables. Every
cell is checked by :func:`kpureport.ingest.manual.read_manual` itself (the rules of ``kpureport
check``), the bad cell marked with its message; the table is saved whole, by rename, as the
CSV file the command line reads."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from pathlib import Path

import ipywidgets as widgets

from kpureport.config import PLATFORMS
from kpureport.errors import DataError, Problem
from kpureport.ingest import manual, validate

from .common import Message, atomic_write, guarded, html
from .state import State

LABELS = {
    "followers": "Pengikut",
    "polls": "Polling",
    "feedback": "Kritik dan saran",
    "targets": "Target tahunan",
    "stages": "Tahapan pemilu setempat",
    "pillars": "Pilar konten",
    "questions": "Pertanyaan dan pengaduan",
    "clarifications": "Klarifikasi hoaks",
}
HINTS = {
    "date": "2021-12-31",
    "moment": "2024-03-01 08:30",
    "year": "2024",
    "count": "1030",
    "optional_count": "1030",
    "month": "2025-01",
    "decimal": "1200",
    "platform": "instagram",
    "category": "kritik, saran, ...",
}


def choices_of(folder: Path, name: str) -> dict[str, tuple[str, ...]] | None:
    """The values a choice column allows that only the office knows (its pillars)."""
    if name != "pillars":
        return None
    from kpureport.ingest import rules

    return {"pillar": tuple(rules.known(rules.load_pillars(folder)))}


def csv_text(name: str, rows: list[list[str]]) -> str:
    """The table as the command line reads it: Indonesian headers, comma-separated, UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.label for c in validate.TABLES[name]])
    writer.writerows(rows)
    return out.getvalue()


def check(folder: Path, name: str, rows: list[list[str]]) -> list[Problem]:
    """Every problem ``kpureport check`` would find in these rows (row 2 is the first)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"{name}.csv"
        path.write_text(csv_text(name, rows), encoding="utf-8")
        try:
            manual.read_manual(Path(scratch), name, choices=choices_of(folder, name), paths=[path])
        except DataError as exc:
            return exc.problems
    return []


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


class TableGrid:
    """One table at a time: its rows as text fields, a check after every change, save."""

    def __init__(self, state: State):
        self.state = state
        self.message = Message()
        self.chooser = widgets.Dropdown(
            options=[(label, key) for key, label in LABELS.items()], description="Tabel"
        )
        self.chooser.observe(lambda _: self.refresh(), names="value")
        self.grid = widgets.GridBox()
        self.grid.add_class("kr-grid")
        self.problems = widgets.HTML()
        self.excel = widgets.HTML()
        add = widgets.Button(description="Tambah baris", tooltip="Tambah baris")
        add.on_click(guarded(self.message, "menambah baris")(lambda _: self._add()))
        self.save = widgets.Button(
            description="Simpan tabel", button_style="primary", tooltip="Simpan"
        )
        self.save.on_click(guarded(self.message, "menyimpan tabel")(self._save))
        reload = widgets.Button(description="Muat ulang", tooltip="Muat ulang")
        reload.on_click(guarded(self.message, "memuat tabel")(lambda _: self.refresh()))
        self.widget = widgets.VBox(
            [
                widgets.HTML(html("tables_intro.html.j2")),
                self.chooser,
                self.excel,
                self.grid,
                widgets.HBox([add, self.save, reload]),
                self.problems,
                self.message.widget,
            ]
        )
        self.widget.add_class("kr-tables")
        self.rows: list[list[widgets.Widget]] = []
        self._loaded: str | None = None

    @property
    def name(self) -> str:
        return self.chooser.value

    @property
    def path(self) -> Path:
        return self.state.folder / f"{self.name}.csv"

    def refresh(self) -> None:
        self.message.clear()
        self.rows = []
        if self.state.folder is None:
            self.grid.children = []
            self.message.show("info", "Buat atau pilih kantor dulu di tab Kantor.")
            return
        values: list[list[str]] = []
        if self.path.is_file():
            frame, _ = manual.cells(self.path, self.name)
            columns = [c.name for c in validate.TABLES[self.name]]
            for _, record in frame.iterrows():
                values.append([str(record.get(c, "")) for c in columns])
        self._loaded = _digest(self.path)
        for row in values:
            self._add(row, layout=False)
        self._layout()
        self._show_excel()
        self._check()

    def _show_excel(self) -> None:
        """An office's own Excel table is read by the report as well: shown, not edited."""
        book = self.state.folder / f"{self.name}.xlsx"
        rows: list[list[str]] = []
        if book.is_file():
            frame, _ = manual.cells(book, self.name)
            columns = [c.name for c in validate.TABLES[self.name]]
            rows = [[str(r.get(c, "")) for c in columns] for _, r in frame.iterrows()]
            rows = [r for r in rows if any(v.strip() for v in r)]
        self.excel.value = html(
            "excel_rows.html.j2",
            file=book.name,
            header=[c.label for c in validate.TABLES[self.name]],
            rows=rows,
        )

    def _cell(self, column: validate.TableColumn, value: str) -> widgets.Widget:
        options = {
            "platform": PLATFORMS,
            "category": validate.CATEGORIES,
            "choice": column.choices,
        }.get(column.kind)
        kind = widgets.Combobox if options else widgets.Text
        extra = {"options": list(options), "ensure_option": False} if options else {}
        # Every keystroke reaches the kernel: a cell's text that the kernel does not yet know
        # would be reset by the next update the check sends that cell (its red mark), so that
        # what staff type while the previous cell is checked would vanish on a slow laptop.
        box = kind(
            value=value,
            placeholder=HINTS.get(column.kind, ""),
            continuous_update=True,
            layout=widgets.Layout(width="auto"),
            tooltip=column.label,
            **extra,
        )
        box.add_class(f"kr-col-{column.name}")
        box.observe(lambda _: guarded(self.message, "memeriksa tabel")(self._check)(), "value")
        return box

    def _add(self, values: list[str] | None = None, layout: bool = True) -> None:
        columns = validate.TABLES[self.name]
        values = values or [""] * len(columns)
        cells = [self._cell(c, v) for c, v in zip(columns, values, strict=True)]
        delete = widgets.Button(description="Hapus", tooltip="Hapus baris", layout={"width": "5em"})
        row = [*cells, delete]
        delete.on_click(guarded(self.message, "menghapus baris")(lambda _: self._delete(row)))
        self.rows.append(row)
        if layout:
            self._layout()

    def _delete(self, row: list[widgets.Widget]) -> None:
        self.rows.remove(row)
        self._layout()
        self._check()

    def _layout(self) -> None:
        columns = validate.TABLES[self.name]
        head = [widgets.HTML(html("grid_head.html.j2", label=c.label)) for c in columns]
        self.grid.children = [*head, widgets.HTML(""), *[w for row in self.rows for w in row]]
        self.grid.layout.grid_template_columns = (
            " ".join(
                "minmax(7em, 2fr)" if c.kind == "text" else "minmax(6em, 1fr)" for c in columns
            )
            + " 5.5em"
        )

    def values(self) -> tuple[list[list[str]], list[int]]:
        """The rows that are not blank, and the grid row each came from."""
        kept, origin = [], []
        for number, row in enumerate(self.rows):
            texts = [w.value for w in row[:-1]]
            if any(t.strip() for t in texts):
                kept.append(texts)
                origin.append(number)
        return kept, origin

    def _check(self) -> list[Problem]:
        values, origin = self.values()
        problems = check(self.state.folder, self.name, values)
        labels = [c.label for c in validate.TABLES[self.name]]
        for row in self.rows:
            for box in row[:-1]:
                box.remove_class("kr-bad")
                box.tooltip = None
        listed = []
        for problem in problems:
            grid_row = (
                origin[problem.row - 2]
                if problem.row and 2 <= problem.row < 2 + len(origin)
                else None
            )
            shown = grid_row + 1 if grid_row is not None else None
            if grid_row is not None and problem.column in labels:
                box = self.rows[grid_row][labels.index(problem.column)]
                box.add_class("kr-bad")
                box.tooltip = f"seharusnya {problem.expected}"
            elif grid_row is not None:
                for box in self.rows[grid_row][:-1]:
                    box.add_class("kr-bad")
            listed.append(
                {
                    "row": shown,
                    "column": problem.column,
                    "found": problem.found,
                    "expected": problem.expected,
                }
            )
        self.problems.value = html("grid_problems.html.j2", problems=listed)
        return problems

    def _save(self, _=None) -> None:
        problems = self._check()
        if problems:
            self.message.show(
                "error",
                f"Tabel belum disimpan: {len(problems)} isian bertanda merah perlu diperbaiki.",
            )
            return
        if _digest(self.path) != self._loaded:
            self.message.show(
                "error",
                f"Tabel belum disimpan: berkas {self.path.name} diubah di jendela atau program "
                "lain sejak dibuka. Tekan Muat ulang untuk melihat isinya sekarang, lalu ulangi "
                "perubahan Anda.",
            )
            return
        values, _ = self.values()
        atomic_write(self.path, csv_text(self.name, values).encode("utf-8"))
        self._loaded = _digest(self.path)
        self.message.show(
            "ok", f"Tabel {LABELS[self.name]} disimpan di {self.path} ({len(values)} baris)."
        )
