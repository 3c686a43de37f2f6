"""The office form: the fields of ``profile.yml`` and its accounts, checked by the very rules
``kpureport check`` applies (:data:`kpureport.ingest.validate.PROFILE_FIELDS`), each message
beside its field; saved whole as a valid ``profile.yml``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as widgets
import yaml

from kpureport import scaffold
from kpureport.config import PLATFORMS, platform_label
from kpureport.errors import OfficeNotFoundError, Problem
from kpureport.ingest import validate
from kpureport.ingest.load import PROFILE_FILE, check_office_name, read_yaml

from .common import Message, atomic_write, guarded, html
from .state import State

#: The form's fields: key in profile.yml, label, placeholder.
FIELDS = (
    ("name", "Nama lengkap lembaga", "Komisi Pemilihan Umum Kabupaten Kayong Utara"),
    ("abbreviation", "Singkatan", "KPU KKU"),
    ("province", "Provinsi", "Kalimantan Barat"),
    ("city", "Kota tempat laporan ditandatangani", "Sukadana"),
    ("website", "Situs web", "https://kab-kayongutara.kpu.go.id"),
    ("email", "Surel", "humas@kab-kayongutara.kpu.go.id"),
    ("chair", "Nama ketua", ""),
)
ACCOUNT_FIELDS = (
    ("name", "Nama akun", "KPU KAYONG UTARA"),
    ("handle", "Nama pengguna", "@kpu_kku"),
    ("url", "Alamat (URL)", "https://www.instagram.com/kpu_kku/"),
    ("since", "Mulai dipakai (TTTT-BB)", "2019-01"),
)
TIMEZONES = (
    ("WIB (Asia/Jakarta)", "Asia/Jakarta"),
    ("WIB (Asia/Pontianak)", "Asia/Pontianak"),
    ("WITA (Asia/Makassar)", "Asia/Makassar"),
    ("WIT (Asia/Jayapura)", "Asia/Jayapura"),
)
HEADER = (
    "# Profil kantor: identitas lembaga dan akun media sosialnya.\n"
    "# Ditulis oleh halaman staf kpureport (kpureport app); boleh juga diubah dengan tangan.\n"
)


def slug_for(name: str) -> str:
    """The folder name an office's full name suggests.

    >>> slug_for("Komisi Pemilihan Umum Kabupaten Kayong Utara")
    'kayong-utara'
    >>> slug_for("Komisi Pemilihan Umum Kota Pontianak")
    'kota-pontianak'
    """
    text = name.strip().lower().removeprefix("komisi pemilihan umum").strip()
    text = text.removeprefix("kabupaten").strip()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def profile_text(raw: dict) -> str:
    """``profile.yml`` as written: the header comment, then the keys in the form's order."""
    return HEADER + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100)


def problems_of(raw: dict, path: Path) -> list[Problem]:
    """What ``kpureport check`` would say of this profile."""
    return validate.mapping_problems(raw, validate.PROFILE_FIELDS, path)


def _is_slug(name: str) -> bool:
    try:
        check_office_name(name)
    except OfficeNotFoundError:
        return False
    return True


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()[:7] if value.day == 1 else value.isoformat()
    return str(value)


class AccountRow:
    def __init__(self, on_remove, values: dict | None = None):
        values = values or {}
        self.platform = widgets.Dropdown(
            options=[(platform_label(p, dt.date.today().year), p) for p in PLATFORMS],
            value=values.get("platform") if values.get("platform") in PLATFORMS else "instagram",
            description="Platform",
        )
        self.fields = {
            key: widgets.Text(value=_text(values.get(key)), description=label, placeholder=example)
            for key, label, example in ACCOUNT_FIELDS
        }
        self.errors = widgets.HTML()
        self.remove = widgets.Button(description="Hapus akun", tooltip="Hapus akun")
        self.remove.on_click(lambda _: on_remove(self))
        inputs = [self.platform, *self.fields.values()]
        for box in inputs:
            box.style.description_width = "12em"
            box.layout.width = "100%"
        self.widget = widgets.VBox([*inputs, self.errors, self.remove])
        self.widget.add_class("kr-account")

    def value(self) -> dict:
        out = {"platform": self.platform.value}
        for key, box in self.fields.items():
            text = box.value.strip()
            if text:
                out[key] = text
        return out


class OfficeForm:
    """Choose an office, or create one; its profile edited in one form."""

    def __init__(self, state: State):
        self.state = state
        self.message = Message()
        self.slug = widgets.Text(
            description="Nama folder",
            placeholder="mis. kayong-utara (huruf kecil, angka, tanda hubung)",
        )
        self.fields = {
            key: widgets.Text(description=label, placeholder=example)
            for key, label, example in FIELDS
        }
        self.timezone = widgets.Dropdown(options=TIMEZONES, description="Zona waktu")
        self.errors = {key: widgets.HTML() for key in [*self.fields, "timezone", "accounts"]}
        self.slug_error = widgets.HTML()
        self.accounts: list[AccountRow] = []
        self.account_box = widgets.VBox()
        add = widgets.Button(description="Tambah akun", tooltip="Tambah akun")
        add.on_click(guarded(self.message, "menambah akun")(lambda _: self._add_account()))
        self.save = widgets.Button(
            description="Simpan profil", button_style="primary", tooltip="Simpan"
        )
        self.save.on_click(guarded(self.message, "menyimpan profil kantor")(self._save))
        self.new = widgets.Button(description="Kantor baru", tooltip="Kantor baru")
        self.new.on_click(guarded(self.message, "membuka formulir kantor baru")(self._blank))
        self.fields["name"].observe(self._suggest_slug, names="value")
        rows = []
        for key, box in [*self.fields.items(), ("timezone", self.timezone)]:
            box.style.description_width = "16em"
            box.layout.width = "100%"
            rows += [box, self.errors[key]]
        self.slug.style.description_width = "16em"
        self.slug.layout.width = "100%"
        self.title = widgets.HTML()
        self.widget = widgets.VBox(
            [
                self.title,
                self.new,
                self.slug,
                self.slug_error,
                *rows,
                widgets.HTML("<h3>Akun media sosial</h3>"),
                self.account_box,
                self.errors["accounts"],
                add,
                self.save,
                self.message.widget,
            ]
        )
        self.widget.add_class("kr-form")
        self.refresh()

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the chosen office's profile, or an empty form when there is none yet."""
        self.message.clear()
        if self.state.office is None:
            self._blank()
            return
        path = self.state.data_dir / self.state.office / PROFILE_FILE
        raw = read_yaml(path, path.parent)
        raw = raw if isinstance(raw, dict) else {}
        self.slug.value, self.slug.disabled = self.state.office, True
        for key, box in self.fields.items():
            box.value = _text(raw.get(key))
        zones = [z for _, z in TIMEZONES]
        self.timezone.value = raw.get("timezone") if raw.get("timezone") in zones else zones[0]
        self.accounts = []
        for account in raw.get("accounts") or []:
            self._add_account(account if isinstance(account, dict) else {})
        self._raw = raw
        self.title.value = html("office_title.html.j2", office=self.state.office, new=False)
        self._show_problems(problems_of(raw, path))

    def _blank(self, _=None) -> None:
        self._raw = {}
        self.slug.value, self.slug.disabled = "", False
        for box in self.fields.values():
            box.value = ""
        self.timezone.value = TIMEZONES[0][1]
        self.accounts = []
        self._add_account()
        self.title.value = html("office_title.html.j2", office=None, new=True)
        self._show_problems([])

    def _suggest_slug(self, change) -> None:
        if not self.slug.disabled:
            self.slug.value = slug_for(change["new"])

    def _add_account(self, values: dict | None = None) -> None:
        self.accounts.append(AccountRow(self._remove_account, values))
        self.account_box.children = [a.widget for a in self.accounts]

    def _remove_account(self, row: AccountRow) -> None:
        self.accounts.remove(row)
        self.account_box.children = [a.widget for a in self.accounts]

    # -- saving ----------------------------------------------------------------------------

    def value(self) -> dict:
        """The profile as the form says it; keys the form does not show are kept as they were
        (feedback_column, form_date_order, ...)."""
        raw = {}
        for key, box in self.fields.items():
            text = box.value.strip()
            if text:
                raw[key] = text
        raw["timezone"] = self.timezone.value
        for key, value in self._raw.items():
            if key not in raw and key not in self.fields and key != "accounts":
                raw[key] = value
        raw["accounts"] = [a.value() for a in self.accounts]
        return raw

    def _save(self, _=None) -> None:
        raw = self.value()
        creating = not self.slug.disabled
        slug = self.slug.value.strip()
        self.slug_error.value = ""
        if creating and not _is_slug(slug):
            self.slug_error.value = html(
                "field_error.html.j2",
                lines=["huruf kecil, angka, dan tanda hubung saja, mis. kayong-utara"],
            )
            self.message.show("error", "Profil belum disimpan: nama folder belum sah.")
            return
        if creating and (self.state.data_dir / slug).exists():
            self.slug_error.value = html(
                "field_error.html.j2", lines=[f"folder '{slug}' sudah ada; pilih nama lain"]
            )
            self.message.show("error", "Profil belum disimpan: nama folder sudah dipakai.")
            return
        path = self.state.data_dir / slug / PROFILE_FILE
        problems = problems_of(raw, path)
        self._show_problems(problems)
        if problems:
            self.message.show(
                "error",
                f"Profil belum disimpan: {len(problems)} isian perlu diperbaiki (lihat pesan "
                "merah di bawah isiannya).",
            )
            return
        if creating:
            scaffold.create_office(self.state.data_dir, slug, self.state.year)
        atomic_write(path, profile_text(raw).encode("utf-8"))
        self.state.choose(office=slug)
        self.message.show(
            "ok",
            f"Profil kantor disimpan di {path}."
            + (" Folder kantor baru dibuat; lanjutkan ke tab 2. Ekspor." if creating else ""),
        )

    def _show_problems(self, problems: list[Problem]) -> None:
        """Each problem under its field; an account's under that account."""
        by_key: dict[str, list[str]] = {}
        for problem in problems:
            key = problem.key or "name"
            text = problem.expected
            if problem.found is not None:
                text = f"tertulis {problem.found!r}; seharusnya {text}"
            by_key.setdefault(key, []).append(text)
        for key, box in self.errors.items():
            box.value = html("field_error.html.j2", lines=by_key.pop(key, []))
        for number, row in enumerate(self.accounts, start=1):
            prefix = f"accounts[{number}]."
            lines = [
                f"{k.removeprefix(prefix)}: {t}"
                for k in list(by_key)
                if k.startswith(prefix)
                for t in by_key.pop(k)
            ]
            row.errors.value = html("field_error.html.j2", lines=lines)
        left = [f"{k}: {t}" for k, texts in by_key.items() for t in texts]
        if left:
            self.errors["accounts"].value = html("field_error.html.j2", lines=left)
