"""Reading many objects at once (a library's thousand notices, their parts, their shares of
the search index) with Python's cycle collector paused: it runs every few hundred new
objects and walks all of them, so unpickling a thousand notices' trees spent more than half
its time collecting nothing (check_library at 1,000 notices: 0.61 s, 0.28 s paused). What
such a read makes stays; garbage it leaves is collected when the collector runs again.

At a process's end the collector runs once more, over every object still alive: at 1,000
notices the library's build spent 0.5 s there, collecting nothing it had to. A process that
has done its work leaves them to the system (left_to_exit)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector paused for the block (as it was after)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def left_to_exit() -> None:
    """What is alive now is left to the system when the process ends: Python's last
    collection walks none of it (call once the process's work is done)."""
    gc.freeze()
