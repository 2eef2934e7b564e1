"""Where articles are coded: in this process, or in a pool of worker processes.

A *coder* takes chunks of ``RawArticle`` records and hands back, for each chunk, its
``ArticleRecord`` or ``Rejected`` records in the same order. Only these plain, frozen
records cross a process boundary (pickled); a spaCy ``Doc`` never does. Every worker loads
the spaCy model and the knowledge files once, when it starts, and keeps them for every
chunk it codes. ``batch/cluster.py`` adds a coder that runs on a Dask cluster.

The batch driver (``batch/ingest.py``) picks the coder (``open_coder``), keeps at most
``slots`` chunks in flight and takes their results back in submission order, so what is
stored does not depend on which worker finishes first.

The coding stages (``pipeline.py``, and through it spaCy) are imported where a chunk is
coded, not with this module: the parent of a pool or a Dask run only hands out chunks, and
without them it is up and starting its workers about a second sooner.
"""

from __future__ import annotations

import atexit
import functools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..config import Options
from ..errors import WorkerError
from ..records import ArticleRecord, RawArticle, Rejected

if TYPE_CHECKING:
    from ..knowledge import Knowledge
    from ..parse.nlp import Parser

Coded = list[ArticleRecord | Rejected]


class Pending(Protocol):
    """A chunk being coded: ``concurrent.futures.Future`` and ``distributed.Future`` both fit."""

    def result(self) -> Coded: ...


class Coder(Protocol):
    """Codes chunks of raw articles somewhere."""

    #: How many chunks may be in flight at once: enough to keep every worker busy.
    slots: int
    #: How many processes code (for the summary line).
    workers: int

    def submit(self, chunk: Sequence[RawArticle]) -> Pending:
        """Starts coding one chunk; the result keeps the chunk's order."""
        ...

    def close(self) -> None:
        """Stops the workers; closing twice is harmless."""
        ...


# ---------------------------------------------------------------- the work itself


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What one process needs to code: the parser and the knowledge, loaded once."""

    parser: Parser
    knowledge: Knowledge


@functools.lru_cache(maxsize=2)
def _loaded(options: Options) -> _Loaded:
    """Loads the model and the knowledge once per process (and per set of options)."""
    from ..knowledge import Knowledge
    from ..parse.nlp import Parser

    return _Loaded(Parser(options.model, options.batch_size), Knowledge.load(options))


def warm_up(options: Options) -> None:
    """Loads the model, the knowledge and the gazetteer into this process now, not with
    the first chunk."""
    from ..knowledge.gazetteer import default_gazetteer

    _loaded(options)
    default_gazetteer()


def code_chunk(chunk: Sequence[RawArticle], options: Options) -> Coded:
    """Codes one chunk of raw articles in this process.

    A coding stage that raises on one article (a bug, not bad input) costs that article:
    ``pipeline.code_articles`` makes it a T009 rejection and codes the rest of the chunk.

    Args:
        chunk: the raw articles.
        options: the run's options; the model and knowledge they name are loaded once per
            process and reused.

    Returns:
        One ``ArticleRecord`` or ``Rejected`` per article, in order.
    """
    from ..pipeline import code_articles

    loaded = _loaded(options)
    return list(code_articles(chunk, options, loaded.parser, loaded.knowledge))


# ---------------------------------------------------------------- coders


class InProcessCoder:
    """Codes each chunk at once in this process: one worker, no pickling."""

    slots = 1
    workers = 1

    def __init__(self, options: Options) -> None:
        self.options = options
        warm_up(options)

    def submit(self, chunk: Sequence[RawArticle]) -> Pending:
        """Codes the chunk now; returns its result as a finished future."""
        done: Future[Coded] = Future()
        done.set_result(code_chunk(chunk, self.options))
        return done

    def close(self) -> None:
        """Nothing to stop."""


class ProcessPoolCoder:
    """Codes chunks in ``workers`` processes, each with its own copy of the model.

    Args:
        options: the run's options, sent once to every worker.
        workers: how many processes; each takes about as much memory as a one-process run.

    Notes:
        Workers are started with "spawn", not "fork": a forked child would share the
        parent's threads and locks (SQLite's, the logging module's) in whatever state they
        were. Each worker watches its parent and exits when it is gone, so a killed run
        leaves no orphans holding hundreds of MB each.
    """

    def __init__(self, options: Options, workers: int) -> None:
        self.options = options
        self.workers = workers
        # Two chunks per worker: one being coded, one queued behind it, so no worker waits
        # while the parent stores a result.
        self.slots = 2 * workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(options, os.getpid()),
        )
        # The pool starts a process per task submitted: start them all now, so that they
        # load the model while this process reads the first inputs.
        for _ in range(workers):
            self._pool.submit(_started)

    def submit(self, chunk: Sequence[RawArticle]) -> Pending:
        """Queues the chunk for the next free worker."""
        try:
            return _Guarded(self._pool.submit(code_chunk, list(chunk), self.options))
        except BrokenProcessPool as exc:
            raise _worker_died(exc) from exc

    def close(self) -> None:
        """Stops the workers, dropping chunks not yet started."""
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Guarded:
    """A pool future whose failure says which error a user can act on."""

    def __init__(self, future: Future[Coded]) -> None:
        self._future = future

    def result(self) -> Coded:
        try:
            return self._future.result()
        except BrokenProcessPool as exc:
            raise _worker_died(exc) from exc


def _worker_died(exc: BaseException) -> WorkerError:
    return WorkerError(
        f"a worker process died while coding ({exc}); most often the machine ran out of "
        "memory: use fewer --workers. Run the same command again to resume where it stopped."
    )


def _started() -> None:
    """A task that does nothing: submitting it starts a worker process."""


def _start_worker(options: Options, parent: int) -> None:
    """Initialises one pool worker: loads the model, then watches the parent."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    atexit.register(_exit_at_once)
    try:
        warm_up(options)
    except Exception:
        # A failing initializer breaks the whole pool with a bare "process terminated";
        # left to the first chunk, the same error (a missing model...) reaches the user.
        pass


def _exit_at_once() -> None:
    """Ends a pool worker, once the pool has stopped it, without tearing down its
    interpreter.

    Notes:
        Freeing the model, the knowledge and the gazetteer object by object takes about
        half a second, and the parent waits for it when it shuts the pool down, after the
        last chunk. A worker has nothing to finalise: it writes no file, and its last
        result went to the parent before it began to exit (the pool's result queue writes
        synchronously). Workers the "fork" start method makes end the same way.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """Ends this worker once ``parent`` is gone (it was killed, or ended without us)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)
