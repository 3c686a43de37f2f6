"""Numbers and dates in Indonesian convention (PUEBI): ``1.030``, ``49,9%``, ``30 Juni 2021``.

Babel rounds half to even; official documents round half up, so values are quantized here
with ``ROUND_HALF_UP`` before Babel lays them out.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from numbers import Rational, Real

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from kpureport.config import LOCALE


def to_decimal(value: Real | Decimal) -> Decimal:
    """Exact decimal of a number; floats go through their shortest repr, not their binary value."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Rational):
        return Decimal(int(value.numerator)) / Decimal(int(value.denominator))
    return Decimal(repr(float(value)))


def round_half_up(value: Real | Decimal, digits: int = 0) -> Decimal:
    """Round as people and official documents do: 0,125 becomes 0,13."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def number(value: Real | Decimal, digits: int = 0) -> str:
    """A number with Indonesian separators: ``number(66042)`` gives ``'66.042'``."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round_half_up(value, digits), format=pattern, locale=LOCALE)


def percent(value: Real | Decimal, digits: int = 1) -> str:
    """A percentage already scaled to 100: ``percent(49.903, 1)`` gives ``'49,9%'``."""
    return number(value, digits) + "%"


def share(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``, a plain float.

    One division of exact integers: the float is the nearest one to the true quotient, so its
    shortest repr, which :func:`round_half_up` reads, is the true value whenever that has a
    short decimal form. A half is therefore never lost to binary error before rounding.

    >>> share(1, 8), number(share(1, 800), 2)
    (12.5, '0,13')
    """
    if whole == 0:
        raise ZeroDivisionError("share of an empty total")
    return int(part) * 100 / int(whole)


def date(value: dt.date) -> str:
    """A full date: ``30 Juni 2021``."""
    return _babel_date(value, "d MMMM y", locale=LOCALE)


def share_digits(count: int) -> int:
    """Decimals a percentage of ``count`` items can honestly show: none below 100, one below
    1.000, two from there (55 answers give 40%, not 40,00%).

    >>> share_digits(55), share_digits(550), share_digits(5500)
    (0, 1, 2)
    """
    return 0 if count < 100 else 1 if count < 1000 else 2


def hour_range(hour: int) -> str:
    r"""One hour of the clock as Indonesian documents write it, with an en dash.

    >>> hour_range(14) == "14.00\u201314.59"
    True
    """
    return f"{hour:02d}.00\u2013{hour:02d}.59"


def month(value: dt.date) -> str:
    """A month of a year: ``Juni 2021``."""
    return _babel_date(value, "MMMM y", locale=LOCALE)


def month_name(number: int) -> str:
    """``Januari`` ... ``Desember``."""
    return _babel_date(dt.date(2000, number, 1), "MMMM", locale=LOCALE)
