"""A library's notices built by a few long-lived processes, one per core, each building one
notice after another with MkDocs inside it (hooks/_builder.py).

Started once for a library's build, they pay Python's start, the imports and the compiling
of the templates once each, not once per notice and script; each takes the next job as
it finishes one, so a large notice keeps one core busy while the other builds the small
ones. A job is a notice (its own settings: its folder, address, neighbourhood) and what
to make of it: `site` (its pages and search indexes) or `downloads` (its PDFs, its
offline copy and zip); the answer says how long it took and, for downloads, how many PDFs
were rendered.

This module does not import MkDocs: the processes do.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue
from typing import Any

from notice_site.settings import Settings


class BuildFailed(Exception):
    """A job failed; the message names the notice and says why."""


@dataclass(frozen=True)
class Job:
    kind: str  # "site" or "downloads"
    settings: Settings  # the notice's own
    target: Path  # its folder in the library being built
    pdf_cache: Path | None = None
    # processes rendering its PDFs: more than one where fewer notices than cores are built
    pdf_workers: int = 1

    def line(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "settings": self.settings.to_json(),
                "target": str(self.target),
                "pdf_cache": str(self.pdf_cache) if self.pdf_cache else None,
                "pdf_workers": self.pdf_workers,
            },
            ensure_ascii=False,
        )


class Builders:
    """`count` builder processes for the project of `settings` (a context manager: they
    stop when it closes); more where grow() asks."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.processes: list[subprocess.Popen[str]] = []
        self.grow(count)

    def grow(self, count: int) -> None:
        """At least `count` processes (each started pays Python's start and the imports
        once, before its first job: started early, beside other work)."""
        while len(self.processes) < count:
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, str(self.settings.root / "hooks" / "_builder.py")],
                    cwd=self.settings.root,
                    env=self.settings.environment(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                )
            )

    def __enter__(self) -> Builders:
        return self

    def release(self) -> None:
        """No more jobs: each process ends (its exit, beside the build's remaining work)."""
        for process in self.processes:
            if process.stdin is not None and not process.stdin.closed:
                process.stdin.close()

    def __exit__(self, failed: object, *_: object) -> None:
        self.release()
        for process in self.processes:
            if failed is not None:  # the build stopped: no waiting for a start to end
                process.kill()
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def run(self, jobs: list[Job]) -> list[dict[str, Any]]:
        """Do `jobs`, each process taking the next as it finishes one; their answers in
        the jobs' order. The first failure stops the rest and raises BuildFailed."""
        todo: Queue[int] = Queue()
        for index in range(len(jobs)):
            todo.put(index)
        answers: list[dict[str, Any] | None] = [None] * len(jobs)
        failures: list[str] = []

        def serve(process: subprocess.Popen[str]) -> None:
            assert process.stdin is not None and process.stdout is not None  # noqa: S101
            while not failures:
                try:
                    index = todo.get_nowait()
                except Empty:
                    return
                process.stdin.write(jobs[index].line() + "\n")
                process.stdin.flush()
                reply = process.stdout.readline()
                if not reply:
                    failures.append(f"{jobs[index].target.name}: the builder process stopped")
                    return
                answer = json.loads(reply)
                if not answer["ok"]:
                    failures.append(answer["error"])
                    return
                answers[index] = answer

        threads = [threading.Thread(target=serve, args=(p,)) for p in self.processes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise BuildFailed(failures[0])
        return [a for a in answers if a is not None]
