"""Charts in one consistent style, returned as SVG text with alt text for the report.

Figures are drawn with matplotlib's object API (no global pyplot state), so building many
reports in one process never leaks figures, and importing this module leaves the analyst's
backend and settings as they were (a ``Figure`` saves to SVG without any backend chosen).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kpureport import formatting as fmt
from kpureport.config import platform_label
from kpureport.ingest import cache
from kpureport.writing.wording import wording

PLATFORM_COLORS = {
    "facebook": "#1f4e8c",
    "instagram": "#b8336a",
    "twitter": "#2a7fb8",
    "youtube": "#c0392b",
    "tiktok": "#333333",
    "whatsapp": "#1d7a46",
    "threads": "#5b5b5b",
}
STYLE = {
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "svg.hashsalt": "kpureport",
}


def _say(key: str, **fields: object) -> str:
    """A label or alternative text of ``templates/charts.yml``, filled."""
    return wording("charts.yml")[key].format(**fields)


@dataclass(frozen=True)
class Chart:
    """An SVG drawing, the sentence a screen reader says instead of it, and, where no table of
    the report already holds them, its figures as a small table (headers, rows of text)."""

    svg: str
    alt: str
    data: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None

    def _repr_svg_(self) -> str:
        """Shown as the drawing itself in JupyterLab."""
        return self.svg


def _digest(value: object, digest) -> bool:
    """Feed ``value`` to ``digest``; False when it cannot be told apart by its contents."""
    if isinstance(value, pd.DataFrame | pd.Series):
        try:
            digest.update(pd.util.hash_pandas_object(value, index=True).values.tobytes())
        except TypeError:  # a cell holding a list or a dict
            return False
        frame = value.to_frame() if isinstance(value, pd.Series) else value
        digest.update(repr((list(frame.columns), list(frame.dtypes), frame.index.names)).encode())
        return True
    if isinstance(value, list | tuple):
        digest.update(b"[%d" % len(value))
        return all(_digest(v, digest) for v in value)
    if isinstance(value, dict):
        digest.update(b"{%d" % len(value))
        return all(_digest(k, digest) and _digest(v, digest) for k, v in value.items())
    if value is None or isinstance(value, str | int | float | bool | pd.Timestamp):
        digest.update(repr((type(value).__name__, value)).encode())
        return True
    return False


def remembered(draw):
    """A chart drawn once for its figures: kept in the export cache's folder (the command line's
    and the kernels' it starts, :mod:`kpureport.ingest.cache`), addressed by the function, its
    arguments' contents, kpureport's code and matplotlib's version, so a rebuild after a small
    change of the data draws only the charts whose figures changed. Without a cache folder,
    or for arguments it cannot address, the chart is drawn."""

    @functools.wraps(draw)
    def chart(*args, **kwargs):
        folder = cache.cache_folder()
        digest = hashlib.sha256(f"{draw.__qualname__} {matplotlib.__version__}".encode())
        if folder is None or not _digest([args, kwargs], digest):
            return draw(*args, **kwargs)
        path = folder / "charts" / cache.code_version() / f"{digest.hexdigest()}.json"
        try:
            return _chart_from(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        made = draw(*args, **kwargs)
        _keep(path, None if made is None else [made.svg, made.alt, made.data])
        return made

    return chart


def _chart_from(saved: list | None) -> Chart | None:
    if saved is None:
        return None
    svg, alt, data = saved
    if data is not None:
        headers, rows = data
        data = (tuple(headers), tuple(tuple(row) for row in rows))
    return Chart(svg=svg, alt=alt, data=data)


def _keep(path: Path, saved: list | None) -> None:
    """Written whole by rename (workers may write the same chart at once); a cache that cannot
    be written is done without."""
    try:
        if not path.parent.exists():  # the first chart of this code: older ones are dead
            for old in path.parent.parent.glob("*"):
                if old.name != path.parent.name:
                    import shutil

                    shutil.rmtree(old, ignore_errors=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".chart-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(saved, file, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        pass


def _svg(fig: Figure) -> str:
    """The figure as SVG text, cropped to what it draws; called inside the STYLE context, whose
    hash salt keeps ids stable. The crop is measured with the Agg renderer, which lays the text
    out without drawing: ``bbox_inches="tight"`` would draw the whole SVG twice."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    crop = fig.get_tightbbox(renderer).padded(matplotlib.rcParams["savefig.pad_inches"])
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches=crop, metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _literal(texts: pd.Series) -> list[str]:
    """Texts from data drawn as typed: a "$" would start matplotlib's mathematics, which draws
    each character on its own, out of reach of the redaction that the SVG's text passes."""
    return [str(t).replace("$", r"\$") for t in texts]


def _legend_below(ax) -> None:
    """Legend under the plot, where it never covers bars or lines."""
    handles, _labels = ax.get_legend_handles_labels()
    ax.legend(
        frameon=False,
        fontsize=8,
        ncols=min(len(handles), 5),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
    )


def _axis_numbers(axis, digits: int = 0, suffix: str = "") -> None:
    """Ticks in Indonesian numbers; without decimals, on whole numbers only (ticks at 0,5
    steps would print "1% 1% 2% 2%")."""
    if digits == 0:
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt.number(x, digits) + suffix))


def _data_table(first: str, table: pd.DataFrame, labels: dict, row_name) -> tuple:
    """A chart's figures as text: one row per index value, one column per series."""
    columns = [c for c in table.columns if table[c].notna().any()]
    headers = (first, *(labels.get(c, str(c)) for c in columns))
    rows = tuple(
        (row_name(index), *("-" if pd.isna(v) else fmt.number(v) for v in row[columns]))
        for index, row in table.iterrows()
    )
    return headers, rows


@remembered
def followers_by_platform(table: pd.DataFrame, year: int) -> Chart:
    """Horizontal bars of followers per platform, largest on top, each bar labelled."""
    known = table[table["followers"].notna()].iloc[::-1]
    labels = [platform_label(p, year) for p in known["platform"]]
    values = [int(v) for v in known["followers"]]
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 0.6 + 0.55 * max(len(values), 1)))
        ax = fig.subplots()
        bars = ax.barh(labels, values, color=[PLATFORM_COLORS[p] for p in known["platform"]])
        ax.bar_label(bars, labels=[fmt.number(v) for v in values], padding=4)
        _axis_numbers(ax.xaxis)
        ax.set_xlabel(_say("followers_axis"))
        ax.set_xlim(0, max(values, default=1) * 1.15)
        svg = _svg(fig)
    parts = [
        f"{label} {fmt.number(v)}" for label, v in zip(labels[::-1], values[::-1], strict=True)
    ]
    alt = (
        _say("followers_alt", year=year, parts="; ".join(parts))
        if parts
        else _say("followers_none_alt", year=year)
    )
    return Chart(svg=svg, alt=alt)


#: Told apart without colour too: each platform's line has its own marker and dash.
PLATFORM_MARKERS = {
    "facebook": ("o", "-"),
    "instagram": ("s", "--"),
    "twitter": ("^", "-."),
    "youtube": ("D", ":"),
    "tiktok": ("v", "-"),
    "whatsapp": ("P", "--"),
    "threads": ("X", "-."),
}
CATEGORY_COLORS = {
    "kritik": "#c0392b",
    "saran": "#2a7fb8",
    "pertanyaan": "#9a6700",
    "apresiasi": "#2e8b57",
    "lainnya": "#8a8a8a",
}
MONTHS = tuple(wording("charts.yml")["months"])


@remembered
def follower_trend(history: pd.DataFrame, year: int) -> Chart | None:
    """Year-end followers per platform, one line each, up to the report's year."""
    upto = history[history["year"] <= year]
    if upto["year"].nunique() < 2:
        return None
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 3.4))
        ax = fig.subplots()
        parts = []
        for platform, group in upto.groupby("platform"):
            label = platform_label(platform, year)
            marker, dash = PLATFORM_MARKERS.get(platform, ("o", "-"))
            ax.plot(
                group["year"],
                group["followers"],
                marker=marker,
                linestyle=dash,
                label=label,
                color=PLATFORM_COLORS[platform],
            )
            first, last = group.iloc[0], group.iloc[-1]
            parts.append(
                _say(
                    "trend_part",
                    platform=label,
                    first=fmt.number(first["followers"]),
                    first_year=first["year"],
                    last=fmt.number(last["followers"]),
                    last_year=last["year"],
                )
            )
        ax.set_xticks(sorted(upto["year"].unique()))
        _axis_numbers(ax.yaxis)
        ax.set_ylabel(_say("trend_axis"))
        _legend_below(ax)
        svg = _svg(fig)
    wide = upto.pivot_table(index="year", columns="platform", values="followers", aggfunc="last")
    return Chart(
        svg,
        _say("trend_alt", parts="; ".join(parts)),
        _data_table(_say("year"), wide, {p: platform_label(p, year) for p in wide.columns}, str),
    )


@remembered
def engagement_by_platform(rates: pd.DataFrame, year: int) -> Chart | None:
    """One panel per basis (reach, impressions, views), each with its own scale: rates of
    different bases are never drawn on one axis, where their bars would read as a ranking."""
    known = rates[rates["rate"].notna()]
    if known.empty:
        return None
    groups = [g.sort_values("rate") for _, g in known.groupby("base", sort=False)]
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 0.6 + sum(0.9 + 0.45 * len(g) for g in groups)))
        axes = fig.subplots(
            len(groups), 1, squeeze=False, height_ratios=[1 + len(g) for g in groups]
        )[:, 0]
        for ax, group in zip(axes, groups, strict=True):
            labels = [platform_label(p, year) for p in group["platform"]]
            values = [float(r) for r in group["rate"]]
            bars = ax.barh(labels, values, color=[PLATFORM_COLORS[p] for p in group["platform"]])
            ax.bar_label(bars, labels=[fmt.percent(v, 2) for v in values], padding=4)
            _axis_numbers(ax.xaxis, 0, "%")
            ax.set_xlim(0, max(values) * 1.3)
            ax.set_title(_say("engagement_title", base=group["base_label"].iloc[0]), loc="left")
        svg = _svg(fig)
    parts = [
        _say(
            "engagement_group",
            base=g["base_label"].iloc[0],
            parts=", ".join(
                _say("engagement_part", platform=platform_label(p, year), rate=fmt.percent(r, 2))
                for p, r in zip(g["platform"][::-1], g["rate"][::-1], strict=True)
            ),
        )
        for g in groups
    ]
    return Chart(svg, _say("engagement_alt", year=year, parts="; ".join(parts)))


#: How a stage is marked on a time chart: campaigns as a hatched band, voting days as a dashed
#: line, an office's own events as a dotted band (told apart without colour).
STAGE_MARKS = {
    "kampanye": (_say("campaign"), {"facecolor": "#d9d9d9", "hatch": "//", "edgecolor": "#8c8c8c"}),
    "pemungutan_suara": (_say("voting_day"), {"color": "#595959", "linestyle": "--"}),
    "setempat": (
        _say("local_event"),
        {"facecolor": "#f2e6c9", "edgecolor": "#8a6d1f", "linestyle": ":"},
    ),
}


def _mark_stages(ax, stages: pd.DataFrame | None, position) -> None:
    """Campaigns, voting days and local events of ``stages`` (clipped to the year) behind the
    data; ``position`` maps a day to the axis (a month index for bars, the day for lines)."""
    if stages is None or stages.empty:
        return
    seen = set()
    for row in stages.itertuples(index=False):
        if row.kind not in STAGE_MARKS:
            continue
        name, style = STAGE_MARKS[row.kind]
        label = None if name in seen else name
        seen.add(name)
        start, end = position(row.start, False), position(row.end, True)
        if row.kind == "pemungutan_suara" or start == end:
            ax.axvline(start + (end - start) / 2, label=label, linewidth=1.2, zorder=0.5, **style)
        else:
            ax.axvspan(start, end, label=label, linewidth=0.8, zorder=0, alpha=0.7, **style)


def _month_position(day: pd.Timestamp, end: bool) -> float:
    """A day on the axis of monthly bars (bar n centred on n): its place within its month."""
    fraction = (day.day - (0 if end else 1)) / day.days_in_month
    return day.month - 1 - 0.5 + fraction


def _monthly_stacked(
    per_month: pd.DataFrame,
    labels: dict[str, str],
    colors: dict[str, str],
    ylabel: str,
    stages: pd.DataFrame | None = None,
) -> str:
    """Bars per month (Jan-Des), one stacked segment per column that has any count."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 3.2))
        ax = fig.subplots()
        _mark_stages(ax, stages, _month_position)
        bottom = pd.Series(0, index=per_month.index)
        for column in per_month.columns:
            if per_month[column].sum() == 0:
                continue
            ax.bar(
                MONTHS,
                per_month[column],
                bottom=bottom,
                label=labels[column],
                color=colors[column],
                edgecolor="white",  # a visible edge between stacked segments
                linewidth=0.8,
            )
            bottom = bottom + per_month[column]
        _axis_numbers(ax.yaxis)
        ax.set_ylabel(ylabel)
        _legend_below(ax)
        return _svg(fig)


@remembered
def posting_activity(
    per_month: pd.DataFrame, year: int, stages: pd.DataFrame | None = None
) -> Chart | None:
    """Posts per month and platform, with the year's campaigns, voting days and local events
    (``stages``, clipped to the year) marked behind the bars."""
    if per_month.empty or per_month.to_numpy().sum() == 0:
        return None
    labels = {p: platform_label(p, year) for p in per_month.columns}
    svg = _monthly_stacked(per_month, labels, PLATFORM_COLORS, _say("posts_axis"), stages)
    totals = per_month.sum(axis=1)
    parts = [f"{MONTHS[m - 1]} {fmt.number(int(t))}" for m, t in totals.items()]
    return Chart(
        svg,
        _say("posts_alt", year=year, parts=", ".join(parts)),
        _data_table(_say("month"), per_month, labels, fmt.month_name),
    )


@remembered
def active_hours(table: pd.DataFrame, zone: str) -> Chart | None:
    """Bars of the mean active followers per hour of the day (TikTok's FollowerActivity)."""
    known = table[table["active"].notna()]
    if known.empty:
        return None
    platform = table.attrs.get("platform", "tiktok")
    snapshot = table.attrs["snapshot"]
    label = platform_label(platform, snapshot.year)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 3.0))
        ax = fig.subplots()
        ax.bar(known["hour"], known["active"], color=PLATFORM_COLORS.get(platform, "#333333"))
        ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
        ax.set_xlabel(_say("active_x_axis", zone=zone))
        ax.set_ylabel(_say("active_axis"))
        _axis_numbers(ax.yaxis)
        svg = _svg(fig)
    parts = [
        _say("active_part", hour=f"{int(r.hour):02d}", count=fmt.number(r.active))
        for r in known.itertuples(index=False)
    ]
    return Chart(
        svg,
        _say(
            "active_alt",
            platform=label,
            snapshot=fmt.date(snapshot.date()),
            parts=", ".join(parts),
        ),
        _data_table(
            _say("hour"),
            known.set_index("hour")[["active"]],
            {"active": _say("active_axis")},
            lambda h: fmt.hour_range(int(h)),
        ),
    )


@remembered
def poll_result(group: pd.DataFrame) -> Chart:
    """One poll: each option's share of the votes cast. No interval bars: a story poll is
    answered by whoever chooses to, and an interval would suggest a sample it is not."""
    ordered = group.sort_values("votes", kind="stable")
    total = int(group["total"].iloc[0])
    digits = fmt.share_digits(total)
    shares = [float(s) for s in ordered["share"]]
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 0.8 + 0.5 * len(shares)))
        ax = fig.subplots()
        bars = ax.barh(_literal(ordered["option"]), shares, color="#1f4e8c")
        ax.bar_label(bars, labels=[fmt.percent(v, digits) for v in shares], padding=4)
        _axis_numbers(ax.xaxis, 0, "%")
        ax.set_xlim(0, 100)
        ax.set_xlabel(_say("poll_axis", votes=fmt.number(total)))
        svg = _svg(fig)
    parts = [
        _say("poll_part", option=o, votes=fmt.number(v), share=fmt.percent(s, digits))
        for o, v, s in zip(
            ordered["option"][::-1], ordered["votes"][::-1], ordered["share"][::-1], strict=True
        )
    ]
    return Chart(
        svg,
        _say(
            "poll_alt",
            question=group["question"].iloc[0],
            votes=fmt.number(total),
            parts="; ".join(parts),
        ),
    )


@remembered
def feedback_by_month(per_month: pd.DataFrame, year: int) -> Chart | None:
    if per_month.to_numpy().sum() == 0:
        return None
    labels = {c: c.capitalize() for c in per_month.columns}
    svg = _monthly_stacked(per_month, labels, CATEGORY_COLORS, _say("feedback_axis"))
    totals = per_month.sum()
    parts = [f"{c} {fmt.number(int(n))}" for c, n in totals.items() if n]
    return Chart(
        svg,
        _say("feedback_alt", year=year, parts=", ".join(parts)),
        _data_table(_say("month"), per_month, labels, fmt.month_name),
    )


@remembered
def followers_by_office(table: pd.DataFrame, year: int) -> Chart:
    """Total year-end followers of each office in the roll-up, largest on top."""
    ordered = table.sort_values("total")
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 0.8 + 0.45 * len(ordered)))
        ax = fig.subplots()
        bars = ax.barh(_literal(ordered["name"]), ordered["total"], color="#1f4e8c")
        ax.bar_label(bars, labels=[fmt.number(v) for v in ordered["total"]], padding=4)
        _axis_numbers(ax.xaxis)
        ax.set_xlim(0, max(int(ordered["total"].max()), 1) * 1.2)
        ax.set_xlabel(_say("offices_axis", year=year))
        svg = _svg(fig)
    parts = [
        f"{n} {fmt.number(t)}"
        for n, t in zip(ordered["name"][::-1], ordered["total"][::-1], strict=True)
    ]
    return Chart(svg, _say("offices_alt", year=year, parts="; ".join(parts)))


@remembered
def daily_interactions(
    per_day: pd.Series, year: int, stages: pd.DataFrame | None = None
) -> Chart | None:
    """Interactions of the posts published each day, with the stages marked behind the line."""
    if per_day.empty or per_day.sum() == 0:
        return None
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(6.4, 3.0))
        ax = fig.subplots()
        # Days as their place in the year (0 = 1 January): one unit for the line and the marks
        _mark_stages(ax, stages, lambda day, end: day.dayofyear - 1 + (1 if end else 0))
        ax.plot(
            range(len(per_day)),
            per_day.to_numpy(dtype=float),
            color="#1f4e8c",
            linewidth=0.9,
            label=_say("interactions"),
        )
        ax.set_xlim(0, len(per_day))
        ticks = pd.date_range(f"{year}-01-01", periods=12, freq="MS")
        ax.set_xticks([d.dayofyear - 1 for d in ticks], list(MONTHS))
        ax.set_ylabel(_say("daily_axis"))
        _axis_numbers(ax.yaxis)
        _legend_below(ax)
        svg = _svg(fig)
    monthly = per_day.groupby(per_day.index.month).sum()
    return Chart(
        svg,
        _say(
            "daily_alt",
            year=year,
            parts=", ".join(f"{MONTHS[m - 1]} {fmt.number(v)}" for m, v in monthly.items()),
        ),
        (
            (_say("month"), _say("interactions")),
            tuple((fmt.month_name(int(m)), fmt.number(v)) for m, v in monthly.items()),
        ),
    )
