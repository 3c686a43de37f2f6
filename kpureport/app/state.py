"""The page's shared state: which data folder, office and year the staff member works on."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kpureport.ingest.load import data_folder, narrative_years, office_dir, offices

#: Set by the launcher: where reports go (the command line's ``--out``).
OUT_ENV = "KPUREPORT_APP_OUT"
#: Set by the launcher: the file whose appearance tells it to stop (the "Selesai" button).
STOP_ENV = "KPUREPORT_APP_STOP"


@dataclass
class State:
    data_dir: Path
    out_dir: Path
    office: str | None = None
    year: int = field(default_factory=lambda: dt.date.today().year - 1)
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @classmethod
    def from_environment(cls) -> State:
        """The folders the launcher chose (or, in JupyterLab, the usual rule and outputs/)."""
        data = data_folder(os.environ.get("KPUREPORT_DATA") or None, start=Path.cwd())
        out = Path(os.environ.get(OUT_ENV) or data.parent / "outputs").resolve()
        names = offices(data)
        state = cls(data, out, names[0] if names else None)
        if state.office:  # the year last written for, as staff left it
            written = narrative_years(state.folder)
            if written and written[-1] <= state.year + 1:
                state.year = written[-1]
        return state

    @property
    def folder(self) -> Path | None:
        """The chosen office's folder (None before an office is chosen or created)."""
        return office_dir(self.data_dir, self.office) if self.office else None

    def offices(self) -> list[str]:
        return offices(self.data_dir)

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def choose(self, office: str | None = None, year: int | None = None) -> None:
        if office is not None:
            self.office = office
        if year is not None:
            self.year = int(year)
        for listener in self._listeners:
            listener()
