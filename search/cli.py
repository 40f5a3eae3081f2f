"""The `dateline` command: a thin shell over `search.Index`."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

import click

from search import (
    DEFAULT_MEMORY_MB,
    ENV_INDEX,
    GRANULARITIES,
    KEEP_PREVIOUS,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    SAMPLE_DIR,
    SORTS,
    ArticleNotFound,
    CheckReport,
    DateError,
    DiskFull,
    FilterError,
    Index,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    NothingToIndex,
    QueryError,
    ReindexReport,
    SearchPage,
    SpeakerNotFound,
    export_filename,
    export_lines,
    export_with_links,
    to_terminal,
)

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ENV_INDEX,
    default="index/",
    show_default=True,
    show_envvar=True,
    help="Index directory.",
)
DATE_FORMS = "2023-01-13, 13 Jan 2023, Jan 2023, 2023-01 or 2023"
PAGE_SIZE = click.IntRange(1, MAX_PAGE_SIZE)
PAGE = click.IntRange(1, MAX_PAGE)
SERVE_URL = "http://127.0.0.1:8080"


class DamagedIndexError(click.ClickException):
    """Exit code 2: the index cannot be read (see `dateline check`)."""

    exit_code = 2


@click.group()
@click.version_option(package_name="dateline")
def cli() -> None:
    """Dateline: full-text search over news articles."""


@cli.command(name="reindex")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of incrementally.")
@click.option("--wait", type=float, default=0.0, help="Seconds to wait for another reindex.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(16),
    default=DEFAULT_MEMORY_MB,
    show_default=True,
    help="MB the build may buffer before spilling to disk, all processes together.",
)
@click.option(
    "--keep",
    type=click.IntRange(1),
    default=KEEP_PREVIOUS,
    show_default=True,
    help="Previous generations to keep, to fall back to (dateline check --repair).",
)
def reindex_command(paths, index_dir, full, wait, quiet, memory_mb, keep) -> None:
    """Index the articles in PATHS (files or folders; default: the paths indexed last time).

    Incremental: new articles are added, changed ones updated, ones gone from a given path
    deleted, unchanged ones left alone. The previous index stays searchable throughout.

    Exit code: 0 if every article was read, 1 if some were skipped, 2 if none could be read.
    """
    report = run_reindex(
        Index(index_dir), paths, full=full, wait=wait, quiet=quiet, memory_mb=memory_mb, keep=keep
    )
    sys.exit(report.exit_code)


def run_reindex(
    index: Index,
    paths,
    *,
    full=False,
    wait=0.0,
    quiet=False,
    memory_mb=DEFAULT_MEMORY_MB,
    keep=KEEP_PREVIOUS,
) -> ReindexReport:
    bar = ReindexProgress() if sys.stderr.isatty() and not quiet else None
    try:
        report = index.reindex(
            paths,
            full=full,
            wait=wait,
            progress=bar.article if bar else None,
            on_bytes=bar.read if bar else None,
            on_message=lambda msg: click.echo(msg, err=True),
            memory_mb=memory_mb,
            keep=keep,
        )
    except NothingToIndex as exc:
        raise click.UsageError(
            f"{exc} as PATHS, e.g. `dateline reindex ~/news/` (this index remembers none)"
        ) from exc
    except (IndexBusy, DiskFull) as exc:
        raise click.ClickException(str(exc)) from exc
    except IndexDamaged as exc:
        raise DamagedIndexError(str(exc)) from exc
    finally:
        if bar:
            bar.close()
    if not quiet:
        for problem in report.problems:
            label = "skipped" if problem.skipped else "warning"
            click.echo(f"{label}: {problem}", err=True)
    click.echo(report.summary())
    return report


class ReindexProgress:
    """A progress bar on a terminal for a reindex: the share of the input's bytes read, the
    rate, the articles read and the time left. Drawn from the first report, which brings the
    total."""

    REDRAW_SECONDS = 0.1

    def __init__(self) -> None:
        self.bar = None  # a click progress bar, once the total is known
        self.articles = 0
        self.started = self.drawn = time.monotonic()

    def article(self, n: int) -> None:
        self.articles += n

    def read(self, done: int, total: int) -> None:
        if self.bar is None:
            self.started = time.monotonic()
            self.bar = click.progressbar(
                length=max(total, 1),
                label="indexing",
                file=sys.stderr,
                show_eta=False,
                show_percent=True,
                item_show_func=lambda _: self._info(),
                width=24,
            )
        now = time.monotonic()
        if now - self.drawn >= self.REDRAW_SECONDS or done >= total:
            self.drawn = now
            self.bar.update(done - self.bar.pos)

    def _info(self) -> str:
        bar = self.bar
        rate = bar.pos / max(time.monotonic() - self.started, 1e-6)
        info = f"{rate / 1e6:.1f} MB/s, {self.articles:,} articles"
        if rate > 0 and bar.pos < bar.length:
            info += f", {_duration((bar.length - bar.pos) / rate)} left"
        return info

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_progress()  # the last articles' count, after the last bytes
            self.bar.render_finish()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


@cli.command(name="search")
@click.argument("query")
@index_option
@click.option(
    "--from", "date_from", metavar="DATE", help="Earliest date: 2023-01-13, Jan 2023, 2023."
)
@click.option("--to", "date_to", metavar="DATE", help="Latest date, inclusive (same forms).")
@click.option(
    "--sort",
    type=click.Choice([*SORTS, "date"]),
    default="relevance",
    show_default=True,
    help="date means newest first.",
)
@click.option("--limit", type=PAGE_SIZE, default=10, show_default=True, help="Results per page.")
@click.option("--page", type=PAGE, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (HTML-safe highlights).")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["csv", "jsonl"]),
    help="Export every matching article (not one page) as CSV or JSON Lines, streamed.",
)
@click.option("--body", is_flag=True, help="With --format: include each article's text.")
@click.option(
    "--save",
    is_flag=True,
    help="With --format: write to a file named after the search (dateline-oil-1987.csv).",
)
@click.option(
    "--base-url",
    default=SERVE_URL,
    show_default=True,
    help="With --format: where `dateline serve` runs, for each article's link.",
)
@click.option(
    "--facet",
    "facet_names",
    multiple=True,
    help="Count matches by year, month, speaker or a metadata field (places, topics…). Repeatable.",
)
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FACET:VALUE",
    help="Keep only articles with this facet value (places:usa), or leave them out "
    "(-places:usa). Repeatable.",
)
@click.option(
    "--exact-total",
    is_flag=True,
    help="Count every match: past 10,000 the total is otherwise shown as 10,000+.",
)
@click.option(
    "--collapse/--no-collapse",
    default=True,
    show_default=True,
    help="Show near-identical stories (re-sends, corrections) as one result.",
)
def search_command(
    query,
    index_dir,
    date_from,
    date_to,
    sort,
    limit,
    page,
    as_json,
    export_format,
    body,
    save,
    base_url,
    facet_names,
    filters,
    exact_total,
    collapse,
) -> None:
    """Search for QUERY: words, "phrases", AND/OR/NOT, (groups), title:, body:, quotes:,
    speaker: fields, and wildcards like infla*.

    \b
    Examples:
      dateline search 'cocoa AND brazil'
      dateline search '"salt-mining town"' --from 2023-01 --to 2023-01
      dateline search 'quotes:"strategic impact"' --sort date --json
      dateline search 'oil prices' --filter places:usa --filter -topics:crude
    """
    index = Index(index_dir)
    dates = {"date_from": date_from, "date_to": date_to, "filters": list(filters)}
    if export_format:
        _export(index, query, dates, sort, export_format, body=body, save=save, base_url=base_url)
        return
    with _user_errors(index_dir, dates=(date_from, date_to)):
        result = index.search(
            query,
            sort=sort,
            page=page,
            page_size=limit,
            exact_total=exact_total,
            collapse=collapse,
            **dates,
        )
    with _user_errors(index_dir, query="'--facet'"):
        counts = index.facets(query, names=list(facet_names), **dates)
    if as_json:
        payload = result.to_dict() | ({"facets": counts} if facet_names else {})
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _print_page(result)
    for name, values in counts.items():
        click.echo(f"{name}: " + ", ".join(f"{value} ({n})" for value, n in values))


@contextlib.contextmanager
def _user_errors(
    index_dir: Path, *, dates: tuple[str | None, str | None] = (None, None), query: str = "'QUERY'"
) -> Iterator[None]:
    """Turn the engine's user-facing errors into click's messages and exit codes, each naming
    the argument or option at fault (`query` names the one a QueryError is about) and what
    to try."""
    try:
        yield
    except DateError as exc:
        raise _date_error(str(exc), *dates) from exc
    except FilterError as exc:
        raise click.BadParameter(str(exc), param_hint="'--filter'") from exc
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint=query) from exc
    except IndexMissing as exc:
        raise click.ClickException(_no_index(index_dir)) from exc
    except ArticleNotFound as exc:
        raise click.ClickException(
            f"no article with id {exc.args[0]!r} in the index at {index_dir}; "
            "find ids with `dateline search WORDS` (each result ends with its id)"
        ) from exc
    except SpeakerNotFound as exc:
        raise click.ClickException(
            f"{exc}, or see who is quoted with `dateline search WORDS --facet speaker`"
        ) from exc
    except IndexDamaged as exc:
        raise DamagedIndexError(str(exc)) from exc


def _no_index(index_dir: Path) -> str:
    return (
        f"no index at {index_dir} (--index, or ${ENV_INDEX}); build one with "
        f"`dateline reindex PATH --index {index_dir}`, or give --index an existing index"
    )


def _date_error(message: str, date_from: str | None, date_to: str | None) -> click.BadParameter:
    """The error for a bad date, naming the option it came from (both, for a reversed range)."""
    named = [
        option
        for option, value in (("--from", date_from), ("--to", date_to))
        if value and repr(value.strip()) in message
    ]
    if len(named) == 1:
        message = f"{message}; give a date like {DATE_FORMS}"
    hint = " / ".join(f"'{option}'" for option in named or ("--from", "--to"))
    return click.BadParameter(message, param_hint=hint)


def _export(index: Index, query: str, dates: dict, sort: str, fmt: str, **options) -> None:
    """Every match as CSV or JSON Lines, to standard output or a file named after the search."""
    with _user_errors(index.path, dates=(dates["date_from"], dates["date_to"])):
        rows = index.export(query, sort=sort, body=options["body"], **dates)
    rows = export_with_links(rows, options["base_url"])
    if not options["save"]:
        write_rows(rows, fmt, sys.stdout)
        return
    name = export_filename(query, dates["date_from"], dates["date_to"], fmt)
    with open(name, "w", encoding="utf-8", newline="") as out:
        count = write_rows(rows, fmt, out)
    click.echo(f"wrote {count} articles to {name}", err=True)


def _print_page(result: SearchPage) -> None:
    def style(word: str) -> str:
        return click.style(word, bold=True, fg="yellow")

    if result.total == 0:
        click.echo("No articles found.")
    elif result.past_end:
        click.echo(f"Page {result.page} is past the last page ({result.pages}).")
    else:
        last = result.first_rank + len(result.hits) - 1
        counts = f"{result.word_counts}\n" if result.word_counts else ""
        more = "+" if result.total_is_lower_bound else ""
        click.echo(
            f"{result.total_text} articles; showing {result.first_rank}–{last} "
            f"(page {result.page} of {result.pages:,}{more}), "
            f"{result.elapsed * 1000:.0f} ms\n{counts}"
        )
    for rank, hit in enumerate(result.hits, start=result.first_rank):
        day = hit.date.isoformat() if hit.date else "undated"
        click.echo(f"{rank}. {click.style(hit.title, bold=True)}  [{day}]  {hit.id}")
        for fragment in hit.highlights or [hit.summary]:
            click.echo("   " + to_terminal(fragment, style))
        if hit.similar:
            n = len(hit.similar)
            click.echo(f"   {n} similar stor{'y' if n == 1 else 'ies'}:")
        for other in hit.similar:
            day = other.date.isoformat() if other.date else "undated"
            click.echo(f"     {other.title}  [{day}]  {other.id}")
        click.echo()
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")


@cli.command(name="quotes")
@click.argument("query", required=False)
@index_option
@click.option("--speaker", help="Only quotes by this speaker (any part of the name).")
@click.option("--from", "date_from", metavar="DATE", help="Earliest date.")
@click.option("--to", "date_to", metavar="DATE", help="Latest date, inclusive.")
@click.option("--sort", type=click.Choice([*SORTS, "date"]), default="relevance")
@click.option("--limit", type=PAGE_SIZE, default=10, show_default=True)
@click.option("--page", type=PAGE, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes_command(query, index_dir, speaker, date_from, date_to, sort, limit, page, as_json):
    """Search the quotations themselves: who said QUERY, and where it first appeared.

    \b
    Examples:
      dateline quotes bakhmut --speaker kirby
      dateline quotes '"strategic impact"' --from 2023 --json
    """
    with _user_errors(index_dir, dates=(date_from, date_to), query="'QUERY' / '--speaker'"):
        result = Index(index_dir).quotes(
            query,
            speaker=speaker,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=page,
            page_size=limit,
        )
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_quotes(result)


def _print_quotes(result: SearchPage) -> None:
    if result.total == 0:
        click.echo("No quotes found.")
        return
    click.echo(f"{result.total} quotes (page {result.page} of {result.pages})\n")
    for hit in result.hits:
        text = to_terminal(hit.text_html, lambda w: click.style(w, bold=True))
        day = hit.date.isoformat() if hit.date else "undated"
        click.echo(f"“{text}”")
        click.echo(f"    — {hit.speaker or 'unattributed'}, {hit.title} [{day}] {hit.article_id}")
        first = hit.first_appearance
        if first and first.article_id != hit.article_id:
            click.echo(f"    first appeared: {first.title} [{first.date}] {first.article_id}")
        click.echo()


@cli.command(name="speaker")
@click.argument("name")
@index_option
@click.option("--query", "-q", help="Only quotations with these words.")
@click.option("--from", "date_from", metavar="DATE", help="Earliest date.")
@click.option("--to", "date_to", metavar="DATE", help="Latest date, inclusive.")
@click.option("--limit", type=PAGE_SIZE, default=10, show_default=True)
@click.option("--page", type=PAGE, default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def speaker_command(name, index_dir, query, date_from, date_to, limit, page, as_json):
    """Everything NAME is quoted as saying, newest first, with their roles and who else the
    same articles quote. NAME may be part of the name ("volcker").

    \b
    Examples:
      dateline speaker volcker
      dateline speaker "paul volcker" --query inflation --from 1987-06
    """
    with _user_errors(index_dir, dates=(date_from, date_to), query="'--query'"):
        view = Index(index_dir).speaker(
            name, query=query, date_from=date_from, date_to=date_to, page=page, page_size=limit
        )
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(click.style(view.name, bold=True))
    if view.also_named:
        click.echo(f"also named: {', '.join(view.also_named)}")
    if view.roles:
        click.echo(f"roles: {'; '.join(view.roles)}")
    if view.alongside:
        click.echo("quoted alongside: " + ", ".join(f"{s} ({n})" for s, n in view.alongside))
    if view.others:
        click.echo(f"also matching {name!r}: {', '.join(view.others)}")
    click.echo()
    _print_quotes(view.quotes)


@cli.command(name="stats")
@index_option
@click.option("--json", "as_json", is_flag=True)
def stats_command(index_dir, as_json) -> None:
    """Article count, date range, undated count and size of the index."""
    with _user_errors(index_dir):
        stats = Index(index_dir).stats()
    if as_json:
        click.echo(json.dumps(stats.to_dict(), indent=2))
        return
    span = f"{stats.first_date} to {stats.last_date}" if stats.first_date else "no dated articles"
    click.echo(f"articles:   {stats.articles}")
    click.echo(f"dates:      {span}")
    click.echo(f"undated:    {stats.undated}")
    click.echo(f"size:       {stats.size_bytes / 1e6:.1f} MB")
    click.echo(f"generation: {stats.generation}")


@cli.command(name="timeline")
@click.argument("queries", nargs=-1, required=True)
@index_option
@click.option("--from", "date_from", metavar="DATE", help="Earliest date.")
@click.option("--to", "date_to", metavar="DATE", help="Latest date, inclusive.")
@click.option("--granularity", type=click.Choice(GRANULARITIES), help="Default: from the range.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
def timeline_command(queries, index_dir, date_from, date_to, granularity, fmt) -> None:
    """Attention over time: matching articles per period for up to three QUERIES.

    \b
    Examples:
      dateline timeline oil wheat --granularity month
      dateline timeline 'opec' --from 1987-03 --to 1987-04 --format json
    """
    with _user_errors(index_dir, dates=(date_from, date_to), query="'QUERIES'"):
        timeline = Index(index_dir).timeline(
            list(queries), date_from=date_from, date_to=date_to, granularity=granularity
        )
    if fmt == "json":
        click.echo(json.dumps(timeline.to_dict(), indent=2))
        return
    writer = csv.writer(sys.stdout)
    writer.writerow(["period", *queries])
    for n, period in enumerate(timeline.periods):
        writer.writerow([period.isoformat(), *(timeline.series[q][n] for q in queries)])


@cli.command(name="similar")
@click.argument("article_id")
@index_option
@click.option("--limit", type=PAGE_SIZE, default=5, show_default=True)
@click.option(
    "--window",
    "window_days",
    type=click.IntRange(0),
    metavar="DAYS",
    help="Only articles within DAYS of its date.",
)
@click.option("--json", "as_json", is_flag=True)
def similar_command(article_id, index_dir, limit, window_days, as_json) -> None:
    """More like this: the articles most similar to ARTICLE_ID (by its key terms)."""
    with _user_errors(index_dir, query="'--window'"):
        hits = Index(index_dir).more_like_this(article_id, top=limit, window_days=window_days)
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        day = hit.date.isoformat() if hit.date else "undated"
        click.echo(f"{hit.id}  [{day}]  {hit.title}")


@cli.command(name="check")
@index_option
@click.option(
    "--repair", is_flag=True, help="Fall back to the previous good generation if damaged."
)
def check_command(index_dir, repair) -> None:
    """Verify every file of the index against the checksums recorded when it was written, and
    that it opens and answers. Exit code: 0 healthy, 1 damaged (or no index)."""
    index = Index(index_dir)
    try:
        report, done = index.repair() if repair else (index.check(), None)
    except IndexBusy as exc:
        raise click.ClickException(str(exc)) from exc
    _print_check(index, report, advise=not repair)
    if done is not None:
        click.echo(f"repair: {done}")
        report = index.check()
        if report.healthy:
            _print_check(index, report)
    sys.exit(0 if report.healthy else 1)


def _print_check(index: Index, report: CheckReport, advise: bool = True) -> None:
    if report.generation is None:
        click.echo(_no_index(index.path))
        return
    if not report.recorded:
        click.echo(
            f"{report.generation}: no checksums recorded (built by an older Dateline); "
            "`dateline reindex --full` records them"
        )
    if report.healthy:
        click.echo(f"{report.generation}: healthy, {report.articles} articles")
        return
    click.echo(f"{report.generation}: DAMAGED")
    for problem in report.damage:
        click.echo(f"  {problem}")
    if advise:
        click.echo(
            f"To fix: `dateline check --repair --index {index.path}` falls back to the previous "
            f"good generation; `dateline reindex --full --index {index.path}` rebuilds the "
            "index from its sources."
        )


def write_rows(rows: Iterable[dict], fmt: str, out: TextIO) -> int:
    """Stream records to `out` as CSV or JSON Lines; returns how many were written."""
    count = 0
    for record in export_lines(rows, fmt):
        out.write(record)
        count += 1
    return count


def ensure_index(index: Index) -> None:
    """Give a new user something to search: index the bundled sample when there is no index."""
    if not index.exists():
        click.echo(f"No index at {index.path} yet; indexing the bundled sample archive…", err=True)
        run_reindex(index, [SAMPLE_DIR], quiet=True)


@cli.command(name="serve")
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--threads", default=4, show_default=True, type=int)
def serve_command(index_dir, host, port, threads) -> None:
    """Serve the search page and JSON API with waitress (builds the sample index if none)."""
    from webui.server import serve

    index = Index(index_dir)
    ensure_index(index)
    serve(index, host=host, port=port, threads=threads)
