"""The methods appendix: sources of each figure, definitions and formulas, time zone, privacy."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from kpureport import formatting as fmt
from kpureport import metrics
from kpureport.config import platform_label
from kpureport.feedback import lexicon
from kpureport.metrics import MIN_POSTS_PER_SLOT, Z_95
from kpureport.narrative import TIMEZONE_NAMES, join_words, say
from kpureport.readers.base import META_TIMEZONE
from kpureport.redact import redact

if TYPE_CHECKING:
    from kpureport.report import Report


def _files(frame: pd.DataFrame) -> str:
    names = sorted(frame["source"].dropna().unique()) if "source" in frame.columns else []
    return join_words([f"\u201c{n}\u201d" for n in names]) if names else "tidak ada berkas"


def sources(report: Report) -> list[str]:
    data, year = report.data, report.year
    out = [
        f"Jumlah pengikut: tabel pengikut yang diisi staf ({_files(data.followers)}), "
        "dilengkapi jumlah pengikut harian dari ekspor platform bila ada."
    ]
    posts = report.year_posts
    if posts.empty:
        out.append(f"Unggahan: tidak ada ekspor unggahan untuk tahun {year}.")
    else:
        counts = posts.groupby("platform").size()
        listed = join_words(
            [f"{platform_label(p, year)} {fmt.number(n)} unggahan" for p, n in counts.items()]
        )
        out.append(
            f"Unggahan: ekspor analitik platform ({listed}) dari berkas {_files(posts)}. "
            "Unggahan yang muncul di beberapa ekspor dihitung satu kali dengan angka dari ekspor terbaru."
        )
    stories = metrics.stories_in_year(data.posts, year)
    if not stories.empty:
        out.append(str(say("methods_stories", total=fmt.number(len(stories)), year=year)))
    listed = report.videos_listed()
    if listed:
        in_year = len(metrics.top_videos(data.top_videos, year, n=listed))
        out.append(
            str(
                say(
                    "methods_tiktok_content",
                    listed=fmt.number(listed),
                    in_year=fmt.number(in_year),
                    year=year,
                )
            )
        )
    polls = data.polls[data.polls["date"].dt.year == year]
    out.append(
        f"Polling: tabel polling yang disalin staf dari arsip story ({_files(polls)})."
        if not polls.empty
        else f"Polling: tidak ada hasil polling tahun {year}."
    )
    rows = report.feedback_rows
    out.append(
        f"Kritik dan saran: {fmt.number(len(rows))} masukan dari {_files(rows)}."
        if not rows.empty
        else f"Kritik dan saran: tidak ada masukan tercatat tahun {year}."
    )
    out.append(
        "Teks naratif yang ditulis staf diambil dari berkas narasi tahun ini; bagian yang tidak "
        "diisi disusun otomatis dari angka-angka di atas."
    )
    return out


def definitions(report: Report) -> list[tuple[str, str]]:
    rates = report.rates[report.rates["rate"].notna()]
    used = (
        join_words(
            [
                f"{platform_label(r.platform, report.year)}: {r.base_label}"
                for r in rates.itertuples(index=False)
            ]
        )
        or "tidak ada"
    )
    rules = lexicon()["categories"]
    rule_text = "; ".join(
        f"{name}: antara lain \u201c{', '.join(rule.get('words', rule.get('starts_with', []))[:5])}\u201d"
        for name, rule in rules.items()
    )
    return [
        ("Pengikut akhir tahun", "Jumlah pengikut pada pencatatan terakhir dalam tahun tersebut."),
        (
            "Pertumbuhan pengikut",
            "(pengikut akhir tahun ini \u2212 pengikut akhir tahun lalu) / "
            "pengikut akhir tahun lalu \u00d7 100%. Tidak dihitung bila data tahun lalu tidak ada.",
        ),
        (
            "Persentase pengikut",
            "Pengikut satu platform / jumlah pengikut semua platform \u00d7 100%, "
            "dibulatkan satu desimal.",
        ),
        (
            "Interaksi",
            "Jumlah interaksi yang dilaporkan platform (engagements); bila tidak ada, jumlah "
            "suka (reaksi di Facebook), komentar, bagikan (retweet/repost di X), dan simpan.",
        ),
        (
            "Tingkat interaksi",
            "Jumlah interaksi semua unggahan setahun / jumlah pembaginya \u00d7 100%. "
            "Pembagi menurut data yang tersedia: jangkauan (reach) bila setiap unggahan memilikinya; "
            "bila tidak, impresi, lalu penayangan; bila tidak ada juga, pengikut akhir tahun \u00d7 jumlah "
            "unggahan. Platform tanpa ekspor per unggahan (TikTok) dihitung dari data harian akun: "
            "(suka + komentar + bagikan) / penayangan video \u00d7 100%. "
            f"Pembagi yang dipakai tahun ini: {used}.",
        ),
        (
            "Hari dan jam terbaik",
            "Rata-rata interaksi per unggahan menurut hari dan jam terbit "
            f"(waktu setempat); jam dengan kurang dari {MIN_POSTS_PER_SLOT} unggahan tidak dibandingkan.",
        ),
        (
            "Selang kepercayaan polling",
            "Selang Wilson 95%: (p + z\u00b2/2n \u00b1 z\u221a(p(1\u2212p)/n + "
            f"z\u00b2/4n\u00b2)) / (1 + z\u00b2/n), dengan p persentase suara, n jumlah suara, z = {fmt.number(Z_95, 2)}. "
            "Polling story hanya mencerminkan pengikut yang ikut memilih.",
        ),
        (
            "Kategori masukan",
            "Kategori dari sumber (tabel masukan) dipakai apa adanya. Masukan tanpa "
            "kategori digolongkan dengan aturan kata kunci, berurutan, aturan pertama yang cocok: "
            f"{rule_text}; selain itu \u201clainnya\u201d.",
        ),
        (
            "Tema masukan",
            "Kata dasar (kata setelah imbuhannya dilepas) dan pasangan kata yang "
            "berdampingan, setelah kata umum dibuang; kata ingkar (tidak, belum, kurang, bukan) "
            "dipertahankan. Setiap kata ditampilkan dalam bentuk yang paling sering ditulis.",
        ),
        (
            "Pembulatan",
            "Setengah ke atas (0,125 menjadi 0,13). Persentase dua desimal, kecuali "
            "persentase pengikut per platform (satu desimal).",
        ),
    ]


def privacy(report: Report) -> str:
    texts = list(
        report.data.feedback.loc[
            report.data.feedback["date"].dt.year == report.year, "text"
        ].fillna("")
    )
    if not report.year_posts.empty:
        texts += list(report.year_posts["text"].fillna(""))
    counts = [redact(str(t))[1] for t in texts]
    nik, phone, email = (sum(getattr(c, k) for c in counts) for k in ("nik", "phone", "email"))
    return (
        "Sebelum teks apa pun masuk ke tabel, grafik, kutipan, atau berkas laporan, data pribadi "
        "dihapus: NIK (16 angka yang susunan kode wilayah dan tanggal lahirnya sah), nomor telepon "
        "(nomor Indonesia, dengan atau tanpa kode negara), dan alamat surel; "
        "masing-masing diganti tanda seperti \u201c[nomor telepon dihapus]\u201d. Nama dan alamat surel "
        "pengisi formulir tidak dibaca sama sekali. " + removed_sentence(nik, phone, email)
    )


def removed_sentence(nik: int, phone: int, email: int) -> str:
    """What was removed this year, naming only what there was.

    >>> removed_sentence(0, 2, 0)
    'Pada data tahun ini dihapus 2 nomor telepon.'
    >>> removed_sentence(0, 0, 0)
    'Pada data tahun ini tidak ditemukan data pribadi yang perlu dihapus.'
    """
    found = [
        f"{fmt.number(count)} {name}"
        for count, name in ((nik, "NIK"), (phone, "nomor telepon"), (email, "alamat surel"))
        if count
    ]
    if not found:
        return "Pada data tahun ini tidak ditemukan data pribadi yang perlu dihapus."
    return f"Pada data tahun ini dihapus {join_words(found)}."


KINDS = {
    "posts": "unggahan",
    "daily": "harian akun",
    "top": "video terbaru/teratas",
    "audience": "potret pengikut",
    "feedback": "jawaban formulir",
}


def coverage(report: Report) -> list[list[str]]:
    """Rows of the coverage table: platform, kind of data, period within the year (its first
    and last day, or the one day of a snapshot), files."""
    rows = []
    for r in metrics.coverage_in_year(report.data.coverage, report.year).itertuples(index=False):
        platform = platform_label(r.platform, report.year) if pd.notna(r.platform) else "Formulir"
        period = (
            [fmt.date(r.start.date())]
            if r.start == r.end
            else [
                fmt.date(r.start.date()),
                fmt.date(r.end.date()),
            ]
        )
        rows.append([platform, KINDS.get(r.kind, r.kind), period, ", ".join(r.files)])
    return rows


def time_rules(report: Report) -> list[str]:
    """The office zone, and the rules for the exports that do not write office time."""
    zone = report.profile.timezone
    rules = [
        f"Tanggal dan jam memakai zona waktu kantor, {zone} ({TIMEZONE_NAMES.get(zone, zone)}). "
        "Ekspor yang mencatat waktu dalam UTC (Twitter) dikonversi ke zona ini sebelum unggahan "
        "dimasukkan ke hari, bulan, atau tahun tertentu."
    ]
    formats = set(report.data.coverage["format"]) if report.data.coverage is not None else set()
    if any(f.startswith("meta-post") for f in formats):
        rules.append(
            str(
                say(
                    "methods_meta_time",
                    meta_zone=report.profile.meta_timezone or META_TIMEZONE,
                    zone=zone,
                )
            )
        )
    if any(f.startswith("tiktok") for f in formats):
        rules.append(str(say("methods_tiktok_time")))
    return rules


def appendix(report: Report) -> dict[str, object]:
    return {
        "sources": sources(report),
        "definitions": definitions(report),
        "timezone": time_rules(report),
        "coverage": coverage(report),
        "year": report.year,
        "privacy": privacy(report),
    }
