"""Coding on a Dask cluster: a local one (``--dask local:N``) or a running one
(``--dask tcp://scheduler:8786``).

Only plain records move between processes: a chunk of ``RawArticle`` goes to a worker,
its ``ArticleRecord``/``Rejected`` records come back. A worker plugin loads the spaCy model
and the knowledge once in every worker, including workers that join later; tasks then find
them in the same per-process cache the process pool uses (``workers.code_chunk``).

This module needs the ``dask`` extra (``pip install "thucydides[dask]"``); nothing else
imports it unless ``--dask`` is given.

Notes:
    Run remote workers with one thread each (``dask worker tcp://... --nthreads 1``): a
    spaCy pipeline is not meant to be shared by threads, and coding holds the GIL, so more
    threads per worker only add copies of the work queue, not speed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..config import Options
from ..errors import WorkerError
from ..records import RawArticle
from .fingerprint import coder_fingerprint
from .workers import Coded, Pending, code_chunk, warm_up

#: How long to wait for a remote scheduler, and for its first worker.
CONNECT_TIMEOUT = 60


class LoadModel(WorkerPlugin):
    """Loads the model and knowledge into a Dask worker when it starts."""

    name = "thucydides-model"

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        """Runs once in every worker, before its first task."""
        warm_up(self.options)


class DaskCoder:
    """Codes chunks as Dask tasks, one chunk per task.

    Args:
        options: the run's options, sent with every task (a few hundred bytes).
        workers: start a local cluster of this many single-threaded worker processes;
            ignored when ``address`` is given.
        address: a running scheduler (``tcp://host:8786``); None starts a local cluster.

    Raises:
        WorkerError: the scheduler cannot be reached, or has no worker within a minute.
    """

    def __init__(self, options: Options, workers: int = 2, address: str | None = None) -> None:
        self.options = options
        self._cluster: LocalCluster | None = None
        try:
            if address is None:
                with dask.config.set(_local_config()):
                    self._cluster = LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        # no dashboard; the scheduler's own HTTP server (health,
                        # metrics) takes a free port, not 8787, which another cluster
                        # on this machine may hold: two clusters never clash
                        dashboard_address=":0",
                        silence_logs=logging.ERROR,
                    )
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout=CONNECT_TIMEOUT)
                self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = address or "a local cluster"
            raise WorkerError(
                f"cannot use the Dask cluster at {where}: {exc}. Start a scheduler "
                "(dask scheduler) and workers (dask worker tcp://HOST:8786 --nthreads 1), "
                "or use --dask local:N."
            ) from exc
        self._check_workers(options)
        self._client.register_plugin(LoadModel(options))
        threads = sum(w["nthreads"] for w in self._client.scheduler_info()["workers"].values())
        self.workers = max(1, threads)
        self.slots = 2 * self.workers

    def _check_workers(self, options: Options) -> None:
        """Refuses workers that would code differently from this process.

        The marks a run stores carry this process's coder fingerprint; a worker with
        another Thucydides, model or knowledge (or without the user's lexicon and actor
        files at the same paths) would store records the marks do not describe.
        """
        expected = coder_fingerprint(options)
        found = self._client.run(coder_fingerprint, options)
        odd = sorted(worker for worker, value in found.items() if value != expected)
        if odd:
            self.close()
            raise WorkerError(
                f"Dask workers {', '.join(odd)} would code differently from this machine: "
                "install the same Thucydides and model there, and put the --lexicon and "
                "--actors files at the same paths (a shared file system)."
            )

    def submit(self, chunk: Sequence[RawArticle]) -> Pending:
        """Sends the chunk to the cluster as one task."""
        return _Guarded(self._client.submit(code_chunk, list(chunk), self.options, pure=False))

    def close(self) -> None:
        """Disconnects, and stops the local cluster if this coder started one."""
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


#: glibc's largest adaptive mmap threshold (32 MiB); see ``_worker_env``.
MMAP_THRESHOLD = 32 * 2**20


#: Dask's periodic chores, slowed down or off in the workers of a local cluster. Each wakes
#: the worker's event loop thread, which then takes the GIL from the thread that codes:
#: the statistical profiler samples the task's stack every 10 ms, the event loop checks
#: itself every 20 ms, the memory monitor reads the RSS every 100 ms and the system
#: monitor every 500 ms. Measured in one worker coding the same 40 VOA articles: threads
#: other than the coding one took 6% of its CPU time with Dask's defaults, 0.5% with these.
#: The memory monitor still enforces the memory limit, within a second.
QUIET_WORKERS: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _local_config() -> dict[str, Any]:
    """The Dask settings a local cluster starts with: ``QUIET_WORKERS`` and the malloc
    setting of ``_worker_env``. Nannies hand them to the workers they spawn."""
    return {**QUIET_WORKERS, "distributed.nanny.pre-spawn-environ": _worker_env()}


def _worker_env() -> dict[str, Any]:
    """The environment Dask's nannies give new workers, with ``MALLOC_MMAP_THRESHOLD_``.

    Notes:
        Dask sets ``MALLOC_TRIM_THRESHOLD_`` (64 KiB) so that workers hand freed memory
        back to the system. Setting any malloc threshold turns off glibc's adaptive mmap
        threshold, so every array over 128 KiB is mapped and unmapped afresh: coding took
        10 to 20% more CPU (the same texts in one process, with and without it). A fixed
        mmap threshold at glibc's own adaptive maximum gives the speed back and keeps the
        trimming. Remote workers need the same (docs/scale.md).
    """
    env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    env.setdefault("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD)
    return env


class _Guarded:
    """A Dask future whose failure says what a user can do about it."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> Coded:
        from distributed.scheduler import KilledWorker

        try:
            return self._future.result()
        except KilledWorker as exc:
            raise WorkerError(
                f"Dask workers died while coding ({exc}); most often they ran out of memory. "
                "Run the same command again to resume where it stopped."
            ) from exc
