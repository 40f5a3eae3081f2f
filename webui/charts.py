"""Server-rendered bar charts of attention over time (SVG, no JavaScript)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from search import Timeline, next_period

WIDTH, HEIGHT, GAP = 640, 120, 1
MIN_HEIGHT = 3  # a period with any match stays visible beside a tall one
LABEL_FORMATS = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y", "year": "%Y"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str
    series: int
    href: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    first_label: str
    last_label: str
    peak: int
    peak_label: str
    granularity: str
    queries: list[str]


LinkFn = Callable[[str, str, str], str]


def bar_chart(timeline: Timeline, link: LinkFn) -> Chart | None:
    """Bars for each period (side by side when queries are compared); `link(query, first day,
    last day)` gives the address each bar leads to."""
    queries = list(timeline.series)
    peak = max((max(counts, default=0) for counts in timeline.series.values()), default=0)
    if not timeline.periods or peak == 0:
        return None
    slot = WIDTH / len(timeline.periods)
    width = max(slot / len(queries) - GAP, 0.5)
    fmt = LABEL_FORMATS[timeline.granularity]
    bars = []
    for n, period in enumerate(timeline.periods):
        last_day = next_period(period, timeline.granularity) - timedelta(days=1)
        for s, query in enumerate(queries):
            count = timeline.series[query][n]
            height = max(HEIGHT * count / peak, MIN_HEIGHT) if count else 0
            bars.append(
                Bar(
                    x=round(n * slot + s * (width + GAP), 2),
                    y=round(HEIGHT - height, 2),
                    width=round(width, 2),
                    height=round(height, 2),
                    count=count,
                    label=period.strftime(fmt),
                    series=s,
                    href=link(query, period.isoformat(), last_day.isoformat()),
                )
            )
    return Chart(
        bars=bars,
        width=WIDTH,
        height=HEIGHT,
        first_label=timeline.periods[0].strftime(fmt),
        last_label=timeline.periods[-1].strftime(fmt),
        peak=peak,
        peak_label=next((bar.label for bar in bars if bar.count == peak), ""),
        granularity=timeline.granularity,
        queries=queries,
    )
