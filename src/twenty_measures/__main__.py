"""Command line: `python -m twenty_measures check [DATA_DIR]` validates the data, one line per error.

Run by `make site` before MkDocs, so a mistake stops the build before anything
is written, with one message and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from twenty_measures.errors import DataError
from twenty_measures.site import load_editions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m twenty_measures")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate data/measures.yaml and the override table")
    check.add_argument("data_dir", nargs="?", default="data", type=Path)
    args = parser.parse_args(argv)
    try:
        editions = load_editions(args.data_dir, Path.cwd())
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    measures = next(iter(editions.values())).notice.measures
    print(f"{args.data_dir / 'measures.yaml'}: ok, {len(measures)} measures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
