"""The progress of a bulk run on stderr: documents done, documents per second, errors, time left.
A live bar on a terminal; on a log file or pipe, one line every LOG_EVERY seconds."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

LOG_EVERY = 10.0


class IngestProgress:
    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.console = console
        self.enabled = enabled
        self.live = enabled and console.is_terminal
        self.total = 0
        self.started = time.monotonic()
        self.logged = self.started
        self._bar = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[errors]} errors"),
            TimeRemainingColumn(),
            console=console,
            disable=not self.live,
        )
        self._task = self._bar.add_task("ingest", total=None, rate=0.0, errors=0)

    def __enter__(self) -> IngestProgress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.__exit__(*exc)

    def expect(self, items: int) -> None:
        """More input items are known (the total grows as partitions are planned)."""
        self.total += items
        self._bar.update(self._task, total=self.total)

    def show(self, report) -> None:
        if not self.enabled:
            return
        done = report.stored + report.already_stored + report.near_duplicates + report.failed
        if done > self.total:  # a feed or an archive held more documents than the inputs counted
            self.total = done
        now = time.monotonic()
        rate = done / max(now - self.started, 1e-9)
        self._bar.update(self._task, completed=done, total=self.total, rate=rate, errors=report.failed)
        if not self.live and now - self.logged >= LOG_EVERY:
            self.logged = now
            left = (self.total - done) / rate if rate > 0 else float("inf")
            self.console.print(
                f"ingest: {done}/{self.total} documents, {rate:.1f} docs/s, {report.failed} errors, "
                f"about {left:.0f} s left",
                markup=False,
            )
