"""`python -m notice_site`: the command line (cli.py)."""

from notice_site.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
