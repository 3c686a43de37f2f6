"""Charts: alt text and Indonesian numbers, colours that stand out and lines told apart
without colour, the analyst's matplotlib left alone; and data text drawn as typed, so the
redaction of the SVG's text reaches it."""

import base64
import subprocess
import sys

import pandas as pd

from kpureport.analysis import metrics
from kpureport.redact import PHONE_MARK
from kpureport.writing import charts, render
from tests.conftest import DATA


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


def test_charts_carry_alt_text_and_indonesian_numbers():
    history = pd.DataFrame(
        {
            "platform": ["instagram"] * 3,
            "year": [2022, 2023, 2024],
            "date": pd.to_datetime(["2022-12-31", "2023-12-31", "2024-12-31"]),
            "followers": [41920, 54405, 66042],
        }
    )
    chart = charts.follower_trend(history, 2024)
    assert "Instagram dari 41.920 (2022) menjadi 66.042 (2024)" in chart.alt
    assert "60.000" in chart.svg and "60,000" not in chart.svg  # axis ticks in Indonesian format
    assert chart.svg.startswith("<svg") and "<script" not in chart.svg


def test_a_single_year_has_no_trend_chart():
    history = pd.DataFrame(
        {
            "platform": ["youtube"],
            "year": [2021],
            "date": pd.to_datetime(["2021-06-30"]),
            "followers": [25],
        }
    )
    assert charts.follower_trend(history, 2021) is None


def test_poll_chart_shows_each_option_with_its_votes_and_no_interval():
    polls = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-02-01"] * 2),
            "platform": "instagram",
            "question": "Sudah cek DPT?",
            "option": ["Sudah", "Belum"],
            "votes": [130, 70],
        }
    )
    chart = charts.poll_result(metrics.poll_results(polls, 2024))
    assert "Sudah 130 suara (65,0%)" in chart.alt and "95%" not in chart.alt
    assert chart.alt.index("Sudah") < chart.alt.index("Belum")


def test_svg_embeds_as_a_data_uri():
    from kpureport.writing.render import svg_data_uri

    uri = svg_data_uri("<svg></svg>")
    assert base64.b64decode(uri.split(",", 1)[1]) == b"<svg></svg>"


def test_importing_kpureport_leaves_the_analyst_s_matplotlib_alone():
    code = (
        "import matplotlib; matplotlib.use('svg'); matplotlib.rcParams['font.size'] = 17\n"
        "import kpureport.document.report, kpureport.writing.charts\n"
        "print(matplotlib.get_backend(), matplotlib.rcParams['font.size'])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["svg", "17.0"]


def _contrast(color: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""

    def luminance(hex_color: str) -> float:
        channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(color), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_chart_colour_stands_out_from_the_white_page():
    for name, color in {**charts.PLATFORM_COLORS, **charts.CATEGORY_COLORS}.items():
        assert _contrast(color) >= 3, (name, color, round(_contrast(color), 2))
    assert _contrast("#e0a800") < 3  # the old "pertanyaan" yellow, 2.15:1, would fail


def test_lines_and_stacked_bars_are_told_apart_without_colour():
    markers = {m for m, _ in charts.PLATFORM_MARKERS.values()}
    assert set(charts.PLATFORM_MARKERS) == set(charts.PLATFORM_COLORS)
    assert len(markers) == len(charts.PLATFORM_MARKERS)
    per_month = pd.DataFrame(
        {"instagram": [1] * 12, "facebook": [2] * 12}, index=pd.RangeIndex(1, 13, name="month")
    )
    svg = charts.posting_activity(per_month, 2024).svg
    assert "stroke: #ffffff" in svg  # white edges between the stacked segments


def test_axis_ticks_never_repeat_a_label():
    """X's rate panel (3,29%) drew ticks every 0,5% printed without decimals: "1% 1% 2% 2%"."""
    import re

    from kpureport import Report

    rates = Report.load("contoh", 2024, DATA).rates
    svg = charts.engagement_by_platform(rates, 2024).svg
    for panel in svg.split("Tingkat interaksi per ")[:-1]:
        ticks = [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", panel) if t.endswith("%")]
        whole = [t for t in ticks if "," not in t]  # the bars' own labels have decimals
        assert len(whole) == len(set(whole)), whole
