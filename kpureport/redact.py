"""Personal data out of every text before it reaches a table, chart, quote or exported file.

Removed: NIK (16 digits whose province, regency, district and birth date form a real NIK),
telephone numbers (found by Google's libphonenumber for region ID), e-mail addresses.
Ordinary numbers (years, counts, dates, amounts) are left as they are, and so are the
office's own published contacts (its e-mail, its accounts), passed as ``keep``.

Every pattern here runs in time linear in the text: quantifiers are bounded, so a long run
of characters without spaces (anyone can type one into a public form) costs no more per
character than ordinary prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NIK_MARK = "[NIK dihapus]"
PHONE_MARK = "[nomor telepon dihapus]"
EMAIL_MARK = "[surel dihapus]"

#: The part of an address after "@", bounded as RFC 5321 bounds it (labels of 63 characters).
_DOMAIN = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
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


def _is_local(char: str) -> bool:
    return char.isalnum() or char in "._+-"


def _emails(text: str, keep: frozenset[str]) -> tuple[str, int]:
    """E-mail addresses replaced. Found from each "@" outwards: the domain by a bounded pattern,
    the local part by walking left, never past the previous address, so the whole text is
    walked at most once however long its tokens are."""
    pieces, last, count = [], 0, 0
    at = text.find("@")
    while at != -1:
        domain = _DOMAIN.match(text, at + 1)
        start = at
        while domain and start > last and _is_local(text[start - 1]):
            start -= 1
        if domain and start < at and text[start : domain.end()].lower() not in keep:
            pieces += [text[last:start], EMAIL_MARK]
            last = domain.end()
            count += 1
        at = text.find("@", max(at + 1, last))
    return "".join(pieces) + text[last:], count


def official_contacts(emails: Iterable[str | None], texts: Iterable[str | None]) -> frozenset[str]:
    """What ``redact`` keeps: the office's published e-mail addresses, and the phone numbers
    found in its own published texts (a WhatsApp channel link, a handle), in E.164 form."""
    import phonenumbers

    keep = {e.strip().lower() for e in emails if e}
    for text in filter(None, texts):
        for found in phonenumbers.PhoneNumberMatcher(text, "ID"):
            keep.add(phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164))
    return frozenset(keep)


def redact(text: str, keep: frozenset[str] = frozenset()) -> tuple[str, Counts]:
    """The text with personal data replaced by a mark, and how many of each were removed."""
    if not text:
        return text, Counts()
    text, emails = _emails(text, keep)
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
        if phonenumbers.format_number(found.number, phonenumbers.PhoneNumberFormat.E164) in keep:
            continue
        pieces += [text[last : found.start], PHONE_MARK]
        last = found.end
        phones += 1
    text = "".join(pieces) + text[last:]
    return text, Counts(nik=niks, phone=phones, email=emails)


def redact_text(text: str, keep: frozenset[str] = frozenset()) -> str:
    return redact(text, keep)[0]
