"""How many worker processes to start: one per core this process may use."""

from __future__ import annotations

import os


def default_workers() -> int:
    """One worker per core this process may use (its CPU affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
