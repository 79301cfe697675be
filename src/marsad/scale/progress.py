"""The progress bar and final summary every long run shows (on stderr)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from marsad.records import IngestFailure


def bar(label: str, console: Console) -> Progress:
    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn("reports"),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True)


@dataclass
class Summary:
    title: str
    started: float = field(default_factory=time.perf_counter)
    counts: Counter = field(default_factory=Counter)
    failures: list[IngestFailure] = field(default_factory=list)
    rows: dict[str, str] = field(default_factory=dict)  # extra lines: stories, workers ...

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def show(self, console: Console) -> None:
        seconds = self.elapsed()
        table = Table(title=self.title, show_header=False)
        for key, value in self.counts.items():
            table.add_row(key, str(value))
        table.add_row("failed", str(len(self.failures)))
        for key, value in self.rows.items():
            table.add_row(key, value)
        analyzed = self.counts.get("analyzed", 0)
        table.add_row("time", f"{seconds:.1f} s" + (f" ({analyzed / seconds:.0f} reports/s analyzed)" if seconds and analyzed else ""))
        console.print(table)
        reasons = Counter(f.reason.split(":")[0] for f in self.failures)
        for reason, n in reasons.most_common():
            console.print(f"[red]failed[/red] {n} × {reason}")
        for f in self.failures:
            console.print(f"marsad: skipped {f.source}: {f.reason}", markup=False, highlight=False)
