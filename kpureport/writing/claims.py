"""The claims a generated sentence may make, each decided on the figures as the reader sees them.

Every comparison, share, count and average of the narrative goes through these few functions,
so a sentence cannot say "turun" beside two equal printed values, give a percentage without its
base, rank a handful of posts, or show more decimals than the figure carries:

- :func:`change`: direction and size of a change from the two values *as printed* (equal printed
  values are "sama"; a change that rounds to 0,0% is "praktis tetap"); a change of a count
  under 100 is told as a count, other changes with one decimal at most.
- :func:`part_of`: a percentage always with its base ("31 dari 40 pertanyaan (78%)").
- :func:`enough`: the sample floor under which no ranking, average or change is claimed.
- :func:`count`: counts as formal prose writes them (one to nine in words).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from numbers import Real

from kpureport import formatting as fmt
from kpureport.analysis.metrics import MIN_POSTS_PER_SLOT

#: Fewest items (posts, days, answers) behind a ranking, an average or a change the text states;
#: below it the text gives the counts ("enam unggahan dalam tiga hari") and compares nothing.
SAMPLE_FLOOR = MIN_POSTS_PER_SLOT
#: A change of a count whose earlier value is below this is told as a count, not a percentage.
PERCENT_FLOOR = 100
#: Decimals of a percentage change.
CHANGE_DIGITS = 1

_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
#: The words :func:`count` writes, back to their numbers (for checks that read the text).
WORD_NUMBERS = {word: n for n, word in enumerate(_WORDS) if n}

#: Change words and their meaning (what a checker of the text compares them with).
UP, DOWN, SAME, FLAT = "naik", "turun", "sama", "praktis tetap"


def count(n: Real) -> str:
    """A count inside a sentence: one to nine in words (PUEBI), from ten in figures.

    >>> count(3), count(10), count(1030), count(0)
    ('tiga', '10', '1.030', '0')
    """
    value = int(n)
    return _WORDS[value] if 1 <= value <= 9 else fmt.number(value)


def enough(*sizes: Real, floor: int = SAMPLE_FLOOR) -> bool:
    """Whether every size behind a claim reaches the floor (a ranking of one post does not).

    >>> enough(12, 41), enough(6, 3)
    (True, False)
    """
    return all(int(s) >= floor for s in sizes)


def percent_of(part: Real, whole: Real) -> str:
    """``part`` as a percentage of a ``whole`` count, with the decimals that count can carry.

    >>> percent_of(31, 40), percent_of(162, 411)
    ('78%', '39,4%')
    """
    return fmt.percent(fmt.share(int(part), int(whole)), fmt.share_digits(int(whole)))


def part_of(part: Real, whole: Real, noun: str) -> str:
    """A share that names its base: ``31 dari 40 pertanyaan (78%)``.

    >>> part_of(31, 40, "pertanyaan")
    '31 dari 40 pertanyaan (78%)'
    """
    return f"{count(part)} dari {count(whole)} {noun} ({percent_of(part, whole)})"


@dataclass(frozen=True)
class Change:
    """A change between two printed values: ``direction`` is one of :data:`UP`, :data:`DOWN`,
    :data:`SAME` or :data:`FLAT`; ``size`` the amount as a sentence states it ("1,0%",
    "5 unggahan", "0,04 poin persen"), empty when there is none to state; ``cell`` the amount
    as a table prints it ("+1,0%", "+5", "-0,04 poin", "0" or "-")."""

    previous: str
    current: str
    direction: str
    size: str
    cell: str

    @property
    def moved(self) -> bool:
        return self.direction in (UP, DOWN)


def change(
    previous: Real,
    current: Real,
    digits: int = 0,
    unit: str = "",
    points: bool = False,
) -> Change:
    """The change from ``previous`` to ``current`` as printed with ``digits`` decimals.

    A rate (``points``) changes by percentage points; a count under :data:`PERCENT_FLOOR`
    by a count (with ``unit``); anything else by a percentage of one decimal computed from the
    printed values, so that the sentence and its table can never disagree.

    >>> change(1.14, 1.06, digits=1).direction  # 1,1 and 1,1 as printed
    'sama'
    >>> c = change(407, 411); c.direction, c.size, c.cell
    ('naik', '1,0%', '+1,0%')
    >>> c = change(50, 55, unit="masukan"); c.size, c.cell
    ('lima masukan', '+5')
    >>> change(5.29, 5.28, digits=2, points=True).size
    '0,01 poin persen'
    >>> change(10000, 10001).direction
    'praktis tetap'
    """
    shown_previous, shown_current = fmt.number(previous, digits), fmt.number(current, digits)
    before, after = fmt.round_half_up(previous, digits), fmt.round_half_up(current, digits)
    if before == after:
        return Change(shown_previous, shown_current, SAME, "", "0")
    direction = UP if after > before else DOWN
    sign = "+" if after > before else "-"
    difference = abs(after - before)
    if points:
        amount = fmt.number(difference, digits)
        return Change(
            shown_previous,
            shown_current,
            direction,
            f"{amount} poin persen",
            f"{sign}{amount} poin",
        )
    if before == 0:
        return Change(shown_previous, shown_current, direction, "", "-")
    if abs(before) < PERCENT_FLOOR and digits == 0:
        amount = fmt.number(difference)
        size = f"{count(difference)} {unit}".strip()
        return Change(shown_previous, shown_current, direction, size, f"{sign}{amount}")
    pct = fmt.round_half_up(difference * 100 / abs(before), CHANGE_DIGITS)
    if pct == Decimal(0):
        return Change(shown_previous, shown_current, FLAT, "", "0,0%")
    shown = fmt.percent(pct, CHANGE_DIGITS)
    return Change(shown_previous, shown_current, direction, shown, f"{sign}{shown}")
