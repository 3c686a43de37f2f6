"""Personal data never reaches a report: a corpus of realistic messages, and ordinary numbers
that must stay as they are."""

import pytest

from kpureport.redact import EMAIL_MARK, NIK_MARK, PHONE_MARK, is_nik, official_contacts, redact

REMOVED = [
    (
        "NIK saya 6104015708900003, mohon dicek di DPT.",
        "NIK saya [NIK dihapus], mohon dicek di DPT.",
        "nik",
    ),
    ("nik 6104 0157 0890 0003 belum terdaftar", "nik [NIK dihapus] belum terdaftar", "nik"),
    (
        "Perempuan lahir 17-08-1990: 6104015708900003",
        "Perempuan lahir 17-08-1990: [NIK dihapus]",
        "nik",
    ),
    (
        "NIK ibu 3273015708900001 dan NIK ayah 3273011708850002",
        f"NIK ibu {NIK_MARK} dan NIK ayah {NIK_MARK}",
        "nik",
    ),
    ("Hubungi saya di 0812-3456-7890 ya kak", f"Hubungi saya di {PHONE_MARK} ya kak", "phone"),
    ("wa 081234567890", f"wa {PHONE_MARK}", "phone"),
    ("nomor saya +62 812 3456 7890", f"nomor saya {PHONE_MARK}", "phone"),
    ("telp kantor desa (0561) 734567", f"telp kantor desa {PHONE_MARK}", "phone"),
    ("kirim ke budi.santoso@gmail.com", f"kirim ke {EMAIL_MARK}", "email"),
    ("Email: humas_desa@kayongutarakab.go.id.", f"Email: {EMAIL_MARK}.", "email"),
]

KEPT = [
    "Tahun 2024 pengikut Instagram naik menjadi 66.042 orang.",
    "TPS 012 di RT 003/RW 004 Desa Sutera buka pukul 07.00-13.00.",
    "Pemungutan suara tanggal 14/02/2024, rekapitulasi 15-02-2024.",
    "Anggaran Rp 25.000.000 untuk 16 kecamatan dan 1.030 pengikut.",
    "Nomor urut 2, kode pos 78852, SK Nomor 123/PL.02-Kpt/6106/2024.",
    "Data 1234567890123456 bukan NIK karena tanggal lahirnya mustahil.",
    "Tahun 2019 sampai 2024 ada 350 unggahan dan 25 video.",
]


@pytest.mark.parametrize(("text", "expected", "kind"), REMOVED)
def test_personal_data_is_replaced_by_a_mark(text, expected, kind):
    cleaned, counts = redact(text)
    assert cleaned == expected
    assert getattr(counts, kind) >= 1


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_are_left_alone(text):
    assert redact(text)[0] == text


def test_nik_structure():
    assert is_nik("6104015708900003")  # Kalimantan Barat, woman born 17-08-1990
    assert not is_nik("0004015708900003")  # no province 00
    assert is_nik("6104011308900003")  # a man born 13-08-1990
    assert not is_nik("6104015713900003")  # month 13
    assert not is_nik("6104017208900003")  # day 72 - 40 = 32
    assert not is_nik("6104015708900000")  # serial 0000


HANG_GUARD_SECONDS = 60  # a quadratic pattern takes hours on these; linear ones well under 1 s


@pytest.fixture
def hang_guard():
    """Fails a test that runs away instead of letting it stall the suite (not a timing test:
    benchmarks/bench_redact.py measures the time)."""
    import signal

    def stalled(*_):
        raise TimeoutError("redaction did not finish: a pattern backtracks on long tokens")

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.alarm(HANG_GUARD_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "token",
    [
        "a" * 1_000_000,
        "a." * 500_000,
        ("x" * 100 + "@") * 10_000,
        "@" * 1_000_000,
        "1" * 1_000_000,
        "x@" + "a." * 500_000,
    ],
    ids=["letters", "dots", "at-runs", "at-signs", "digits", "long-domain"],
)
def test_a_megabyte_token_is_handled_and_left_alone(hang_guard, token):
    cleaned, counts = redact(token)
    assert counts.nik == counts.phone == 0
    assert cleaned == token or counts.email == 1


def test_an_address_longer_than_the_bound_is_removed_whole(hang_guard):
    text = "kirim ke " + "budi" * 200 + "@gmail.com sekarang"
    assert redact(text)[0] == f"kirim ke {EMAIL_MARK} sekarang"


def test_the_office_s_own_contacts_are_kept():
    keep = official_contacts(["humas@kpu-kku.go.id"], ["https://wa.me/6281234567890"])
    text = "Hubungi humas@kpu-kku.go.id atau 0812-3456-7890; bukan budi@gmail.com, 0813-9876-5432"
    cleaned = redact(text, keep)[0]
    assert "humas@kpu-kku.go.id" in cleaned and "0812-3456-7890" in cleaned
    assert "budi@gmail.com" not in cleaned and "0813-9876-5432" not in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Sudah $0812 3456 7810$",
        "wa08123456789",
        "Rp0812 3456 7810",
        "0812 3456 7810%",
        "(+62)812-3456-7810, silakan",
        "hubungi:62812345678901",
    ],
)
def test_a_phone_number_touching_letters_or_signs_is_removed(text):
    cleaned, counts = redact(text)
    assert counts.phone == 1
    assert not any(d in cleaned for d in ("3456", "23456789", "345678")), cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Rp 12.081.234.567.890 untuk pengadaan",
        "pukul 08.00-12.00-15.00 WIB",
        "tanggal 05-12-2024 dan 0123456789",
        "kode 08123 saja",
    ],
)
def test_amounts_times_and_short_codes_are_not_phone_numbers(text):
    assert redact(text)[0] == text


@pytest.mark.parametrize(
    "token",
    ["0" * 1_000_000, "0 " * 500_000, "08" * 500_000, "+62" * 333_333, "(0561)" * 166_666],
    ids=["zeros", "spaced-zeros", "zero-eights", "country-codes", "area-codes"],
)
def test_a_megabyte_of_phone_like_characters_is_handled(hang_guard, token):
    redact(token)  # finishes: each start of the pattern is bounded
