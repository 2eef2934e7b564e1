"""A progress line for long batches: count, rate, and an ETA when the total is known.

On a terminal the line is redrawn in place a few times a second; written to a file or a
pipe (a cron log, CI) it becomes one plain line every ``interval`` seconds, so logs stay
readable. Only articles actually coded count toward the rate: inputs skipped because an
earlier run stored them move the count, not the speed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

#: Seconds between two lines when the output is not a terminal.
LOG_INTERVAL = 10.0
#: Seconds between two redraws on a terminal.
TTY_INTERVAL = 0.2
_BAR_WIDTH = 24


class Progress:
    """Reports how far a batch has got, on ``stream`` (stderr by default).

    Args:
        total: how many inputs the batch holds, when that is cheap to know; None shows the
            count and rate only.
        stream: where to write; None for ``sys.stderr``.
        enabled: False writes nothing (``--quiet``).
        clock: the time source, for tests.
        count: counts the inputs (or returns None) when the batch begins, if ``total`` is
            None: a batch starts its worker processes first, and they load their models
            while this process counts.
    """

    def __init__(
        self,
        total: int | None = None,
        stream: TextIO | None = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        count: Callable[[], int | None] | None = None,
    ) -> None:
        self.total = total
        self._count = count
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.clock = clock
        self.done = 0
        self.coded = 0
        self.started = clock()
        self._tty = enabled and self.stream.isatty()
        self._last = self.started
        self._shown = False

    def begin(self) -> None:
        """Starts the clock now: workers have started and the first input is about to go."""
        if self.total is None and self._count is not None:
            self.total = self._count()
        self.started = self._last = self.clock()

    def advance(self, inputs: int, coded: int = 0) -> None:
        """Counts ``inputs`` more inputs done, ``coded`` of them coded now (not skipped)."""
        self.done += inputs
        self.coded += coded
        now = self.clock()
        if self.enabled and now - self._last >= (TTY_INTERVAL if self._tty else LOG_INTERVAL):
            self._last = now
            self._write(self.line(now))

    def note(self, text: str) -> None:
        """Writes one line of its own (a rejection), keeping the progress line below it."""
        if self._tty:
            self.stream.write("\r\x1b[K" + text + "\n")
            if self._shown:
                self.stream.write(self.line())
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Draws the final state and ends the line."""
        if self.enabled and (self._shown or self._tty):
            self._write(self.line(self.clock()))
            if self._tty:
                self.stream.write("\n")
                self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """Describes the progress: ``120/500 articles (24%) 3.1 articles/s ETA 2:03``."""
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.coded / elapsed
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = round(share * _BAR_WIDTH)
            bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
            head = f"[{bar}] {self.done:,}/{self.total:,} inputs ({share:.0%})"
        else:
            head = f"{self.done:,} inputs"
        text = f"{head}  {rate:.1f} articles/s  {_clock(elapsed)} elapsed"
        left = (self.total or 0) - self.done
        if self.total and left > 0 and rate > 0:
            text += f"  ETA {_clock(left / rate)}"
        return text

    def _write(self, text: str) -> None:
        self._shown = True
        if self._tty:
            self.stream.write("\r\x1b[K" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    """Formats a duration as M:SS or H:MM:SS."""
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
