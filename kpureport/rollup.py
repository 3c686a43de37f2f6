"""The provincial or national roll-up ("monev"): offices compared, ranked by a stated method."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kpureport import batch, charts, metrics
from kpureport import formatting as fmt
from kpureport.build import Document, build_document
from kpureport.config import PACKAGE_DIR, PLATFORMS, SLOGAN, platform_label
from kpureport.errors import KpuReportError
from kpureport.load import (
    ReportData,
    data_folder,
    load_report_data,
    office_dir,
    office_files,
    report_year,
)
from kpureport.render import Fragment, fragment, section

INDICATORS = (
    ("growth", "pertumbuhan pengikut"),
    ("posts", "jumlah unggahan"),
    ("engagement", "tingkat interaksi"),
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def office_row(data: ReportData) -> dict:
    """One office's figures for the comparison: followers, growth, posts, engagement."""
    year = data.year
    history = metrics.year_end_history(metrics.follower_counts(data.followers, data.daily))
    now = history[history["year"] == year].set_index("platform")["followers"]
    growth = metrics.growth(history, year)
    both = growth[growth["previous"].notna()]
    before, after = int(both["previous"].sum()), int(both["current"].sum())
    posts = metrics.posts_in_year(data.posts, year)
    interactions = float(posts["engagement"].sum()) if not posts.empty else 0.0
    audience = (
        int(now.reindex(posts["platform"].unique()).fillna(0).sum()) if not posts.empty else 0
    )
    engagement = (
        fmt.share(int(interactions), audience * len(posts))
        if len(posts) and audience
        else float("nan")
    )
    row = {
        "office": data.profile.slug,
        "name": data.profile.short_name,
        "fictional": data.profile.fictional,
        "total": int(now.sum()),
        "growth": fmt.share(after - before, before) if before else float("nan"),
        "posts": len(posts),
        "engagement": engagement,
    }
    row.update({p: (int(now[p]) if p in now.index else None) for p in PLATFORMS})
    return row


#: Columns of one office's row in the comparison, typed (also when no office loaded).
COMPARISON_TYPES = {
    "office": "object",
    "name": "object",
    "fictional": "bool",
    "total": "int64",
    "growth": "float64",
    "posts": "int64",
    "engagement": "float64",
    **{platform: "Int64" for platform in PLATFORMS},
}


def comparison(datasets: list[ReportData]) -> pd.DataFrame:
    """Offices side by side, ranked: each indicator ranked (1 = best, missing = last), the
    mean of the three ranks orders the offices, total followers breaks ties."""
    table = pd.DataFrame([office_row(d) for d in datasets], columns=list(COMPARISON_TYPES))
    table = table.astype(COMPARISON_TYPES)
    for key, _ in INDICATORS:
        table[f"rank_{key}"] = (
            table[key]
            .astype("float64")
            .rank(ascending=False, method="min", na_option="bottom")
            .astype("int64")
        )
    table["score"] = table[[f"rank_{k}" for k, _ in INDICATORS]].mean(axis=1)
    table = table.sort_values(["score", "total"], ascending=[True, False], ignore_index=True)
    table["rank"] = range(1, len(table) + 1)
    return table


class Rollup:
    """The roll-up of several offices for one year, as the rekap notebook shows it."""

    def __init__(self, datasets: list[ReportData], year: int, area: str, missing: list[str]):
        self.datasets, self.year, self.area, self.missing = datasets, year, area, missing
        self.table = comparison(datasets)
        self._numbers: dict[str, int] = {}

    @classmethod
    def load(
        cls,
        year: int | str,
        data_dir: str | Path | None = None,
        offices: Iterable[str] = (),
        province: str | None = None,
    ) -> Rollup:
        """The offices named (or every office of ``province``) for ``year``; offices whose data
        does not load are listed in ``missing``, and it is an error when none loads."""
        data_dir = data_folder(data_dir)
        year = report_year(year)
        names = list(offices) or (batch.province_offices(data_dir, province) if province else [])
        if not names:
            raise KpuReportError(
                f"Tidak ada kantor untuk direkap: tidak ada profil kantor dengan "
                f"provinsi '{province}' di {data_dir}."
                if province
                else "Sebutkan kantor-kantor yang direkap atau provinsinya."
            )
        datasets, missing = [], []
        for name in names:
            try:
                datasets.append(load_report_data(data_dir, name, int(year)))
            except KpuReportError as exc:
                missing.append(f"{name}: {str(exc).splitlines()[0]}")
        if not datasets:
            raise KpuReportError(
                f"Tidak ada data kantor yang dapat dimuat untuk rekap tahun {year} (folder data "
                f"{data_dir}): " + "; ".join(missing)
            )
        area = f"se-Provinsi {province}" if province else "Terpilih"
        return cls(datasets, year, area, missing)

    def __repr__(self) -> str:
        missing = f", {len(self.missing)} tidak dimuat" if self.missing else ""
        return f"<Rollup {self.area} {self.year}: {len(self.datasets)} kantor{missing}>"

    def _number(self, key: str) -> int:
        return self._numbers.setdefault(key, len(self._numbers) + 1)

    def title_page(self) -> Fragment:
        return fragment(
            "rollup_title.html.j2",
            area=self.area,
            year=self.year,
            offices=len(self.datasets),
            fictional=bool(self.table.get("fictional", pd.Series()).any()),
        )

    def comparison_section(self) -> Fragment:
        if self.table.empty:
            return Fragment("")
        platforms = [p for p in PLATFORMS if self.table[p].notna().any()]
        headers = [
            "Kantor",
            *[platform_label(p, self.year) for p in platforms],
            "Jumlah",
            "Pertumbuhan",
            "Unggahan",
            "Tingkat interaksi",
        ]
        rows = [
            [
                r["name"] + (" *" if r["fictional"] else ""),
                *["-" if pd.isna(r[p]) else fmt.number(r[p]) for p in platforms],
                fmt.number(r["total"]),
                _pct(r["growth"]),
                fmt.number(r["posts"]),
                _pct(r["engagement"]),
            ]
            for _, r in self.table.iterrows()
        ]
        numeric = set(range(1, len(headers)))
        note = "* Kantor fiktif (data contoh)." if self.table["fictional"].any() else None
        table = {
            "number": self._number("perbandingan"),
            "headers": headers,
            "rows": rows,
            "numeric": numeric,
            "note": note,
            "caption": f"Perbandingan media sosial kantor {self.area}, tahun {self.year}",
        }
        chart = charts.followers_by_office(self.table, self.year)
        figures = [
            {
                "number": 1,
                "chart": chart,
                "caption": f"Jumlah pengikut per kantor, akhir tahun {self.year}",
            }
        ]
        paragraphs = [
            f"Rekap ini membandingkan {fmt.number(len(self.table))} kantor {self.area} "
            f"pada tahun {self.year}."
        ]
        if self.missing:
            paragraphs.append("Kantor yang tidak dapat direkap: " + "; ".join(self.missing) + ".")
        return section(
            id="perbandingan",
            title="A. Perbandingan Kantor",
            paragraphs=paragraphs,
            tables=[table],
            figures=figures,
        )

    def ranking_section(self) -> Fragment:
        if self.table.empty:
            return Fragment("")
        rows = [
            [
                str(r["rank"]),
                r["name"],
                str(r["rank_growth"]),
                str(r["rank_posts"]),
                str(r["rank_engagement"]),
                fmt.number(r["score"], 2),
            ]
            for _, r in self.table.iterrows()
        ]
        method = (
            "Setiap kantor diberi peringkat pada tiga indikator: pertumbuhan pengikut dari akhir "
            "tahun sebelumnya (persen), jumlah unggahan setahun, dan tingkat interaksi (jumlah "
            "interaksi dibagi jumlah unggahan dikali pengikut akhir tahun platform yang dipakai, "
            "dikali 100%). Peringkat 1 adalah nilai tertinggi; kantor tanpa data suatu indikator "
            "mendapat peringkat terakhir pada indikator itu. Urutan akhir menurut rata-rata ketiga "
            "peringkat (makin kecil makin baik); bila sama, kantor dengan pengikut lebih banyak di atas."
        )
        table = {
            "number": self._number("peringkat"),
            "headers": [
                "Peringkat",
                "Kantor",
                "Pertumbuhan",
                "Unggahan",
                "Interaksi",
                "Rata-rata peringkat",
            ],
            "rows": rows,
            "numeric": {2, 3, 4, 5},
            "note": None,
            "caption": f"Peringkat kantor {self.area}, tahun {self.year}",
        }
        return section(
            id="peringkat", title="B. Peringkat dan Metodenya", paragraphs=[method], tables=[table]
        )

    def footer(self) -> Fragment:
        return fragment("rollup_footer.html.j2", slogan=SLOGAN)


def _pct(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else fmt.percent(value, 2)


def rollup_notebook() -> Path:
    return PACKAGE_DIR.parent / "notebooks" / "rekap.ipynb"


def build_rollup(
    data_dir: Path,
    out_dir: Path,
    year: int,
    province: str | None = None,
    offices: Iterable[str] | None = None,
    formats: Iterable[str] = ("html", "pdf"),
    force: bool = False,
):
    """Build ``outputs/rekap/<province-slug>/<year>/rekap-<province-slug>-<year>.*``."""
    data_dir, out_dir, formats = Path(data_dir).resolve(), Path(out_dir).resolve(), tuple(formats)
    names = list(offices or []) or batch.province_offices(data_dir, province or "")
    if not names:
        raise KpuReportError(f"Tidak ada kantor dengan provinsi '{province}' di {data_dir}.")
    area = slug(province) if province else "kantor-terpilih"
    title = (
        f"Rekap Penggunaan Media Sosial KPU Kabupaten/Kota se-Provinsi {province} Tahun {year}"
        if province
        else f"Rekap Penggunaan Media Sosial KPU Kabupaten/Kota Terpilih Tahun {year}"
    )
    doc = Document(
        notebook=rollup_notebook(),
        parameters={
            "offices": names,
            "province": province or "",
            "year": int(year),
            "data_dir": str(data_dir),
        },
        target=out_dir / "rekap" / area / str(year),
        stem=f"rekap-{area}-{year}",
        title=title,
        header=title,
        footer=SLOGAN,
        author="Komisi Pemilihan Umum" + (f" Provinsi {province}" if province else ""),
        subject=title,
    )
    inputs = [p for name in names for p in office_files(office_dir(data_dir, name))[0]]
    result = build_document(doc, inputs, formats, force)
    result.office, result.year = area, int(year)
    return result
