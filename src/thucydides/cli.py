"""The ``thucydides`` command: a thin layer over the library.

Exit codes:
    0  every input was coded
    1  some inputs were rejected (each reported on stderr); the others were coded
    2  bad command line or configuration (nothing was coded)
    3  the store could not be opened or written, or no record has the id asked for
    4  a worker process or the Dask cluster failed (rerun the same command to resume)
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import operator
import os
import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO

from . import __version__
from .batch.ingest import IngestSummary, ingest_paths, progress_for
from .config import Options, is_iso_date, load_options
from .errors import ConfigError, StoreError, ThucydidesError, WorkerError
from .formulas import FORMULA_STARTS, neutralise_formula
from .read.inputs import read_inputs
from .records import ArticleRecord, Rejected
from .store import EVENT_CSV_COLUMNS, EventQuery, EventRow, Store, event_csv_cells, open_store

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_STORE, EXIT_WORKER = 0, 1, 2, 3, 4

#: The project's own sample article (a scraped-looking page written for the project) and
#: its publication date, which its text does not give: ``demo`` codes it first.
SAMPLE_ARTICLE = "sample-article.txt"
SAMPLE_PUBLISHED = "2025-04-16"


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STORE
    except WorkerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_WORKER
    except ThucydidesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Builds the argument parser with every subcommand."""
    p = argparse.ArgumentParser(
        prog="thucydides",
        description="Raw political and conflict news in, PLOVER event data with evidence out.",
        epilog="Exit codes: 0 all coded, 1 some inputs rejected, 2 usage/config error, "
        "3 store error, 4 worker or cluster failure.",
    )
    p.add_argument("--version", action="version", version=f"thucydides {__version__}")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    code = sub.add_parser("code", help="code articles and print their records to stdout")
    _add_input_args(code)
    code.add_argument(
        "--format",
        choices=["json", "jsonl"],
        default="jsonl",
        help="jsonl: one record per line, printed as each is coded (default); json: one "
        "indented JSON array of every record, also for a single input ([] when none is coded)",
    )
    code.add_argument(
        "--explain",
        action="store_true",
        help="instead of the records, print per event its trigger, the rules that made it "
        "(Event.rule) and the dependency path to its actor and recipient",
    )
    _add_min_confidence_arg(
        code,
        "leave out of the printed records the events whose confidence is below X (0 to 1); "
        "a store filled by ingest keeps every event, whatever its confidence",
    )
    code.set_defaults(run=cmd_code)

    ingest = sub.add_parser(
        "ingest",
        help="code articles into a store, in parallel; rerun to resume a run cut short",
        description="Codes articles into a store. Inputs already stored by an earlier run "
        "(same input, same options) are skipped, so after a crash or a kill the same command "
        "resumes where it stopped.",
    )
    _add_input_args(ingest)
    _add_db_arg(ingest)
    ingest.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="worker processes coding at once, each loading the model once (default 1: "
        "code in this process)",
    )
    ingest.add_argument(
        "--dask",
        metavar="CLUSTER",
        help="code on Dask instead: local:N starts a local cluster of N processes; "
        'tcp://HOST:8786 uses a running one (needs pip install "thucydides[dask]")',
    )
    ingest.set_defaults(run=cmd_ingest)

    show = sub.add_parser("show", help="print one stored record as JSON")
    show.add_argument("id", help="the record id")
    _add_db_arg(show)
    show.set_defaults(run=cmd_show)

    events = sub.add_parser("events", help="list stored events")
    _add_db_arg(events)
    events.add_argument(
        "--type", type=_event_type, help="PLOVER event type, any case, e.g. ASSAULT"
    )
    events.add_argument("--actor", help="substring of the actor's or recipient's name")
    events.add_argument("--country", help="ISO alpha-3 country of the actor or recipient")
    events.add_argument("--since", type=_iso_date, help="first date, YYYY-MM-DD")
    events.add_argument("--until", type=_iso_date, help="last date, YYYY-MM-DD")
    events.add_argument("--limit", type=int, help="at most this many rows")
    _add_min_confidence_arg(events, "list only events whose confidence is X or more (0 to 1)")
    events.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    events.set_defaults(run=cmd_events)

    _add_export_parser(sub)

    demo = sub.add_parser("demo", help="code the bundled sample corpus into a store, summarise")
    _add_db_arg(demo)
    demo.set_defaults(run=cmd_demo)

    serve = sub.add_parser(
        "serve",
        help="serve the API and the web UI over a store",
        description="Serves a JSON API (OpenAPI schema at /openapi.json) and the analyst's "
        "web UI (at /) over the store. Needs the api extra: pip install 'thucydides[api]'.",
    )
    _add_db_arg(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--token",
        default=os.environ.get("THUCYDIDES_TOKEN"),
        help="bearer token that POST /articles needs (default $THUCYDIDES_TOKEN); "
        "required to bind a non-loopback address",
    )
    serve.add_argument(
        "--max-bytes", type=_positive_int, help="largest request body accepted (default 5 MB)"
    )
    serve.add_argument(
        "--max-chars",
        type=_positive_int,
        help="longest article text a POST may have coded, in characters (default 100,000): "
        "bounds the time and memory one request takes",
    )
    serve.add_argument(
        "--config", help="JSON options file (default ~/.config/thucydides/config.json)"
    )
    serve.set_defaults(run=cmd_serve)

    ev = sub.add_parser(
        "eval", help="score the coder on gold sentences (--gold) or whole articles (--articles)"
    )
    gold = ev.add_mutually_exclusive_group(required=True)
    gold.add_argument("--gold", help="PLOVER gold-standard or PETRARCH records (JSONL)")
    gold.add_argument(
        "--articles",
        metavar="PATH",
        help="hand-coded whole articles: a folder of <id>.json files (docs/annotation.md)",
    )
    ev.add_argument(
        "--corpus",
        metavar="FILE",
        help="JSON Lines with the texts of --articles gold files that carry none "
        "(default: the bundled VOA corpus)",
    )
    ev.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="a trigger lexicon merged over ours (repeatable)",
    )
    ev.add_argument(
        "--only-lexicon",
        action="store_true",
        help="use only the --lexicon files, not ours (e.g. an imported PETRARCH one)",
    )
    ev.add_argument("--limit", type=int, help="score only the first N records")
    ev.add_argument("--format", choices=["text", "json"], default="text")
    ev.set_defaults(run=cmd_eval)

    lex = sub.add_parser("lexicon", help="trigger lexicon tools")
    lex.set_defaults(run=_usage_of(lex))
    lex_sub = lex.add_subparsers(title="lexicon commands", metavar="COMMAND")
    imp = lex_sub.add_parser(
        "import-petrarch", help="convert a PETRARCH/TABARI CAMEO verb dictionary to a lexicon"
    )
    imp.add_argument("file", help="a dictionary in the CAMEO.2.0.txt format")
    imp.add_argument("--out", required=True, help="the lexicon file (.tsv) to write")
    imp.set_defaults(run=cmd_lexicon_import)

    act = sub.add_parser("actors", help="actor knowledge tools")
    act.set_defaults(run=_usage_of(act))
    act_sub = act.add_subparsers(title="actors commands", metavar="COMMAND")
    aimp = act_sub.add_parser("import", help="convert a PETRARCH/Phoenix actor or agent dictionary")
    aimp.add_argument("file", help="a .actors.txt or .agents.txt dictionary")
    aimp.add_argument("--kind", choices=["actors", "agents"], required=True)
    aimp.add_argument("--out", required=True, help="the knowledge table (.tsv) to write")
    aimp.set_defaults(run=cmd_actors_import)
    return p


def _usage_of(group: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    """A command for a group named without its subcommand: show the group's help."""

    def run(_args: argparse.Namespace) -> int:
        group.print_help(sys.stderr)
        return EXIT_USAGE

    return run


def _add_input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .html .jsonl .json .csv .warc, any of them .gz), folders, or - for stdin",
    )
    p.add_argument(
        "--date", type=_iso_date, help="publication date YYYY-MM-DD for inputs that carry none"
    )
    p.add_argument(
        "--max-bytes", type=_positive_int, help="reject inputs larger than this (default 5 MB)"
    )
    p.add_argument("--config", help="JSON options file (default ~/.config/thucydides/config.json)")
    p.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="FILE",
        help="your own trigger lexicon, merged over ours (repeatable)",
    )
    p.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="your own actor knowledge table, merged over ours (repeatable)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")


def _add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default="thucydides.db",
        help="store: a SQLite file path, sqlite:///path, or postgresql://user:pw@host/db"
        " (default thucydides.db)",
    )


def _event_type(value: str) -> str:
    """A PLOVER type in any case, as the API reads it; unknown: an error naming the valid."""
    from .knowledge.lexicon import event_type

    try:
        return event_type(value)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_int(value: str) -> int:
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")


def _add_min_confidence_arg(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--min-confidence",
        type=_share,
        metavar="X",
        help=f"{what}. Confidence is calibrated on the dev set: about the share of such "
        "events that are right (docs/article-record.md)",
    )


def _share(value: str) -> float:
    """A --min-confidence value: a number from 0 to 1."""
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if 0.0 <= share <= 1.0:
        return share
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a confidence between 0 and 1; give a share such as 0.5"
    )


def _iso_date(value: str) -> str:
    """A date option's value, checked as ``Options.published`` is (``config.is_iso_date``)."""
    if is_iso_date(value):
        return value
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a date in the form YYYY-MM-DD, such as 2017-01-18"
    )


def _options(args: argparse.Namespace) -> Options:
    return load_options(
        args.config,
        published=args.date,
        max_bytes=args.max_bytes,
        lexicons=tuple(args.lexicon) or None,
        knowledge=tuple(args.actors) or None,
    )


def _coded(
    paths: Iterable[str], options: Options, quiet: bool
) -> Iterator[ArticleRecord | Rejected]:
    """Reads and codes inputs, reporting rejections and progress on stderr."""
    # Imported here: `thucydides ingest --workers N` codes in its workers, and starts them
    # sooner without spaCy and the coding stages in this process.
    from .pipeline import code_articles

    done = 0
    # Records stream out one by one: a listing page of stories may give several.
    for item in code_articles(read_inputs(paths, options), options, split_listings=True):
        done += 1
        if isinstance(item, Rejected):
            print(f"rejected: {item}", file=sys.stderr)
        elif not quiet and done % 25 == 0:
            print(f"... {done} inputs", file=sys.stderr)
        yield item


def cmd_code(args: argparse.Namespace) -> int:
    """Prints records to stdout (JSON Lines, or one JSON array); rejections go to stderr."""
    if args.explain:
        return explain_code(args)
    rejected = 0

    def records() -> Iterator[dict[str, object]]:
        nonlocal rejected
        for item in _coded(args.paths, _options(args), args.quiet):
            if isinstance(item, Rejected):
                rejected += 1
            else:
                yield _confident(item, args.min_confidence).as_dict()

    if args.format == "json":
        write_json_array(records(), sys.stdout)
    else:
        for data in records():
            print(json.dumps(data, ensure_ascii=False), flush=True)
    return EXIT_REJECTED if rejected else EXIT_OK


def _confident(record: ArticleRecord, least: float | None) -> ArticleRecord:
    """The record without its events below ``least`` (all of them when None)."""
    if least is None:
        return record
    return dataclasses.replace(
        record, events=tuple(e for e in record.events if e.confidence >= least)
    )


def write_json_array(items: Iterable[object], out: IO[str]) -> None:
    """Writes ``items`` as one indented JSON array, an item at a time, so that a corpus
    need not fit in memory; ``[]`` when there is none."""
    opened = False
    for item in items:
        out.write(",\n" if opened else "[\n")
        # JSON strings hold no raw newline, so indenting every line cannot change a value.
        out.write(textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "  "))
        opened = True
    out.write("\n]\n" if opened else "[]\n")


def explain_code(args: argparse.Namespace) -> int:
    """Prints, per coded event, its trigger, the rules that made it and the dependency path
    the coder followed to its actor and recipient (``code --explain``)."""
    from .extract.events import explaining

    rejected = 0
    with explaining() as log:
        for item in _coded(args.paths, _options(args), args.quiet):
            if isinstance(item, Rejected):
                rejected += 1
                continue
            found = {x.event_id: x for x in log}
            log.clear()
            names = {a.id: a.name for a in item.actors} | {p.id: p.name for p in item.places}
            print(f"# {item.source.title or item.source.path or item.id}")
            for e in item.events:
                x = found.get(e.id)
                print(f'{e.id} {e.event} "{x.trigger if x else e.event_text}" rule={e.rule}')
                for role, ids, path in (
                    ("actor", e.actor, x.actor_path if x else None),
                    ("recipient", e.recipient, x.recipient_path if x else None),
                ):
                    who = ", ".join(f"{i} {names.get(i, '')}".strip() for i in ids) or "-"
                    print(f"  {role}: {who}" + (f"  via {path}" if path else ""))
    return EXIT_REJECTED if rejected else EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    """Codes inputs into the store and prints what changed."""
    if args.dask and args.workers is not None:
        print(
            f"warning: --workers {args.workers} is ignored with --dask {args.dask}; "
            "the cluster's workers code",
            file=sys.stderr,
        )
    summary = ingest(args.paths, _options(args), args.db, args.quiet, args.workers, args.dask)
    print("\n".join(summary.lines(args.db)))
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def ingest(
    paths: Iterable[str],
    options: Options,
    db: str,
    quiet: bool = False,
    workers: int | None = None,
    dask: str | None = None,
) -> IngestSummary:
    """Codes ``paths`` into the store ``db`` with progress on stderr; returns the summary."""
    paths = list(paths)
    progress = progress_for(paths, enabled=not quiet)
    return ingest_paths(
        paths,
        db,
        options,
        workers=workers or 1,
        dask=dask,
        progress=progress,
        report=lambda rejected: progress.note(f"rejected: {rejected}"),
    )


def cmd_show(args: argparse.Namespace) -> int:
    """Prints one stored record."""
    with open_existing_store(args.db) as store:
        record = store.get(args.id)
    print(json.dumps(record.as_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _event_cells(row: EventRow) -> dict[str, object]:
    return {
        "article_id": row.article_id,
        "event_id": row.event_id,
        "date": row.date or "",
        "event": row.event,
        "modality": row.modality,
        "actor": " + ".join(row.actor_names),
        "recipient": " + ".join(row.recipient_names),
        "place": row.place or "",
        "event_text": row.event_text,
        "reported_by": row.reported_by or "",
        "confidence": f"{row.confidence:.2f}",
        "sentence": row.sentence,
    }


def _event_query(args: argparse.Namespace, **extra: object) -> EventQuery:
    """The event filters every listing command shares (--type --actor --country --since
    --until --min-confidence), plus the command's own."""
    return EventQuery(
        type=args.type,
        actor=args.actor,
        country=args.country,
        since=args.since,
        until=args.until,
        min_confidence=args.min_confidence,
        **extra,  # type: ignore[arg-type]
    )


def cmd_events(args: argparse.Namespace) -> int:
    """Lists stored events as a table, CSV or JSON Lines."""
    with open_existing_store(args.db) as store:
        # Streamed from the store as they are written: memory stays flat however many
        # events match. The table needs every row for its column widths.
        query = _event_query(args, limit=args.limit)
        if args.format == "csv":
            # The store gives each event's cells as text, formulas neutralised (SQLite
            # builds them in SQL): the csv module writes them without a Python loop.
            writer = csv.writer(sys.stdout, lineterminator="\r\n")
            writer.writerow(EVENT_CSV_COLUMNS)
            writer.writerows(store.iter_event_cells(query))
            return EXIT_OK
        if args.format == "jsonl":
            out, encode = sys.stdout, json.JSONEncoder(ensure_ascii=False).encode
            lines: list[str] = []
            for data in store.iter_event_dicts(query):
                lines.append(encode(data))  # json.dumps(data, ensure_ascii=False)
                if len(lines) == 256:
                    out.write("\n".join(lines) + "\n")
                    lines = []
            if lines:
                out.write("\n".join(lines) + "\n")
            return EXIT_OK
        rows = store.iter_events(query)
        write_events(list(rows) if args.format == "table" else rows, args.format, sys.stdout)
    return EXIT_OK


def _add_export_parser(sub: argparse._SubParsersAction) -> None:
    from .serve.export import DEFAULT_MODALITIES, FORMATS, MODALITIES

    export = sub.add_parser(
        "export",
        help="write stored events as PLOVER JSON Lines, POLECAT or ICEWS TSV, CSV or Parquet",
        description="Writes one row per stored event with the columns of an event dataset, "
        "so that scripts written for it read ours. Mappings: docs/export.md.",
    )
    _add_db_arg(export)
    export.add_argument("--format", required=True, choices=FORMATS)
    export.add_argument(
        "--out",
        metavar="FILE",
        help="the file to write (default stdout; parquet needs one); for parquet, a folder "
        "(ending in /) gets one Parquet folder per month, month=YYYY-MM",
    )
    export.add_argument(
        "--type", type=_event_type, help="PLOVER event type, any case, e.g. ASSAULT"
    )
    export.add_argument("--actor", help="substring of the actor's or recipient's name")
    export.add_argument("--country", help="ISO alpha-3 country of the actor or recipient")
    export.add_argument("--since", type=_iso_date, help="first date, YYYY-MM-DD")
    export.add_argument("--until", type=_iso_date, help="last date, YYYY-MM-DD")
    _add_min_confidence_arg(export, "export only events whose confidence is X or more (0 to 1)")
    export.add_argument(
        "--include-modality",
        default=",".join(DEFAULT_MODALITIES),
        metavar="LIST",
        help=f"modalities to export, comma-separated, from {', '.join(MODALITIES)}, or all "
        f"(default {','.join(DEFAULT_MODALITIES)}: POLECAT and ICEWS cannot mark an event "
        "as hypothetical or negated)",
    )
    export.add_argument(
        "--include-duplicates",
        action="store_true",
        help="also export the events of near-duplicate articles",
    )
    export.set_defaults(run=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Writes the stored events that match the filters in one dataset's format."""
    from .serve.export import export_events, parse_modalities

    modalities = parse_modalities(args.include_modality)
    query = _event_query(args, include_duplicates=args.include_duplicates)
    with open_existing_store(args.db) as store:
        written = export_events(store, args.format, args.out, query, modalities)
    print(f"{written} events exported from {args.db}", file=sys.stderr)
    return EXIT_OK


def write_events(rows: Iterable[EventRow], fmt: str, out: IO[str]) -> None:
    """Writes event rows in ``fmt`` (table, csv or jsonl); csv and jsonl as they come."""
    if fmt == "jsonl":
        # EventRow.as_dict() without its generic walk: every field is flat (tuples of names
        # become lists), so the objects and their key order are the same.
        names = tuple(f.name for f in dataclasses.fields(EventRow))
        values = operator.attrgetter(*names)
        for row in rows:
            plain = [list(v) if type(v) is tuple else v for v in values(row)]
            out.write(json.dumps(dict(zip(names, plain, strict=True)), ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        # As every CSV export: no formulas. Only a cell starting like one is looked at.
        starts = frozenset(FORMULA_STARTS)
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(EVENT_CSV_COLUMNS)
        writer.writerows(
            [c if c[:1] not in starts else neutralise_formula(c) for c in event_csv_cells(r)]
            for r in rows
        )
        return
    rows = list(rows)
    shown = ("date", "event", "modality", "actor", "recipient", "place", "event_text")
    cells = [{k: str(_event_cells(r)[k])[:40] for k in shown} for r in rows]
    widths = {k: max([len(k), *(len(c[k]) for c in cells)]) for k in shown}
    out.write("  ".join(k.upper().ljust(widths[k]) for k in shown).rstrip() + "\n")
    for c in cells:
        out.write("  ".join(c[k].ljust(widths[k]) for k in shown).rstrip() + "\n")
    out.write(f"({len(rows)} events)\n")


def open_existing_store(db: str) -> Store:
    """Opens a store to read from; a SQLite file that does not exist is an error, not a new
    empty store (a mistyped ``--db`` would otherwise answer "no events")."""
    path = db.removeprefix("sqlite:///") if db.startswith("sqlite:///") else db
    if "://" not in path and not Path(path).exists():
        raise StoreError(
            f'No store at "{db}". Code articles into it first: thucydides ingest PATH --db {db}'
        )
    return open_store(db)


def sample_paths() -> list[str]:
    """Returns the bundled samples: the project's own article, then the VOA stories."""
    samples = resources.files("thucydides").joinpath("data/samples")
    return [str(samples / SAMPLE_ARTICLE), str(samples / "voa_stories.jsonl")]


def cmd_demo(args: argparse.Namespace) -> int:
    """Codes the sample corpus into the store and prints a summary of the store."""
    paths = sample_paths()
    print(f"Coding the sample corpus: {', '.join(Path(p).name for p in paths)}", file=sys.stderr)
    print(
        "(a sample article written for the project, dated "
        f"{SAMPLE_PUBLISHED}; Voice of America stories, public domain, credit voanews.com / VOA)",
        file=sys.stderr,
    )
    # The date fills in only for inputs without one: the article; the VOA stories have theirs.
    options = load_options(None, published=SAMPLE_PUBLISHED)
    print(ingest(paths, options, args.db).lines(args.db)[0])
    with open_store(args.db) as store:
        summary = store.summary(top=10)
    print(f"\nArticles in store: {summary.articles}   events: {summary.events}")
    print(
        f"Near-duplicate articles (not counted): {summary.duplicates}   stories: "
        f"{summary.stories} ({summary.stories_with_several_articles} reported by 2+ articles)"
    )
    print(f"Rejected inputs: {len(summary.rejected)}")
    for r in summary.rejected:
        print(f"  {r}")
    print("\nEvents per type:")
    for name, n in summary.events_by_type or [("(none)", 0)]:
        print(f"  {name:<12} {n:>5}")
    print("\nTop actors (events, mentions):")
    for name, n_events, n_mentions in summary.top_actors:
        print(f"  {name:<40} {n_events:>5} {n_mentions:>6}")
    print("\nTop places (mentions):")
    for name, n in summary.top_places:
        print(f"  {name:<40} {n:>5}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    """Codes the gold sentences and prints per-type scores and actor accuracy."""
    from .evaluate import evaluate
    from .knowledge.lexicon import Lexicon

    lexicon = None
    if args.lexicon or args.only_lexicon:
        if args.only_lexicon and not args.lexicon:
            raise ConfigError("--only-lexicon needs at least one --lexicon FILE")
        lexicon = Lexicon.load(args.lexicon, include_default=not args.only_lexicon)
    if args.articles:
        return _eval_articles(args)
    if not Path(args.gold).is_file():
        raise ConfigError(f'Gold file "{args.gold}" does not exist.')
    report = evaluate(args.gold, lexicon=lexicon, limit=args.limit)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.as_text())
    return EXIT_OK


def _eval_articles(args: argparse.Namespace) -> int:
    """Codes hand-coded whole articles with the pipeline and prints their scores."""
    from .article_eval import evaluate_articles

    options = Options(lexicons=tuple(args.lexicon)) if args.lexicon else Options()
    if args.only_lexicon:
        raise ConfigError("--only-lexicon scores gold sentences only (--gold)")
    report = evaluate_articles(args.articles, corpus=args.corpus, options=options)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.as_text())
    return EXIT_OK


def cmd_lexicon_import(args: argparse.Namespace) -> int:
    """Converts a PETRARCH verb dictionary into our lexicon format."""
    from .knowledge.lexicon import main_import_petrarch

    if not Path(args.file).is_file():
        raise ConfigError(f'Dictionary "{args.file}" does not exist.')
    rows = main_import_petrarch(args.file, args.out)
    print(f"wrote {rows} lexicon rows to {args.out}; use it with --lexicon {args.out}")
    return EXIT_OK


def cmd_actors_import(args: argparse.Namespace) -> int:
    """Converts a PETRARCH actor or agent dictionary into our knowledge format."""
    from .knowledge.actors import main_import_actors

    return main_import_actors(args.file, args.out, args.kind)


def cmd_serve(args: argparse.Namespace) -> int:
    """Runs the API and web UI until interrupted."""
    try:
        from .serve.app import serve
    except ImportError as exc:
        raise ConfigError(
            f"thucydides serve needs the api extra, which is not installed ({exc}). Install "
            "it with: pip install 'thucydides[api]' (in a checkout: pip install -e '.[api]')"
        ) from exc
    options = load_options(args.config, max_bytes=args.max_bytes)
    open_existing_store(args.db).close()  # a mistyped --db: an error, not an empty store
    serve(
        args.db,
        host=args.host,
        port=args.port,
        token=args.token or None,
        max_bytes=options.max_bytes,
        options=options,
        **({"max_chars": args.max_chars} if args.max_chars else {}),
    )
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
