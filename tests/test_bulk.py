"""notice_site.bulk: the cycle collector paused for bulk reads, and what they read left out
of its walks only by a process that ends with its build (a long-lived one, `mkdocs serve`,
would keep every rebuild's cycles)."""

from __future__ import annotations

import gc

from notice_site.bulk import collector_paused


def test_a_bulk_read_pauses_the_collector_and_freezes_only_when_asked() -> None:
    gc.unfreeze()
    try:
        assert gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
            read = [{"n": k} for k in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() == 0
        with collector_paused(freeze=True):
            read += [{"n": k} for k in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(read)
    finally:
        gc.unfreeze()


def test_the_collector_stays_off_where_it_was() -> None:
    gc.disable()
    try:
        with collector_paused(freeze=False):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
