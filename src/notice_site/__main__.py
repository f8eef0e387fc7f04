"""`python -m notice_site`: the command line (cli.py)."""

from notice_site.bulk import left_to_exit
from notice_site.cli import main

if __name__ == "__main__":
    code = main()
    left_to_exit()
    raise SystemExit(code)
