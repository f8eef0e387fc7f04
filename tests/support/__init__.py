"""What the tests share, as plain modules: tests import from here, never from conftest.py
(which holds only fixtures and pytest's hooks) nor from one another.

- project: this checkout, copies of it to break, a person's shell and the README's lines,
  and the caller's environment a test must not see (forget_build_variables);
- commands: our command and MkDocs run in this process, and the real build as make runs it;
- notices: the real notice's size, the sample notice (its official text, filled in as an
  editor does), the first notice's data to break;
- shapes: official texts of every shape, written as a text, a web page or a Word file;
- pages: reading built HTML (elements, URLs, what loads from other hosts);
- serving: a folder served over HTTP, nginx, a free port, `make serve` on port 8000;
- browser: Chromium through Playwright, searching as a reader types, axe-core.

tests/ is on sys.path as pytest puts it there (rootdir conftest, import mode prepend), in
the main process and in every pytest-xdist worker: `import support` needs nothing more.
"""
