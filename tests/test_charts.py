import base64
import subprocess
import sys

import pandas as pd

from kpureport import charts, metrics


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


def test_poll_chart_shows_each_option_with_its_interval():
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
    assert "Sudah 65,00% (95%: 58,16% sampai 71,27%)" in chart.alt
    assert chart.alt.index("Sudah") < chart.alt.index("Belum")


def test_svg_embeds_as_a_data_uri():
    from kpureport.render import svg_data_uri

    uri = svg_data_uri("<svg></svg>")
    assert base64.b64decode(uri.split(",", 1)[1]) == b"<svg></svg>"


def test_importing_kpureport_leaves_the_analyst_s_matplotlib_alone():
    code = (
        "import matplotlib; matplotlib.use('svg'); matplotlib.rcParams['font.size'] = 17\n"
        "import kpureport.report, kpureport.charts\n"
        "print(matplotlib.get_backend(), matplotlib.rcParams['font.size'])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["svg", "17.0"]
