"""Swap a freshly built site folder in place of the published one, as nearly atomically as a
file system allows, and put the previous one back if a swap was ever cut short."""

from __future__ import annotations

import shutil
from pathlib import Path


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def _trash(target: Path) -> Path:
    return target.with_name(f".{target.name}-trash")


def recover(target: Path) -> bool:
    """After a build killed between the two renames of `publish`, or among the renames of
    `publish_in_place`: bring the old site back (what it had moved out and nothing took
    the place of)."""
    trash = _trash(target)
    if trash.is_dir():
        for entry in sorted(trash.iterdir()):
            if not (target / entry.name).exists():
                entry.rename(target / entry.name)
        shutil.rmtree(trash)
    old = _old(target)
    if not target.exists() and old.is_dir():
        old.rename(target)
        return True
    if old.exists():
        shutil.rmtree(old)
    return False


def publish(new: Path, target: Path) -> None:
    """Make `new` the published `target`: two renames, microseconds apart, then clean up."""
    recover(target)
    old = _old(target)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def publish_in_place(new: Path, target: Path, keep: set[str]) -> None:
    """Make `new` part of the published `target`, a library most of whose notices did not
    change: `target`'s entries named in `keep` (its unchanged notices' folders) stay where
    they are; every other entry is replaced by `new`'s, or removed where `new` has none.
    Renames only, one per entry of the site's top folder: a library of a thousand notices
    is not copied or deleted to publish one changed notice. A build killed among the
    renames is undone by `recover` at the next."""
    recover(target)
    trash = _trash(target)
    trash.mkdir()
    for entry in sorted(target.iterdir()):
        if entry.name not in keep:
            entry.rename(trash / entry.name)
    for entry in sorted(new.iterdir()):
        entry.rename(target / entry.name)
    new.rmdir()
    shutil.rmtree(trash)
