"""The page of docs/ that lists every export the readers accept, made from the formats'
own declarations so that it cannot drift from what is read (``make docs``, and a test that
the committed page is the one these declarations make)."""

from __future__ import annotations

from kpureport.config import ZIP_MAX_BYTES, ZIP_MAX_MEMBERS
from kpureport.ingest.readers import FORMATS, textfile
from kpureport.ingest.readers.base import fold

KINDS = {
    "posts": "per unggahan",
    "daily": "per hari",
    "audience": "potret pengikut",
    "top": "video terbaru/teratas",
    "feedback": "jawaban formulir",
}
#: What staff should know of a format beyond its columns.
NOTES = {
    "meta-post-facebook": "Publish time dalam waktu Pasifik AS (America/Los_Angeles). Sejak "
    "2024 `Views` menggantikan `Impressions`; nama kolom dicocokkan tanpa membedakan huruf "
    "besar dan kecil. Angka seumur unggahan: unggahan yang ada di dua unduhan memakai unduhan "
    "yang lebih baru (menurut tanggal pada nama berkas).",
    "meta-post-instagram": "Seperti unggahan Facebook; baris story (`IG story`) dihitung terpisah.",
    "meta-audience": "UTF-16 dengan baris `sep=,`; blok-blok (usia dan jenis kelamin, kota, "
    "negara) bertumpuk dalam satu berkas, masing-masing diawali judulnya. Nama berkas harus "
    "memuat platform dan tanggal unduh, mis. `Audience_facebook_2025-12-31.csv` (susunan "
    "bloknya belum diverifikasi pada berkas asli).",
    "meta-daily": "UTF-16 dengan baris `sep=,` dan baris nama metrik (mis. `Facebook views`) "
    "di atas judul kolom; hari bernilai 0 boleh tidak ada.",
    "facebook-insights-post": "Baris 2 berisi keterangan kolom dan dilewati.",
    "facebook-insights-page": "Baris 2 berisi keterangan kolom dan dilewati; berkas asli "
    "memiliki sekitar 2.700 kolom.",
    "youtube-table": "Baris `Total` dilewati. Sejak 31 Maret 2025 `Views` menghitung setiap "
    "pemutaran Shorts; `Engaged views` (hitungan lama) dibaca bila ada. Judul kolom bahasa "
    "Indonesia juga dibaca.",
    "youtube-totals": "Tepat satu kolom metrik di samping tanggal.",
    "twitter-tweet-activity": "Waktu dalam UTC, dikonversi ke zona kantor.",
    "x-content": "Kolom Date hanya memuat tanggal; jam terbit diambil dari Post id (ID "
    "Snowflake). ID yang bukan ID Snowflake, atau yang tanggalnya berselisih lebih dari sehari "
    "dengan Date, hanya memberi tanggal.",
    "tiktok-overview": "Tanggal tanpa tahun: tahun dari waktu unduh pada nama ZIP TikTok "
    "Studio, atau tanggal unduh yang ditulis pada nama berkas.",
    "tiktok-content": "Tanggal dan jam unggah dari ID video pada `Video link`; tanpa ID itu, "
    "dari `Post time` dengan aturan tahun. Tidak dipakai untuk menghitung unggahan.",
}


def catalogue() -> str:
    """The Markdown page: one section per format, its required and optional columns."""
    lines = [
        "# Ekspor platform yang dibaca kpureport",
        "",
        "Halaman ini dibuat dari deklarasi format di `kpureport/ingest/readers/` "
        "(`make docs`); jangan disunting dengan tangan. Berkas dikenali dari **isi**nya "
        "(kolom wajib), bukan dari namanya; kolom lain boleh ada dan diabaikan. Nama kolom "
        "dicocokkan tanpa membedakan huruf besar dan kecil.",
        "",
        "Batas: berkas paling besar "
        f"{textfile.MAX_BYTES // 1024**2} MB; baris judul paling panjang "
        f"{textfile.MAX_HEADER_BYTES // 1024**2} MB (berapa pun jumlah kolomnya); ZIP paling "
        f"banyak {ZIP_MAX_MEMBERS} berkas dan {ZIP_MAX_BYTES // 1024**2} MB setelah dibuka. "
        "Setiap baris harus memiliki jumlah kolom yang sama dengan baris judulnya; baris yang "
        "berbeda disebut nomornya, tidak pernah digeser. Pembacaan sebanding dengan ukuran "
        "berkas.",
        "",
        "Ekspor dengan bahasa tampilan selain English (dan Bahasa Indonesia untuk YouTube "
        "Studio dan TikTok Studio) ditolak dengan satu pesan: ubah bahasa tampilan lalu unduh "
        "ulang.",
        "",
    ]
    for fmt in FORMATS:
        lines += [f"## {fmt.title}", ""]
        lines.append(f"- Nama format: `{fmt.name}`; data {KINDS.get(fmt.kind, fmt.kind)}")
        required = " atau ".join(
            "(" + ", ".join(f"`{c}`" for c in sorted(req)) + ")" for req in fmt.required
        )
        lines.append(
            f"- Kolom wajib: {required}" + (" dan tidak ada kolom lain" if fmt.exact else "")
        )
        required_names = {fold(c) for req in fmt.required for c in req}
        optional = sorted(
            {fold(c): c for c in sorted(fmt.optional, reverse=True)}[key]
            for key in {fold(c) for c in fmt.optional} - required_names
        )
        if optional:
            lines.append("- Kolom yang dibaca bila ada: " + ", ".join(f"`{c}`" for c in optional))
        if fmt.excludes:
            lines.append(
                "- Bukan format ini bila ada kolom: "
                + ", ".join(f"`{c}`" for c in sorted(fmt.excludes))
            )
        if fmt.name in NOTES:
            lines.append(f"- {NOTES[fmt.name]}")
        lines.append("")
    lines += [
        "## Tabel yang diisi staf",
        "",
        "Threads, Saluran WhatsApp, dan jumlah unggahan TikTok tidak punya ekspor: staf "
        "mencatatnya setiap bulan di `monthly.csv` atau `monthly.xlsx` (`bulan, platform, "
        "pengikut, unggahan, tayangan`; bulan seperti `2025-01`, angka yang tidak ditunjukkan "
        "aplikasi dikosongkan). Laporan menampilkannya dengan sumber \u201cdicatat staf\u201d.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from pathlib import Path

    page = Path(__file__).resolve().parents[3] / "docs" / "ekspor.md"
    page.write_text(catalogue(), encoding="utf-8")
    print(page)
