"""The staff page: the office and year chosen at the top, one tab per step of the work."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import ipywidgets as widgets

from kpureport.errors import KpuReportError

from .build import BuildPanel
from .common import Message, guarded, html
from .exports import ExportsPanel
from .narrative import NarrativeEditor
from .office import OfficeForm
from .state import STOP_ENV, State
from .tables import TableGrid

TABS = ("office", "exports", "tables", "narrative", "build")
TITLES = ("1. Kantor", "2. Ekspor", "3. Tabel", "4. Narasi", "5. Periksa dan buat")


def _years(state: State) -> list[int]:
    """The years offered: the last seven, and any other the office has a narrative for."""
    today = dt.date.today().year
    years = set(range(today - 7, today + 1))
    if state.folder is not None:
        years |= {
            int(p.stem) for p in (state.folder / "narrative").glob("*.yml") if p.stem.isdigit()
        }
    return sorted(years, reverse=True)


class App:
    """Everything the page shows; ``App().widget`` in a notebook, served by Voila."""

    def __init__(self, state: State | None = None):
        self.state = state or State.from_environment()
        self._syncing = False
        self.message = Message()
        self.office = widgets.Dropdown(
            description="Kantor", options=self.state.offices(), value=self.state.office
        )
        self.year = widgets.Dropdown(
            description="Tahun", options=_years(self.state), value=self.state.year
        )
        self.finish = widgets.Button(
            description="Selesai",
            button_style="warning",
            tooltip="Tutup halaman dan hentikan kpureport app",
        )
        self.finish.on_click(guarded(self.message, "menutup halaman")(self._finish))
        self.finish.layout.display = None if os.environ.get(STOP_ENV) else "none"
        self.panels = {
            "office": OfficeForm(self.state),
            "exports": ExportsPanel(self.state),
            "tables": TableGrid(self.state),
            "narrative": NarrativeEditor(self.state),
        }
        self.panels["build"] = BuildPanel(self.state, self.navigate)
        self.tabs = widgets.Tab(children=[self.panels[k].widget for k in TABS], titles=TITLES)
        self.tabs.observe(lambda _: self._show_current(), names="selected_index")
        self._stale = set(TABS) - {"office"}
        self.office.observe(self._pick_office, names="value")
        self.year.observe(self._pick_year, names="value")
        self.state.on_change(self._changed)
        head = widgets.HBox([self.office, self.year, self.finish])
        head.add_class("kr-head")
        self.widget = widgets.VBox(
            [
                widgets.HTML(html("page_title.html.j2", data=str(self.state.data_dir))),
                head,
                self.message.widget,
                self.tabs,
            ]
        )
        self.widget.add_class("kr-page")
        if self.state.office is None:
            self.tabs.selected_index = 0

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _pick_office(self, change) -> None:
        if not self._syncing and change["new"] and change["new"] != self.state.office:
            guarded(self.message, "membuka kantor")(self.state.choose)(office=change["new"])

    def _pick_year(self, change) -> None:
        if not self._syncing and change["new"] and change["new"] != self.state.year:
            guarded(self.message, "memilih tahun")(self.state.choose)(year=change["new"])

    def _changed(self) -> None:
        """Another office or year: the office list and year list follow, every panel is
        redrawn when next shown."""
        self._syncing = True
        try:
            self._sync_choices()
        finally:
            self._syncing = False
        self._stale = set(TABS)
        self._show_current()

    def _sync_choices(self) -> None:
        names = self.state.offices()
        if list(self.office.options) != names:
            self.office.options = names
        if self.office.value != self.state.office:
            self.office.value = self.state.office
        years = _years(self.state)
        if self.state.year not in years:
            years = sorted({*years, self.state.year}, reverse=True)
        if list(self.year.options) != years:
            self.year.options = years
        if self.year.value != self.state.year:
            self.year.value = self.state.year

    def _show_current(self) -> None:
        key = TABS[self.tabs.selected_index or 0]
        if key in self._stale:
            self._stale.discard(key)
            panel = self.panels[key]
            guarded(panel.message, "menampilkan data")(panel.refresh)()

    def navigate(self, place: str, table: str | None = None, year: int | None = None) -> None:
        """Open the tab where a problem is fixed (from the check panel)."""
        if year is not None and year != self.state.year:
            self.state.choose(year=year)
        if table is not None:
            self.panels["tables"].chooser.value = table
            self._stale.add("tables")
        self.tabs.selected_index = TABS.index(place)
        self._show_current()

    def _finish(self, _=None) -> None:
        stop = os.environ.get(STOP_ENV)
        if not stop:
            raise KpuReportError("Halaman ini tidak dijalankan oleh perintah kpureport app.")
        Path(stop).write_text("selesai", encoding="utf-8")
        self.widget.children = [widgets.HTML(html("finished.html.j2"))]
