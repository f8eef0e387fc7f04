"""The one error a reader of the build output ever needs to see for bad data."""

from __future__ import annotations


class DataError(Exception):
    """A mistake in a data file: which file, where in it, and what is wrong."""

    def __init__(self, path: str, place: str, problem: str, line: int | None = None) -> None:
        super().__init__(path, place, problem, line)
        self.path = path
        self.place = place
        self.problem = problem
        self.line = line

    def __str__(self) -> str:
        # file:line: first, as compilers do, so editors and terminals can jump to it
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.place:
            where = f"{where}: {self.place}"
        return f"{where}: {self.problem}"
