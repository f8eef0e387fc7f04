"""The one error a reader of the build output ever needs to see for bad data."""

from __future__ import annotations

from pathlib import Path


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


class DataErrors(DataError):
    """Several things an editor has still to do in one file (a notice just imported has many).

    Raised only for problems that leave the rest of the file readable (an empty
    short title, a measure without a theme); a mistake in the structure is
    raised alone, as a DataError, where it is found.
    """

    def __init__(self, problems: list[DataError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.place, first.problem, first.line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def messages(error: DataError) -> list[str]:
    """One line per problem, as the command line prints them."""
    return [str(p) for p in getattr(error, "problems", [error])]


def shown(path: Path) -> str:
    """A path as a message names it: relative to the working folder where it is inside it
    (as the person typed it), else whole."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
