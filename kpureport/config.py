"""Names and defaults the whole package shares, kept in one place."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The installed package's own folder, as importlib finds it (a wheel, an sdist's build or a
#: checkout alike): every file a build reads (templates, calendars, lexicon, notebooks) is
#: found from here, never from the working directory.
PACKAGE_DIR = Path(str(resources.files("kpureport")))
TEMPLATES_DIR = PACKAGE_DIR / "templates"
NOTEBOOK_NAME = "laporan.ipynb"

LOCALE = "id"
DEFAULT_TIMEZONE = "Asia/Jakarta"

#: Platform slugs as written in data files, in the order the design card lists them.
#: WhatsApp and Threads have no export: staff type their followers.
PLATFORMS = ("facebook", "instagram", "twitter", "youtube", "tiktok", "whatsapp", "threads")
#: Platforms with no export at all (WhatsApp Channels, Threads): their figures are only what
#: staff type (followers.csv, monthly.csv); their posts are never counted, never "0".
NO_EXPORT = ("whatsapp", "threads")

_PLATFORM_LABELS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "twitter": "Twitter",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "threads": "Threads",
}

#: Post types as the platforms export them (English), as the report names them.
POST_TYPE_LABELS = {
    "photos": "Foto",
    "photo": "Foto",
    "videos": "Video",
    "video": "Video",
    "links": "Tautan",
    "link": "Tautan",
    "reels": "Reels",
    "status": "Status",
    "stories": "Story",
    "story": "Story",
    "ig image": "Gambar",
    "ig carousel": "Karosel",
    "ig reel": "Reels",
    "ig video": "Video",
    "ig story": "Story",
    "post": "Unggahan",
    "tweet": "Unggahan",
}


def post_type_label(kind: object) -> str:
    """``IG carousel`` as the report writes it (``Karosel``); an unknown type as exported.

    >>> post_type_label("Links"), post_type_label("IG carousel"), post_type_label("Live")
    ('Tautan', 'Karosel', 'Live')
    """
    text = str(kind).strip()
    return POST_TYPE_LABELS.get(text.lower(), text)


#: TikTok's audience keys (English in every interface language) as the report writes them.
AUDIENCE_LABELS = {
    "Female": "Perempuan",
    "Male": "Laki-laki",
    "Other": "Lainnya",
    "Others": "Lainnya",
    "Indonesia": "Indonesia",
    "Malaysia": "Malaysia",
    "Singapore": "Singapura",
    "Brunei": "Brunei Darussalam",
    "Timor-Leste": "Timor Leste",
    "United States": "Amerika Serikat",
    "Saudi Arabia": "Arab Saudi",
    "Taiwan": "Taiwan",
    "Hong Kong": "Hong Kong",
    "Japan": "Jepang",
    "South Korea": "Korea Selatan",
    "Australia": "Australia",
}

#: Twitter was renamed X in 2023; reports from that year on use the new name.
X_RENAME_YEAR = 2023

#: Earliest year a count or post can plausibly belong to (KPU offices joined social media later).
EARLIEST_YEAR = 2004

#: Longest single text (a caption, a form answer, a narrative part) taken into a report; longer
#: ones are cut with a note from ``check``. Keeps every later step bounded, whatever is typed.
MAX_TEXT_CHARS = 20_000
#: Largest count any file may hold (no account has a trillion followers): a bigger one is a typo
#: or a corrupted cell, refused with its location before it can overflow a 64-bit column.
MAX_COUNT = 10**12
#: The highest juried score a province may type (scores run from 0 to 100).
MAX_SCORE = 100
#: Exports lag behind and staff record today's count: nothing may be dated later than this.
DAYS_AHEAD = 2

# Limits on hostile input, in one place (the README's "Batas berkas masukan" lists them): each
# refusal names the file and what to do instead.
#: Nodes (values, lists, mappings) of one YAML file; the largest shipped file has under 200.
#: Anchors and aliases (& and *) are refused in every YAML file: a few nested aliases expand
#: to gigabytes ("billion laughs").
YAML_MAX_NODES = 10_000
#: Members of one ZIP or workbook, and the bytes they inflate to: a download holds a few CSVs
#: of some megabytes; anything far beyond is refused before it is inflated (a "ZIP bomb").
ZIP_MAX_MEMBERS = 50
ZIP_MAX_BYTES = 200 * 1024 * 1024
#: Cells of one workbook sheet, as its dimension claims them or as read: a staff table has
#: hundreds, a platform's XLSX export tens of thousands.
XLSX_MAX_CELLS = 2_000_000
#: Characters of an office's folder name (it is in every file name of its reports, which the
#: file system bounds at 255 bytes) and of its full name (Word's document properties hold 255).
MAX_SLUG_CHARS = 64
MAX_NAME_CHARS = 200

#: KPU's tagline as KPU writes it since 2017; an office letterhead may differ (``profile.slogan``).
SLOGAN = "Pemilih Berdaulat Negara Kuat"
#: Export formats of a report made by default, besides the executed notebook (always kept),
#: and every format that can be asked for.
FORMATS = ("html", "pdf", "xlsx")
KNOWN_FORMATS = ("html", "pdf", "docx", "xlsx")
REPORT_TITLE = "Laporan Penggunaan Media Sosial"


def platform_label(platform: str, year: int) -> str:
    """Display name of a platform as an official document of that year writes it."""
    if platform == "twitter" and year >= X_RENAME_YEAR:
        return "X (Twitter)"
    return _PLATFORM_LABELS[platform]


def report_stem(office: str, year: int) -> str:
    """File name, without extension, of an office's report for a year (a fixed contract)."""
    return f"laporan-media-sosial-{office}-{year}"


def notebooks_dir() -> Path:
    """The package's notebooks: ``kpureport/notebooks`` in an installed wheel (the build maps
    the checkout's notebooks/ there), the checkout's own ``notebooks/`` beside the package in
    an editable install, where analysts open and edit them."""
    installed = PACKAGE_DIR / "notebooks"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "notebooks"


def notebook_path(name: str = NOTEBOOK_NAME) -> Path:
    """A notebook of the package: the report's by default, ``rekap`` for the roll-up's,
    ``eksplorasi`` for the analysts' exploration."""
    return notebooks_dir() / Path(name).with_suffix(".ipynb").name


#: Indicators an office may set a yearly target for (``targets.csv``): key -> (label in the
#: report, unit, platform: "optional", "required" or "none"). The realisation of each is
#: computed from the data; see :mod:`kpureport.analysis.targets`.
TARGET_INDICATORS = {
    "pengikut": ("Jumlah pengikut akhir tahun", "pengikut", "optional"),
    "pertumbuhan_pengikut": ("Pertumbuhan pengikut dari akhir tahun lalu", "%", "optional"),
    "unggahan": ("Jumlah unggahan di beranda", "unggahan", "optional"),
    "tingkat_interaksi": ("Tingkat interaksi", "%", "required"),
    "polling": ("Jumlah polling", "polling", "none"),
    "masukan": ("Jumlah masukan masyarakat yang diterima", "masukan", "none"),
    "pertanyaan_dijawab": ("Pertanyaan dan pengaduan yang dijawab", "%", "none"),
    "dijawab_24_jam": ("Pertanyaan dan pengaduan dijawab dalam 1 \u00d7 24 jam", "%", "none"),
    "klarifikasi_hoaks": ("Klarifikasi hoaks yang diterbitkan", "klarifikasi", "none"),
}
#: Indicators that are a share of a whole (of questions, of the audience): no target above 100%.
TARGET_SHARES = ("tingkat_interaksi", "pertanyaan_dijawab", "dijawab_24_jam")
