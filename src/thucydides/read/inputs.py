"""Reading inputs into ``RawArticle`` records: text and HTML files, JSON Lines, JSON, CSV,
folders and stdin.

Every problem with one input becomes a ``Rejected`` record with the code of its
``InputError`` class, and the batch goes on: a broken line of a JSON Lines file costs that
line, not the file; a bad file costs that file, not the folder.

Formats, chosen by file extension (case-insensitive):

* ``.txt`` and any other extension: one article, the text as scraped.
* ``.html``, ``.htm``: one article, the page's HTML (its text is taken out later, by
  ``read.html.extract_html``).
* ``.jsonl``, ``.ndjson``: one JSON object per line; origin ``feed.jsonl:LINENO``.
* ``.json``: one object, a list of objects (origin ``feed.json[INDEX]``, from 0), or JSON
  Lines under a ``.json`` name.
* ``.csv``: a header row, then one article per row; origin ``feed.csv:ROWNO`` with the
  header as row 1, as a spreadsheet numbers them.
* ``.warc``, ``.warc.gz``: a web archive (read with warcio). Every ``response`` (HTTP
  status 2xx) or ``resource`` record whose media type is HTML is one article, with the
  record's ``WARC-Target-URI`` as its URL; origin ``crawl.warc.gz#N``, N counting every
  record of the file from 1 (``warcinfo`` and ``request`` records too). Other records
  (requests, images, redirects, errors) are not articles and are passed over.
* ``NAME.gz`` (``feed.jsonl.gz``, ``feed.json.gz``, ``feed.csv.gz``, ``page.html.gz``...):
  read as ``NAME``, decompressed on the fly; origins name the ``.gz`` file.

Records (JSON objects, CSV rows) use the fields ``id``, ``title``, ``text`` or ``html``
(``text`` wins when both are set), ``url``, ``published``, ``author`` (several names
separated by ";" or " and "), ``authors`` (JSON: a list) and ``publisher``; other fields
are ignored.

``Options.max_bytes`` applies to a whole text or HTML file, which is checked with ``stat``
before it is read (a compressed one as it is decompressed), to each line or row of a JSON
Lines or CSV file, which are streamed, and to each page of a WARC file.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import re
import sys
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from charset_normalizer import from_bytes

from ..config import Options
from ..errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputTooLarge,
    MalformedInput,
    MissingInput,
)
from ..records import RawArticle, Rejected

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".warc": "warc",
}
_GZIP_SUFFIX = ".gz"
_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})

_DEFAULT_OPTIONS = Options()

# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control bytes other than tab, line feed, form feed and carriage return, plus DEL.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_BINARY_SAMPLE = 8000
_MAX_CONTROL_SHARE = 0.05

_NEWLINES = re.compile(r"\r\n?")
_AUTHOR_SEPARATORS = re.compile(r"\s*;\s*|\s+and\s+", re.IGNORECASE)
_CSV_FIELD_LIMIT = "field larger than field limit"

# Unambiguous written-out dates; day/month orders such as 03/04/2025 are left alone.
_DATE_FORMATS = ("%Y/%m/%d", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}


def read_inputs(
    paths: Iterable[str],
    options: Options = _DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
) -> Iterator[RawArticle | Rejected]:
    """Reads every input named in ``paths``, lazily and in order.

    Args:
        paths: files, folders (read recursively in sorted order, hidden entries skipped)
            and ``-`` for standard input (read as text).
        options: the run's options; ``max_bytes`` bounds a file, a line or a row.
        stdin: the stream ``-`` reads; ``sys.stdin.buffer`` when None.

    Returns:
        An iterator of one ``RawArticle`` per article read and one ``Rejected`` per input
        (file, line or row) that cannot be read. Input problems never raise.
    """
    # A lone path is a str, itself an Iterable[str]: do not read it letter by letter.
    for given in [paths] if isinstance(paths, str) else paths:
        if given == STDIN:
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, options)
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, options)
        elif path.exists():
            yield from _read_file(path, options)
        else:
            yield rejection(MissingInput(given, "no such file or folder; check the path"))


def count_inputs(paths: Iterable[str]) -> int | None:
    """Counts the inputs ``read_inputs`` will give, when that is cheap; for progress bars.

    Text and HTML files count one each, JSON Lines files (also gzipped) their non-blank
    lines, read at disk speed with no parsing. A single JSON, CSV or WARC file or standard
    input makes the total unknown: counting them costs nearly as much as reading them.

    Args:
        paths: as for ``read_inputs``.

    Returns:
        The number of inputs (articles and rejections), or None when not known cheaply.
    """
    total = 0
    for given in [paths] if isinstance(paths, str) else paths:
        if given == STDIN:
            return None
        path = Path(given)
        for file in _walk(path) if path.is_dir() else [path]:
            kind = input_kind(file)
            if kind in ("json", "csv", "warc"):
                return None
            if kind != "jsonl" or not file.is_file():
                total += 1
                continue
            try:
                with _open(file) as stream:
                    total += max(1, sum(1 for line in stream if line.strip()))
            except (OSError, EOFError, zlib.error):
                total += 1  # read_inputs rejects it: one input
    return total


def rejection(exc: InputError) -> Rejected:
    """Turns an input error into the record that stands for the rejected input.

    Args:
        exc: the error raised while reading or cleaning one input.

    Returns:
        A ``Rejected`` with the error's input, code and reason.
    """
    # Reasons end up one per line in logs and reports, so whitespace is flattened.
    return Rejected(origin=exc.source, code=exc.code, reason=" ".join(exc.reason.split()))


def iso_date(value: object) -> str | None:
    """Normalises a publication date to ``YYYY-MM-DD``, or None when it cannot be read.

    Accepts ISO 8601 dates and timestamps (``2025-03-14 20:30:26Z`` gives ``2025-03-14``),
    RFC 2822 dates as in RSS feeds, ``2025/03/14`` and dates with the month spelt out.
    The date is kept as written, not moved to UTC.

    Args:
        value: the ``published`` value of an input record.

    Returns:
        The ISO date, or None for anything else: a date is never guessed, so ambiguous
        forms such as ``03/04/2025`` give None.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- files and folders


def _walk(folder: Path) -> Iterator[Path]:
    """Yields the files under ``folder`` depth first, by name, skipping hidden entries."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        yield folder  # _read_file turns the unreadable folder into a rejection
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: they can loop back on their parents.
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        else:
            yield entry


def _read_file(path: Path, options: Options) -> Iterator[RawArticle | Rejected]:
    """Reads one file of any kind, turning every input problem into a rejection."""
    origin = str(path)
    try:
        if path.is_dir():
            raise InputError(origin, "cannot list this folder; check its permissions")
        kind = input_kind(path)
        # A compressed file's own size says nothing of what it holds: limits apply as it
        # is decompressed.
        size = None if _is_gzip(path) else path.stat().st_size
        if kind == "jsonl":
            yield from _read_json_lines(path, options)
        elif kind == "json":
            yield from _read_json(path, size, options)
        elif kind == "csv":
            yield from _read_csv(path, options)
        elif kind == "warc":
            yield from _read_warc(path, options)
        else:
            text = _decode_document(_read_whole(path, size, options), origin)
            if kind == "html":
                yield RawArticle(origin=origin, html=text, path=origin)
            else:
                yield RawArticle(origin=origin, text=text, path=origin)
    except InputError as exc:
        yield rejection(exc)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        # Raised mid-stream too: the records read before the damage have gone on already.
        reason = (
            f"the compressed stream is corrupt or cut off ({exc}); records before the damage "
            "were read; check the download or compress the file again"
        )
        yield rejection(MalformedInput(origin, reason))
    except OSError as exc:
        yield rejection(InputError(origin, f"cannot read: {exc.strerror or exc}"))


def input_kind(path: Path) -> str:
    """Tells how a file is read from its name: text, html, jsonl, json, csv or warc.

    Args:
        path: the file; a ``.gz`` ending is looked through (``feed.jsonl.gz`` is jsonl).

    Returns:
        The kind; ``text`` for any extension not listed in this module's docstring.
    """
    name = path.name.lower().removesuffix(_GZIP_SUFFIX)
    return _KINDS.get(Path(name).suffix, "text")


def _is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(_GZIP_SUFFIX)


def _open(path: Path) -> BinaryIO:
    """Opens a file for binary reading, decompressing a ``.gz`` one on the fly."""
    if _is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _read_whole(path: Path, size: int | None, options: Options) -> bytes:
    """Reads a file checked against the size limit before a byte is read (when known)."""
    if size is not None and size > options.max_bytes:
        raise _too_large(str(path), "the file", size, options)
    with _open(path) as stream:
        # The file may have grown since stat(); never read past the limit.
        data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise _too_large(str(path), "the file", len(data), options)
    return data


def _read_stdin(stream: BinaryIO, options: Options) -> RawArticle | Rejected:
    """Reads standard input as one text article."""
    data = stream.read(options.max_bytes + 1)
    return read_document(data, "text", STDIN_ORIGIN, options, what="standard input")


def read_document(
    data: bytes,
    kind: Literal["text", "html", "json"],
    origin: str,
    options: Options = _DEFAULT_OPTIONS,
    *,
    what: str = "the input",
) -> RawArticle | Rejected:
    """Reads one article handed over as bytes: standard input, an upload, a request body.

    Args:
        data: the bytes as received.
        kind: ``text`` (plain, as scraped), ``html`` (a page), or ``json`` (one object with
            the fields of a JSON Lines record: ``text`` or ``html``, ``id``, ``title``...).
        origin: what to call the input in messages (``<stdin>``, ``POST /articles``).
        options: the run's options; ``max_bytes`` bounds ``data``.
        what: how the size message names the input.

    Returns:
        The article, or the ``Rejected`` record saying why it cannot be read. Never raises
        for a problem with the input.
    """
    try:
        if len(data) > options.max_bytes:
            raise _too_large(origin, what, len(data), options)
        text = _decode_document(data, origin)
        if kind == "html":
            return RawArticle(origin=origin, html=text)
        if kind == "text":
            return RawArticle(origin=origin, text=text)
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedInput(
                origin,
                f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; "
                "send one JSON object with a text or html field",
            ) from exc
        return _article(value, origin, None)
    except InputError as exc:
        return rejection(exc)


def _too_large(origin: str, what: str, size: int, options: Options) -> InputTooLarge:
    """Builds the T006 error for an input of ``size`` bytes (at least)."""
    return InputTooLarge(
        origin,
        f"{what} is {size:,} bytes, over the limit of {options.max_bytes:,} (max_bytes); "
        "split it or raise max_bytes",
    )


# ---------------------------------------------------------------- decoding


def _decode_document(data: bytes, origin: str) -> str:
    """Decodes a whole text or HTML input, refusing empty ones."""
    if not data:
        raise EmptyInput(origin, "the input is empty (0 bytes)")
    text = _decode(data, origin)
    if not text.strip():
        raise EmptyInput(origin, "the input holds only whitespace")
    # As open() does in text mode: offsets downstream count one character per line break.
    return _NEWLINES.sub("\n", text)


def _decode(data: bytes, origin: str) -> str:
    """Decodes bytes as UTF-8, a byte-order-marked Unicode form, or a detected encoding."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    origin, f"starts with a {codec} byte-order mark but is not valid {codec}"
                ) from exc
    data = data.removeprefix(codecs.BOM_UTF8)
    if _looks_binary(data):
        raise BinaryInput(
            origin,
            "not text: it holds NUL bytes or control characters (a PDF, image or archive?); "
            "extract its text first",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A file cut off inside its last character: the evidence is clear, drop the stub.
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            return data[: exc.start].decode("utf-8")
        encoding = _detect_encoding(data)
        if encoding is None:
            raise EncodingError(
                origin,
                f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) and no other "
                "encoding fits; convert it to UTF-8, e.g. iconv -f ENCODING -t UTF-8",
            ) from exc
        return data.decode(encoding)


def _looks_binary(data: bytes) -> bool:
    """Tells binary data by NUL bytes or a high share of control bytes."""
    # Notes: NUL bytes in the first 8000 bytes is git's own test (xdiff-interface.c,
    # buffer_is_binary); the 5% control-byte share is ours, for NUL-free binaries.
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NON_CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _detect_encoding(data: bytes) -> str | None:
    """Returns the encoding charset-normalizer finds for ``data``, or None if none fits."""
    # Without a byte-order mark a UTF-16/32 reading of 8-bit text is noise ("caf\xe9" reads
    # as two CJK characters in UTF-16-BE), and marked files never get here.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    tied = [m for m in matches if m.chaos <= matches[0].chaos]
    # charset-normalizer ranks cp1250 above cp1252 when both read the bytes equally well,
    # which turns French "à" into "ŕ"; English news in a legacy code page is Windows-1252.
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return "cp1252"
    return matches[0].encoding


# ---------------------------------------------------------------- records


def _decoded_lines(
    stream: BinaryIO, origin: str, options: Options
) -> Iterator[tuple[int, int, str | InputError]]:
    """Yields (line number, size, text or the error that stopped it) for each line."""
    limit = options.max_bytes
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        where = f"{origin}:{number}"
        size = len(raw.rstrip(b"\r\n"))
        if size > limit:
            # Skip the rest of the line a chunk at a time: never hold it whole in memory.
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(1 << 20)
                size += len(raw.rstrip(b"\r\n"))
            yield number, size, _too_large(where, "the line", size, options)
            continue
        try:
            yield number, size, _decode(raw, where)
        except InputError as exc:
            yield number, size, exc


def _check_container(stream: BinaryIO, origin: str) -> None:
    """Refuses a JSON or CSV file that is empty, binary or UTF-16/32 before streaming it."""
    head = stream.read(_BINARY_SAMPLE)
    stream.seek(0)
    if not head:
        raise EmptyInput(origin, "the file is empty (0 bytes)")
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            raise EncodingError(
                origin,
                f"the file is {codec}, but JSON Lines and CSV are read line by line as UTF-8; "
                f"convert it, e.g. iconv -f {codec.upper()} -t UTF-8",
            )
    if _looks_binary(head.removeprefix(codecs.BOM_UTF8)):
        raise BinaryInput(origin, "not text: it holds NUL bytes or control characters")


def _read_json_lines(path: Path, options: Options) -> Iterator[RawArticle | Rejected]:
    """Streams a JSON Lines file, one record per line."""
    origin = str(path)
    with _open(path) as stream:
        _check_container(stream, origin)
        lines = ((n, line) for n, _, line in _decoded_lines(stream, origin, options))
        yield from _json_line_records(lines, path)


def _json_line_records(
    lines: Iterable[tuple[int, str | InputError]], path: Path
) -> Iterator[RawArticle | Rejected]:
    """Turns numbered JSON Lines into records; blank lines are skipped."""
    origin = str(path)
    seen = False
    for number, line in lines:
        where = f"{origin}:{number}"
        try:
            if isinstance(line, InputError):
                raise line
            if not line.strip():
                continue
            seen = True
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(
                    where,
                    f"invalid JSON at column {exc.colno}: {exc.msg}; "
                    "each line must hold one complete JSON object",
                ) from exc
            yield _article(value, where, path)
        except InputError as exc:
            seen = True
            yield rejection(exc)
    if not seen:
        yield rejection(EmptyInput(origin, "the file holds no records, only blank lines"))


def _read_json(path: Path, size: int | None, options: Options) -> Iterator[RawArticle | Rejected]:
    """Reads a .json file: one object, a list of objects, or JSON Lines."""
    origin = str(path)
    data = b""
    if size is None or size <= options.max_bytes:
        with _open(path) as stream:
            data = stream.read(options.max_bytes + 1)
        size = len(data)
    if size > options.max_bytes:
        # A JSON document is read whole, but JSON Lines under a .json name can be streamed.
        if _first_line_is_object(path, options):
            yield from _read_json_lines(path, options)
            return
        at_least = "at least " if _is_gzip(path) else ""
        raise InputTooLarge(
            origin,
            f"the file is {at_least}{size:,} bytes, over the limit of {options.max_bytes:,} "
            "(max_bytes), and a JSON document is read whole; convert it to JSON Lines (one "
            "article per line), split it, or raise max_bytes",
        )
    text = _decode_document(data, origin)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        first = next((line for line in text.splitlines() if line.strip()), "")
        if _is_json_object(first):
            yield from _json_line_records(enumerate(text.splitlines(), start=1), path)
            return
        raise MalformedInput(
            origin,
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}; "
            "a .json file holds one object, a list of objects, or one object per line",
        ) from exc
    if isinstance(value, list):
        if not value:
            raise EmptyInput(origin, "the file holds an empty list")
        for index, item in enumerate(value):
            try:
                yield _article(item, f"{origin}[{index}]", path)
            except InputError as exc:
                yield rejection(exc)
    else:
        yield _article(value, origin, path)


def _first_line_is_object(path: Path, options: Options) -> bool:
    """Tells whether the first non-blank line of a file is a whole JSON object."""
    with _open(path) as stream:
        # Bounded reads: a one-line 10 GB document is refused after max_bytes, unread.
        while line := stream.readline(options.max_bytes + 1):
            if line.strip():
                try:
                    return _is_json_object(_decode(line, str(path)))
                except InputError:
                    return False
    return False


def _is_json_object(line: str) -> bool:
    """Tells whether ``line`` parses as a JSON object on its own."""
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _read_csv(path: Path, options: Options) -> Iterator[RawArticle | Rejected]:
    """Streams a CSV file with a header row, one record per row."""
    origin = str(path)
    # Python's csv refuses fields over 131,072 characters, far below a normal max_bytes;
    # the limit is process-wide, so it is only ever raised.
    if csv.field_size_limit() < options.max_bytes + 1:
        csv.field_size_limit(options.max_bytes + 1)
    with _open(path) as stream:
        _check_container(stream, origin)
        pending: deque[tuple[int, int, InputError | None]] = deque()

        def feed() -> Iterator[str]:
            for number, size, line in _decoded_lines(stream, origin, options):
                if isinstance(line, InputError):
                    pending.append((number, size, line))
                    # An unreadable line still ends a physical line; its row is rejected.
                    yield "\n"
                else:
                    pending.append((number, size, None))
                    yield line

        def take(last_line: int) -> tuple[int, InputError | None]:
            size, problem = 0, None
            while pending and pending[0][0] <= last_line:
                _, line_size, line_problem = pending.popleft()
                size += line_size
                problem = problem or line_problem
            return size, problem

        reader = csv.reader(feed(), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise EmptyInput(origin, "the file holds only whitespace") from None
        except csv.Error as exc:
            raise MalformedInput(origin, f"cannot read the header row: {exc}") from exc
        _, problem = take(reader.line_num)
        if problem is not None:
            raise type(problem)(origin, f"header row: {problem.reason}")
        names = [name.strip().lower() for name in header]
        if "text" not in names and "html" not in names:
            raise MalformedInput(
                origin,
                f"the header row has no text or html column (it has: {', '.join(names)}); "
                "name the columns id, title, text or html, url, published, author",
            )
        row_number, rows = 1, 0
        while True:
            try:
                row: list[str] | csv.Error = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row = exc
            row_number += 1
            where = f"{origin}:{row_number}"
            size, problem = take(reader.line_num)
            if row == []:
                continue
            rows += 1
            try:
                if problem is not None:
                    raise type(problem)(where, problem.reason)
                if size > options.max_bytes or (
                    isinstance(row, csv.Error) and _CSV_FIELD_LIMIT in str(row)
                ):
                    raise _too_large(where, "the row", size, options)
                if isinstance(row, csv.Error):
                    raise MalformedInput(
                        where, f"{row}; quote fields that hold commas, quotes or line breaks"
                    )
                if len(row) != len(names):
                    raise MalformedInput(
                        where,
                        f"{len(row)} fields where the header has {len(names)}; "
                        "quote fields that hold commas",
                    )
                yield _article(dict(zip(names, row, strict=True)), where, path)
            except InputError as exc:
                yield rejection(exc)
        if rows == 0:
            raise EmptyInput(origin, "the file has a header row but no rows")


def _read_warc(path: Path, options: Options) -> Iterator[RawArticle | Rejected]:
    """Streams the HTML pages of a WARC file (plain or gzipped per record) as articles."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    number = pages = 0
    with path.open("rb") as stream:
        if not stream.read(1):
            raise EmptyInput(origin, "the file is empty (0 bytes)")
        stream.seek(0)
        size = path.stat().st_size
        records = ArchiveIterator(stream)
        try:
            # warcio tells gzip from plain WARC itself, and decodes chunked and
            # gzip/deflate HTTP bodies in content_stream().
            for record in records:
                number += 1
                try:
                    page = _warc_page(record, f"{origin}#{number}", path, options)
                except InputError as exc:
                    pages += 1
                    yield rejection(exc)
                    continue
                if page is not None:
                    pages += 1
                    yield page
        # warcio fails on damaged archives in many ways (ArchiveLoadFailed, zlib.error,
        # EOFError, AttributeError on a header cut in half...): all mean the same here.
        except Exception as exc:
            detail = " ".join(str(exc).split())[:200]
            reason = (
                f"not a WARC file ({detail})"
                if number == 0
                else f"the archive is corrupt or cut off here ({detail}); the {number} records "
                "before it were read"
            )
            raise MalformedInput(f"{origin}#{number + 1}", reason) from exc
        # warcio ends quietly on a gzip member cut off at the end of the file (a crawl
        # killed mid-write): the bytes it did not account for are that lost record.
        if records.offset < size:
            raise MalformedInput(
                f"{origin}#{number + 1}",
                f"the archive is cut off here ({size - records.offset:,} bytes after the last "
                f"whole record); the {number} records before it were read",
            )
    if pages == 0:
        raise EmptyInput(
            origin, f"no HTML page in the archive ({number} records, none an HTML response)"
        )


def _warc_page(record: Any, origin: str, path: Path, options: Options) -> RawArticle | None:
    """Turns one WARC record into an article; None for a record that is not an HTML page."""
    if record.length is None:
        # Every WARC record has a Content-Length; warcio makes a header-less record of the
        # half header a crawl killed mid-write leaves.
        raise MalformedInput(origin, "the record has no Content-Length: the archive is cut off")
    if record.rec_type == "response":
        http = record.http_headers
        # dns: and other non-HTTP responses have no HTTP headers; 3xx, 4xx, 5xx are no page.
        if http is None or not (http.get_statuscode() or "").startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in _HTML_MEDIA_TYPES:
        return None
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise _too_large(origin, "the page", len(data), options)
    # A record shorter than its Content-Length says is cut off: never code half a page.
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise MalformedInput(
            origin, "the record is cut off (shorter than its Content-Length); fetch it again"
        )
    html = _decode_declared(data, parameters) or _decode_document(data, origin)
    return RawArticle(
        origin=origin,
        html=html,
        path=str(path),
        url=record.rec_headers.get_header("WARC-Target-URI"),
    )


def _decode_declared(data: bytes, parameters: str) -> str | None:
    """Decodes with the charset a Content-Type declares; None if none is, or it does not fit."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", parameters, re.IGNORECASE)
    if match is None:
        return None
    try:
        text = data.decode(match.group(1))
    except (LookupError, UnicodeDecodeError):
        return None
    return _NEWLINES.sub("\n", text) if text.strip() else None


def _article(record: object, origin: str, path: Path | None) -> RawArticle:
    """Builds a RawArticle from one JSON object or CSV row."""
    if not isinstance(record, Mapping):
        raise MalformedInput(origin, f"expected a JSON object, got {_json_type(record)}")
    text = _string(record, "text", origin)
    html = _string(record, "html", origin)
    if text and text.strip():
        body = {"text": _NEWLINES.sub("\n", text)}
    elif html and html.strip():
        body = {"html": html}
    else:
        raise MalformedInput(
            origin, "no article: text and html are both missing or blank; give one of them"
        )
    return RawArticle(
        origin=origin,
        **body,
        id=_field(record, "id", origin),
        path=str(path) if path is not None else None,
        url=_field(record, "url", origin),
        title=_field(record, "title", origin),
        authors=_authors(record, origin),
        publisher=_field(record, "publisher", origin),
        # A date that cannot be read is left out, never guessed nor a reason to reject.
        published=iso_date(record.get("published")),
    )


def _string(record: Mapping[str, Any], key: str, origin: str) -> str | None:
    """Returns the string at ``key``, None when absent, and refuses other types."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise MalformedInput(origin, f'"{key}" must be a string, not {_json_type(value)}')


def _field(record: Mapping[str, Any], key: str, origin: str) -> str | None:
    """Returns the stripped string at ``key``, None when absent or blank."""
    value = _string(record, key, origin)
    return (value.strip() or None) if value is not None else None


def _authors(record: Mapping[str, Any], origin: str) -> tuple[str, ...]:
    """Returns the names in ``authors`` (a list or string) or else ``author``."""
    key = "authors" if record.get("authors") is not None else "author"
    value = record.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        names = _AUTHOR_SEPARATORS.split(value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        names = value
    else:
        raise MalformedInput(
            origin, f'"{key}" must be a string or a list of strings, not {_json_type(value)}'
        )
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def _json_type(value: object) -> str:
    """Names a value's JSON type for messages."""
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)
