"""Swap a freshly built site folder in place of the published one, as nearly atomically as a
file system allows, and put the previous one back if a swap was ever cut short."""

from __future__ import annotations

import shutil
from pathlib import Path


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def recover(target: Path) -> bool:
    """After a build killed between the two renames of `publish`: bring the old site back."""
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
