"""Personal data out of every text before it reaches a table, chart, quote or exported file.

Removed: NIK (16 digits whose province, regency, district and birth date form a real NIK),
telephone numbers (Indonesian shapes, see :func:`phone_number`), e-mail addresses.
Ordinary numbers (years, counts, dates, amounts) are left as they are, and so are the
office's own published contacts (its e-mail, its accounts), passed as ``keep``.

Every pattern here runs in time linear in the text: quantifiers are bounded, so a long run
of characters without spaces (anyone can type one into a public form) costs no more per
character than ordinary prose. A personal datum is found wherever its digits stand, also
touching letters or signs (``wa08123456789``, ``Rp0812 3456 7810``, ``$0812 3456 7810$``,
``0812 3456 7810%``): only a digit next to it makes it part of a longer number.
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
#: Where a telephone number may stand: a country code (+62, 62, (+62)), a parenthesized area
#: code, or the trunk 0, then 7 to 14 digits with at most one space, dot or dash between
#: them, and no digit around (nor a digit and a thousands dot before: ``Rp 12.081.234.567``
#: is an amount). Bounded, so each start costs a few steps; :func:`phone_number` decides.
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[.,])(?:\(\+62\)|\+62|62|\(0\d{2,3}\)|0)(?:[ .-]?\d){6,13}(?!\d)"
)
_GROUPS = re.compile(r"\d+")
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


def phone_number(candidate: str) -> str | None:
    """The number in E.164 form if ``candidate`` has the shape of an Indonesian telephone
    number, else None. Written nationally (with the trunk 0, or after +62 / 62 without it):

    - a mobile number: 08 and 8 to 11 more digits, its first group at least 4 digits
      (``0812``, ``+62 812``), so times and dates (``08.00-12.00``) are not taken;
    - a landline: 0, an area code not starting with 8 (``021``, ``0561``) and the
      subscriber's digits, 9 to 11 digits in all, its first group 3 or 4 digits, or the area
      code in parentheses; bare ``62`` (no plus) only before a mobile number.

    >>> phone_number("0812-3456-7890"), phone_number("+62 812 3456 7890")
    ('+6281234567890', '+6281234567890')
    >>> phone_number("(0561) 734567"), phone_number("6281234567890")
    ('+62561734567', '+6281234567890')
    >>> phone_number("08.00-12.00"), phone_number("05-12-2024"), phone_number("0123456789")
    (None, None, None)
    """
    groups = _GROUPS.findall(candidate)
    digits = "".join(groups)
    if candidate.startswith(("+", "(+")):
        national, first = (
            "0" + digits[2:],
            "0" + (groups[1] if groups[0] == "62" else groups[0][2:]),
        )
    elif candidate.startswith("62"):
        national, first = "0" + digits[2:], "0" + groups[0][2:]
        if national[1:2] != "8":
            return None
    else:
        national, first = digits, groups[0]
    unsplit = len(groups) == 1 or (candidate.startswith("+") and len(groups) == 2)
    if re.fullmatch(r"08\d{8,11}", national):
        shaped = unsplit or len(first) >= 4
    elif re.fullmatch(r"0[2-79]\d{7,9}", national):
        shaped = unsplit or 3 <= len(first) <= 4
    else:
        shaped = False
    return "+62" + national[1:] if shaped else None


def _phones(text: str, keep: frozenset[str]) -> tuple[str, int]:
    pieces, last, count = [], 0, 0
    for found in _PHONE.finditer(text):
        number = phone_number(found.group(0))
        if number is None or number in keep:
            continue
        pieces += [text[last : found.start()], PHONE_MARK]
        last = found.end()
        count += 1
    return "".join(pieces) + text[last:], count


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
    keep = {e.strip().lower() for e in emails if e}
    for text in filter(None, texts):
        keep.update(filter(None, map(phone_number, _PHONE.findall(text))))
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
    text, phones = _phones(text, keep)
    return text, Counts(nik=niks, phone=phones, email=emails)


def redact_text(text: str, keep: frozenset[str] = frozenset()) -> str:
    return redact(text, keep)[0]
