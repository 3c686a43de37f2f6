"""Charts draw data text as typed, so the redaction of the SVG's text reaches it."""

import pandas as pd

from kpureport.redact import PHONE_MARK
from kpureport.writing import charts, render


def test_a_poll_option_with_dollar_signs_is_redacted_in_the_chart_svg():
    group = pd.DataFrame(
        {
            "question": ["Sudah cek DPT?"] * 2,
            "option": ["Sudah $0812 3456 7810$", "Belum"],
            "votes": [30, 10],
            "share": [75.0, 25.0],
            "low": [60.0, 12.0],
            "high": [85.0, 40.0],
            "total": [40, 40],
        }
    )
    svg = render.public(charts.poll_result(group).svg)
    assert PHONE_MARK in svg
    assert "3456" not in svg and "7810" not in svg
