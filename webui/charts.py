"""Server-rendered bar charts of attention over time (SVG, no JavaScript).

Horizontal positions are percentages of the chart's width and vertical ones pixels, so the
chart fills any width while its text keeps its size (a stretched viewBox would squash it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from markupsafe import Markup, escape

from search import Timeline, next_period

PLOT_HEIGHT = 160  # pixels from the top tick to the baseline
TOP = 10  # room above the top tick for its label
LABELS_BELOW = 22  # room under the baseline for the dates
SPACING = 0.2  # share of each period left empty, so equal bars never merge into a block
MAX_GROUP = 6  # percent: a few periods get slim bars, not wide blocks
MIN_HEIGHT = 2  # a period with any match stays visible beside a tall one
MAX_DATE_LABELS = 5
LABEL_FORMATS = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y", "year": "%Y"}
AXIS_FORMATS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
MEASURES = ("count", "share")


@dataclass(frozen=True)
class Bar:
    x: float  # percent
    width: float  # percent
    y: float
    height: float
    count: int
    value: str  # as read aloud: "3 articles" or "1.5% of 200 articles"
    label: str
    series: int
    href: str | None  # None for an empty period: drawn, but nothing to go to
    gap: bool = False  # no article at all in the archive for this period


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class DateLabel:
    x: float  # percent
    label: str
    anchor: str
    minor: bool  # left out on narrow screens


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    dates: list[DateLabel]
    rows: list[Row]
    height: int
    baseline: int
    first_label: str
    last_label: str
    peak: str
    peak_label: str
    granularity: str
    measure: str
    queries: list[str]
    totals: list[int]
    unit: str = "article"  # what a bar counts: articles, or a speaker's quotations

    # A chart has up to a few hundred bars: written here, its markup takes a fraction of what
    # a template loop over the bars does.
    @cached_property
    def bars_svg(self) -> Markup:
        """Each bar: a link to its period with a visible bar and a full-height target, or, for
        an empty period, a mark on the baseline that leads nowhere."""
        return Markup("".join(self._bar_svg(bar) for bar in self.bars))

    def _bar_svg(self, bar: Bar) -> str:
        label, value = escape(bar.label), escape(bar.value)
        x, width = f"{bar.x}%", f"{bar.width}%"
        if not bar.href:
            css = "empty gap" if bar.gap else "empty"
            said = value if bar.gap else "none"
            return (
                f'\n    <rect class="{css}" x="{x}" y="{self.baseline - 2}" width="{width}" '
                f'height="2"><title>{label}: {said}</title></rect>\n'
            )
        series = f", {escape(self.queries[bar.series])}" if len(self.queries) > 1 else ""
        title = f"<title>{label}: {value}</title>"
        return (
            f'\n    <a href="{escape(bar.href)}" aria-label="{label}{series}: {value}">\n'
            f'      <rect class="bar series{bar.series}" x="{x}" y="{bar.y}" width="{width}" '
            f'height="{bar.height}">{title}</rect>\n'
            f'      <rect class="hit" x="{x}" y="0" width="{width}" height="{self.baseline}">'
            f"{title}</rect>\n    </a>\n"
        )

    @cached_property
    def rows_html(self) -> Markup:
        """The table's rows, for screen readers: each period and its counts."""
        return Markup(
            "".join(
                f'<tr><th scope="row">{escape(row.label)}</th>'
                + "".join(f"<td>{escape(cell)}</td>" for cell in row.cells)
                + "</tr>\n      "
                for row in self.rows
            )
        )


LinkFn = Callable[[str, str, str], str]


def bar_chart(
    timeline: Timeline,
    link: LinkFn,
    measure: str = "count",
    names: list[str] | None = None,
    unit: str = "article",
) -> Chart | None:
    """Bars for each period (side by side when queries are compared), on a scale with round
    ticks; `link(query, first day, last day)` gives the address each bar leads to. `measure`
    "share" draws each period's matches as a share of all its articles (`timeline.totals`);
    `names` are what to call the series, if not their queries."""
    queries = list(timeline.series)
    if not timeline.periods or not any(any(c) for c in timeline.series.values()):
        return None
    share = measure == "share" and timeline.totals is not None
    totals = timeline.totals or []
    values = {q: _values(timeline.series[q], totals if share else None) for q in queries}
    peak = max(max(v) for v in values.values())
    ticks = nice_ticks(peak, whole=not share)
    if share and ticks[-1] > 1:  # no share passes 100%
        ticks = [t for t in ticks if t < 1] + [1.0]
    top = ticks[-1]
    fmt = LABEL_FORMATS[timeline.granularity]
    slot = 100 / len(timeline.periods)
    width = min(slot * (1 - SPACING), MAX_GROUP) / len(queries)
    margin = (slot - width * len(queries)) / 2
    bars = []
    for n, period in enumerate(timeline.periods):
        last_day = next_period(period, timeline.granularity) - timedelta(days=1)
        for s, query in enumerate(queries):
            count, value = timeline.series[query][n], values[query][n]
            height = max(PLOT_HEIGHT * value / top, MIN_HEIGHT) if count else 0
            bars.append(
                Bar(
                    x=round(n * slot + margin + s * width, 3),
                    width=round(width, 3),
                    y=round(TOP + PLOT_HEIGHT - height, 2),
                    height=round(height, 2),
                    count=count,
                    value=_spoken(count, totals[n] if share else None, unit),
                    label=period.strftime(fmt),
                    series=s,
                    href=link(query, period.isoformat(), last_day.isoformat()) if count else None,
                    gap=share and totals[n] == 0,
                )
            )
    peak_at = next(n for n in range(len(timeline.periods)) for q in queries if values[q][n] == peak)
    return Chart(
        bars=bars,
        ticks=[
            Tick(round(TOP + PLOT_HEIGHT * (1 - t / top), 2), _tick_label(t, ticks, share))
            for t in ticks
        ],
        dates=_date_labels(timeline, slot),
        rows=_rows(timeline, queries, totals if share else None),
        height=TOP + PLOT_HEIGHT + LABELS_BELOW,
        baseline=TOP + PLOT_HEIGHT,
        first_label=timeline.periods[0].strftime(fmt),
        last_label=timeline.periods[-1].strftime(fmt),
        peak=_tick_label(peak, [peak], share) if share else f"{int(peak):,}",
        peak_label=timeline.periods[peak_at].strftime(fmt),
        granularity=timeline.granularity,
        measure="share" if share else "count",
        queries=names or queries,
        totals=[sum(timeline.series[q]) for q in queries],
        unit=unit,
    )


def nice_ticks(peak: float, whole: bool = True) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to a top strictly above
    `peak`, so the tallest bar never fills the chart and one match is not a solid block."""
    if peak <= 0:
        return [0, 1]
    raw = peak / 4
    power = 10 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1, 2, 2.5, 5, 10)]
    if whole:  # counts step by whole numbers: 1, 2, 5, 10, 25…
        steps = [s for s in steps if s >= 1 and s == int(s)] or [1]
    step = next((s for s in steps if s >= raw), steps[-1])
    count = math.floor(peak / step) + 1
    return [round(i * step, 12) for i in range(count + 1)]


def _values(counts: list[int], totals: list[int] | None) -> list[float]:
    if totals is None:
        return [float(c) for c in counts]
    return [c / t if t else 0.0 for c, t in zip(counts, totals, strict=True)]


def _spoken(count: int, total: int | None, unit: str = "article") -> str:
    articles = f"{count:,} {unit}{'s' if count != 1 else ''}"
    if total is None:
        return articles
    if not total:
        return "no articles in the archive"
    return f"{articles}, {100 * count / total:.1f}% of {total:,}"


def _tick_label(value: float, ticks: list[float], share: bool) -> str:
    if not share:
        return f"{int(value):,}"
    step = ticks[1] - ticks[0] if len(ticks) > 1 else value
    decimals = max(0, -math.floor(math.log10(step * 100))) if step else 0
    return f"{value * 100:.{decimals}f}%"


def _date_labels(timeline: Timeline, slot: float) -> list[DateLabel]:
    fmt = AXIS_FORMATS[timeline.granularity]
    n = len(timeline.periods)
    if n == 1:
        return [DateLabel(50.0, timeline.periods[0].strftime(fmt), "middle", False)]
    every = max(1, math.ceil((n - 1) / (MAX_DATE_LABELS - 1)))
    picked = list(range(0, n - 1, every))
    if n - 1 - picked[-1] < every / 2 and len(picked) > 1:
        picked.pop()  # too close to the last label to fit beside it
    labels = []
    for i in [*picked, n - 1]:
        first, last = i == 0, i == n - 1
        x = 0.0 if first else 100.0 if last else (i + 0.5) * slot
        anchor = "start" if first else "end" if last else "middle"
        text = timeline.periods[i].strftime(fmt)
        labels.append(DateLabel(round(x, 3), text, anchor, not (first or last)))
    return labels


def _rows(timeline: Timeline, queries: list[str], totals: list[int] | None) -> list[Row]:
    fmt = LABEL_FORMATS[timeline.granularity]
    return [
        Row(
            period.strftime(fmt),
            [_spoken(timeline.series[q][n], totals[n] if totals else None) for q in queries],
        )
        for n, period in enumerate(timeline.periods)
    ]
