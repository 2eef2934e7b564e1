"""Batch ingest: inputs in, records stored; crash-safe, resumable, in parallel.

::

    read_inputs ──► mark (origin, digest) ──► skip what the store finished ──► chunks
        ──► coder (this process | worker processes | Dask) ──► results, in input order
        ──► store.ingest_batch: records + rejections + marks, one transaction per chunk

The parent process reads the inputs and is the only writer to the store; workers only
turn raw articles into records. Results are stored in input order whatever order the
workers finish in, so a run with N workers leaves exactly the store a one-process run
leaves.

Crash safety comes from the store: each chunk's records and the marks of the inputs they
came from are committed together. Killed at any moment (SIGKILL, power cut on a
journaling file system), a run has stored whole chunks, each with its marks, or nothing of
a chunk. Rerun, it reads the inputs again (cheap), skips every input whose mark is in the
store (no cleaning, no parsing), and codes the rest: nothing lost, nothing stored twice.

A mark's digest covers the raw input as read *and* the coder (``batch/fingerprint.py``:
versions, our code and knowledge files, options, the contents of the user's lexicon and
actor files), so an edited input, or the same input coded with another lexicon, is coded
again rather than skipped.

``open_coder`` picks where articles are coded: this process, a pool of worker processes
(``batch/workers.py``), or a Dask cluster (``batch/cluster.py``, imported only when
``--dask`` is given).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import errors
from ..config import Options
from ..errors import CodingFailed, ConfigError
from ..read.inputs import count_inputs, read_inputs
from ..records import ArticleRecord, RawArticle, Rejected
from ..store import BatchItem, InputMark, Store, open_store, redact
from .fingerprint import coder_fingerprint
from .progress import Progress
from .workers import Coder, InProcessCoder, Pending, ProcessPoolCoder

#: Inputs read ahead and looked up in the store at once when deciding what to skip.
LOOKAHEAD = 256


@dataclass(slots=True)
class IngestSummary:
    """What one batch did.

    Attributes:
        outcomes: stored articles by outcome, as ``Store.ingest_batch`` reports them:
            "inserted", "updated", "unchanged", and "duplicate" for a new or changed
            article linked to an earlier stored one it nearly duplicates (``store/dedupe.py``).
        skipped: inputs an earlier run had coded and stored, skipped without coding.
        rejected: rejected inputs by reason code, this run's and, for skipped inputs, an
            earlier run's.
        rejected_earlier: how many of ``rejected`` an earlier run rejected.
        workers: processes that coded.
        seconds: wall time of the batch, workers' start-up included.
    """

    outcomes: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejected_earlier: int = 0
    workers: int = 1
    seconds: float = 0.0

    @property
    def coded(self) -> int:
        """Articles now in the store from this batch's inputs, skipped ones included."""
        return sum(n for k, n in self.outcomes.items() if k != "rejected") + self.skipped

    @property
    def duplicates(self) -> int:
        """New or changed articles linked to an earlier stored original: stored in full,
        counted in ``coded`` but not as new, and left out of events and stories."""
        return self.outcomes["duplicate"]

    @property
    def coded_now(self) -> int:
        """Articles this run coded (not skipped), for the rate."""
        return self.coded - self.skipped

    def lines(self, db: str) -> list[str]:
        """The closing summary, one fact per line; the first line is the short one."""
        o = self.outcomes
        unchanged = o["unchanged"] + self.skipped
        first = (
            f"{self.coded} articles coded into {redact(db)} ({o['inserted']} new, {o['updated']} "
            f"updated, {unchanged} unchanged), {self.rejected.total()} inputs rejected"
        )
        lines = [first]
        if self.skipped:
            lines.append(
                f"  skipped: {self.skipped} inputs stored by an earlier run (counted as "
                "unchanged), not coded again"
            )
        if self.duplicates:
            lines.append(
                f"  duplicates: {self.duplicates} linked to their original (stored, not counted "
                "as new; left out of events and stories)"
            )
        if self.rejected:
            by_code = ", ".join(
                f"{code} {_ERROR_NAMES.get(code, '')} {n}".replace("  ", " ")
                for code, n in sorted(self.rejected.items())
            )
            if self.rejected_earlier:
                by_code += f" ({self.rejected_earlier} in an earlier run)"
            lines.append(f"  rejected by reason: {by_code}")
        rate = self.coded_now / self.seconds if self.seconds else 0.0
        plural = "es" if self.workers != 1 else ""
        lines.append(
            f"  {self.coded_now} articles coded in {self.seconds:.1f} s ({rate:.2f} articles/s, "
            f"{self.workers} process{plural})"
        )
        return lines


_ERROR_NAMES = {
    cls.code: cls.__name__
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, errors.InputError)
}


@dataclass(frozen=True, slots=True)
class _Chunk:
    """Inputs stored together: raw articles for the coder, and reading rejections."""

    items: tuple[tuple[InputMark | None, RawArticle | Rejected], ...]

    @property
    def raws(self) -> list[RawArticle]:
        return [item for _, item in self.items if isinstance(item, RawArticle)]


def ingest_paths(
    paths: Iterable[str],
    db: str,
    options: Options,
    *,
    workers: int = 1,
    dask: str | None = None,
    progress: Progress | None = None,
    report: Callable[[Rejected], None] | None = None,
) -> IngestSummary:
    """Codes ``paths`` into the store ``db``, resuming a run that was cut short.

    Args:
        paths: files, folders or ``-``, as for ``read_inputs``.
        db: the store (a path or URL ``open_store`` understands); opened first, so a bad
            one fails before any worker starts.
        options: the run's options.
        workers: worker processes; 1 codes in this process.
        dask: ``local:N`` or a Dask scheduler address, instead of ``workers``.
        progress: where to report progress; None reports nothing.
        report: called with every input rejected in this run, as it is stored.

    Returns:
        What the batch did.

    Raises:
        ConfigError: bad ``workers`` or ``dask``, or Dask not installed.
        StoreError: the store cannot be opened or written.
        WorkerError: a worker died or the Dask cluster failed; rerun to resume.
    """
    with open_store(db) as store:
        coder = open_coder(options, workers, dask)
        try:
            return ingest(paths, store, coder, options, progress=progress, report=report)
        finally:
            coder.close()


def ingest(
    paths: Iterable[str],
    store: Store,
    coder: Coder,
    options: Options,
    *,
    progress: Progress | None = None,
    report: Callable[[Rejected], None] | None = None,
) -> IngestSummary:
    """Codes ``paths`` with ``coder`` into ``store``; see the module docstring.

    Args:
        paths: files, folders or ``-``.
        store: an open store; this function is its only writer while it runs.
        coder: a started coder; left open.
        options: the run's options (``batch_size`` articles make one chunk).
        progress: where to report progress; None reports nothing.
        report: called with every input rejected in this run.

    Returns:
        What the batch did.
    """
    started = time.monotonic()
    progress = progress or Progress(enabled=False)
    progress.begin()
    summary = IngestSummary(workers=coder.workers)
    fingerprint = coder_fingerprint(options)
    in_flight: deque[tuple[_Chunk, Pending]] = deque()
    chunks = _chunks(
        read_inputs(paths, options), store, fingerprint, options, summary, progress, coder.workers
    )
    for chunk in chunks:
        in_flight.append((chunk, coder.submit(chunk.raws) if chunk.raws else _Done([])))
        # Oldest first: results are stored in input order, whoever finishes first.
        while len(in_flight) > coder.slots:
            _store(*in_flight.popleft(), store, summary, progress, report)
    while in_flight:
        _store(*in_flight.popleft(), store, summary, progress, report)
    summary.seconds = time.monotonic() - started
    progress.close()
    return summary


def _chunks(
    items: Iterator[RawArticle | Rejected],
    store: Store,
    fingerprint: str,
    options: Options,
    summary: IngestSummary,
    progress: Progress,
    workers: int = 1,
) -> Iterator[_Chunk]:
    """Groups the inputs not yet stored into chunks of ``batch_size`` raw articles, fewer
    in the last chunks when several ``workers`` code them (``_chunk_size``)."""
    size = max(1, options.batch_size)
    pending: list[tuple[InputMark | None, RawArticle | Rejected]] = []
    raws = 0
    target = size
    for group, last in _groups(items, LOOKAHEAD):
        marks = [mark(i, fingerprint) if isinstance(i, RawArticle) else None for i in group]
        done = store.ingested([m for m in marks if m is not None])
        # In the last group, how many articles are still to put in chunks (None before).
        left = sum(1 for m in marks if m is not None and m not in done) if last else None
        skipped = 0
        for item_mark, item in zip(marks, group, strict=True):
            if item_mark is not None and item_mark in done:
                skipped += 1
                code = done[item_mark]
                if code is None:
                    summary.skipped += 1
                else:
                    summary.rejected[code] += 1
                    summary.rejected_earlier += 1
                continue
            if isinstance(item, RawArticle):
                if raws == 0 and left is not None:
                    target = _chunk_size(size, left, workers)
                raws += 1
                left = None if left is None else left - 1
            pending.append((item_mark, item))
            # A run of unreadable lines between two articles must not grow one chunk forever.
            if raws >= target or len(pending) >= 4 * size:
                yield _Chunk(tuple(pending))
                pending, raws = [], 0
        if skipped:
            progress.advance(skipped)
    if pending:
        yield _Chunk(tuple(pending))


def _groups(
    items: Iterator[RawArticle | Rejected], size: int
) -> Iterator[tuple[list[RawArticle | Rejected], bool]]:
    """Yields the inputs ``size`` at a time, each group with whether it is the last one
    (reading one input ahead to know)."""
    group = list(itertools.islice(items, size))
    while group:
        ahead = list(itertools.islice(items, 1))
        yield group, not ahead
        group = ahead + list(itertools.islice(items, size - 1))


def _chunk_size(size: int, left: int, workers: int) -> int:
    """Articles in the next chunk when ``left`` are still to code: ``size``, or fewer near
    the end, so that the workers run out of work together.

    With chunks of ``size`` to the end, one worker codes a last full chunk while the others
    have nothing left: on 178 articles and 2 workers, a few seconds of one idle core. Each
    chunk here takes at most a share ``1 / (2 * workers)`` of what is left (two chunks per
    worker are in flight), so the last chunks hold one article or a few. One process codes
    chunks of ``size`` to the end: nobody waits for it. Chunks change nothing in a record:
    the spaCy pass gives the same parse in a batch of 1 or of 16.

    Notes:
        Guided self-scheduling: C. D. Polychronopoulos and D. J. Kuck, "Guided
        self-scheduling: a practical scheduling scheme for parallel supercomputers", IEEE
        Transactions on Computers C-36(12), 1987, which hands each idle processor 1/P of
        the work left.
    """
    if workers <= 1:
        return size
    return max(1, min(size, -(-left // (2 * workers))))


def _store(
    chunk: _Chunk,
    pending: Pending,
    store: Store,
    summary: IngestSummary,
    progress: Progress,
    report: Callable[[Rejected], None] | None,
) -> None:
    """Waits for a chunk's records and stores them with their marks in one transaction."""
    coded = iter(pending.result())
    batch: list[BatchItem] = []
    for item_mark, item in chunk.items:
        result = next(coded) if isinstance(item, RawArticle) else item
        # A T009 (a bug met while coding) is not marked done: a fixed version codes it.
        if isinstance(result, Rejected) and result.code == CodingFailed.code:
            item_mark = None
        batch.append((item_mark, result))
    outcomes = store.ingest_batch(batch)
    for (_, result), outcome in zip(batch, outcomes, strict=True):
        if isinstance(result, Rejected):
            summary.rejected[result.code] += 1
            if report is not None:
                report(result)
        else:
            summary.outcomes[outcome] += 1
    progress.advance(len(batch), coded=len(chunk.raws))


class _Done:
    """A result that is already there (a chunk of reading rejections only)."""

    def __init__(self, result: list[ArticleRecord | Rejected]) -> None:
        self._result = result

    def result(self) -> list[ArticleRecord | Rejected]:
        return self._result


# ---------------------------------------------------------------- marks


def mark(raw: RawArticle, fingerprint: str) -> InputMark:
    """Marks a raw input: its origin, and the sha256 of its content with the coder's.

    Args:
        raw: the input as read.
        fingerprint: ``coder_fingerprint`` of the run's options.

    Returns:
        The mark the store keeps once the input is stored.
    """
    canonical = json.dumps(raw.as_dict(), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{fingerprint}\n{canonical}".encode("utf-8", "surrogatepass"))
    return InputMark(origin=raw.origin, digest=digest.hexdigest())


def progress_for(paths: Iterable[str], enabled: bool) -> Progress:
    """A progress reporter for ``paths``, with their total when it is cheap to count
    (counted when the batch begins, once its workers are starting)."""
    paths = list(paths)
    return Progress(
        enabled=enabled, count=functools.partial(count_inputs, paths) if enabled else None
    )


# ---------------------------------------------------------------- choosing one

#: The forms ``--dask`` takes, for messages.
DASK_FORMS = ("local:N (a local cluster of N processes)", "tcp://HOST:PORT", "tls://HOST:PORT")
DASK_MISSING = (
    '--dask needs the "dask" extra, which is not installed. Install it with: '
    'pip install "thucydides[dask]"  (or: pip install "dask==2026.8.0" "distributed==2026.8.0")'
)


def open_coder(options: Options, workers: int = 1, dask: str | None = None) -> Coder:
    """Starts the coder a run asks for.

    Args:
        options: the run's options.
        workers: processes coding at once; 1 codes in this process.
        dask: ``local:N`` or a scheduler address; None for no Dask.

    Returns:
        A started coder; close it when done.

    Raises:
        ConfigError: a bad ``workers`` or ``dask`` value, or Dask is not installed.
        WorkerError: the Dask scheduler cannot be reached.
    """
    if workers < 1:
        raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
    if dask is None:
        return InProcessCoder(options) if workers == 1 else ProcessPoolCoder(options, workers)
    local, address = parse_dask(dask)
    try:
        from .cluster import DaskCoder
    except ImportError as exc:
        raise ConfigError(DASK_MISSING) from exc
    return DaskCoder(options, workers=local, address=address)


def parse_dask(value: str) -> tuple[int, str | None]:
    """Reads a ``--dask`` value: (local workers, None) or (0, scheduler address).

    Raises:
        ConfigError: the value is none of ``DASK_FORMS``.
    """
    name, _, count = value.partition(":")
    if name == "local":
        if not count:
            return os.cpu_count() or 1, None
        if count.isdigit() and int(count) > 0:
            return int(count), None
    elif name in ("tcp", "tls") and count.startswith("//") and len(count) > 2:
        return 0, value
    raise ConfigError(f'--dask "{value}" is not understood. Valid forms: {", ".join(DASK_FORMS)}.')
