"""Text from data reaches the page without the power to rearrange it."""

from kpureport.writing import render


def test_an_unclosed_right_to_left_override_does_not_reach_the_page():
    question = "Kapan pemilu? \u202eSiapa yang datang"
    shown = render.public(question + " (15 Maret 2024) (25,0%)")
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    assert "(15 Maret 2024) (25,0%)" in shown
