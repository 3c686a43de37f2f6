"""Personal data out of every text before it reaches a table, chart, quote or exported file.

Removed: NIK (16 digits whose province, regency, district and birth date form a real NIK),
telephone numbers (found by Google's libphonenumber for region ID), e-mail addresses.
Ordinary numbers (years, counts, dates, amounts) are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NIK_MARK = "[NIK dihapus]"
PHONE_MARK = "[nomor telepon dihapus]"
EMAIL_MARK = "[surel dihapus]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_NIK = re.compile(r"(\d{6})(\d{2})(\d{2})(\d{2})(\d{4})")
#: 16 digits, also written in groups of four (``6104 0157 0890 0003``).
_SIXTEEN = re.compile(r"(?<![\d.,])\d{4}([ .-]?)\d{4}\1\d{4}\1\d{4}(?![\d]|[.,]\d)")
#: Province codes of Kemendagri (11 Aceh ... 96 Papua Barat Daya).
PROVINCES = {
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    21,
    31,
    32,
    33,
    34,
    35,
    36,
    51,
    52,
    53,
    61,
    62,
    63,
    64,
    65,
    71,
    72,
    73,
    74,
    75,
    76,
    81,
    82,
    91,
    92,
    93,
    94,
    95,
    96,
    97,
}


@dataclass(frozen=True)
class Counts:
    nik: int = 0
    phone: int = 0
    email: int = 0


def is_nik(digits: str) -> bool:
    """16 digits laid out as a NIK: province, regency, district, birth day (+40 for women),
    month, year, and a serial number that is not 0000."""
    match = _NIK.fullmatch(digits)
    if not match:
        return False
    region, day, month, _year, serial = match.groups()
    day_number = int(day) - 40 if int(day) > 40 else int(day)
    return (
        int(region[:2]) in PROVINCES
        and region[2:4] != "00"
        and region[4:6] != "00"
        and 1 <= day_number <= 31
        and 1 <= int(month) <= 12
        and serial != "0000"
    )


def redact(text: str) -> tuple[str, Counts]:
    """The text with personal data replaced by a mark, and how many of each were removed."""
    if not text:
        return text, Counts()
    text, emails = _EMAIL.subn(EMAIL_MARK, text)
    niks = 0

    def nik(match: re.Match) -> str:
        nonlocal niks
        if is_nik(re.sub(r"\D", "", match.group(0))):
            niks += 1
            return NIK_MARK
        return match.group(0)

    text = _SIXTEEN.sub(nik, text)
    import phonenumbers  # its metadata tables load on first use, not with the package

    phones = 0
    pieces, last = [], 0
    for found in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID):
        pieces += [text[last : found.start], PHONE_MARK]
        last = found.end
        phones += 1
    text = "".join(pieces) + text[last:]
    return text, Counts(nik=niks, phone=phones, email=emails)


def redact_text(text: str) -> str:
    return redact(text)[0]
