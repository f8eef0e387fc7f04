# The few commands a person types. Each sets up what it needs on a fresh
# Debian machine (run as root): a virtual environment from requirements.lock
# (hashes required) and the Debian packages in system-packages.txt.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1
# Dates inside the offline zip: the last commit's, so two builds of one commit
# give the same bytes (unset outside git: a fixed date, see archive.py).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
export PYTHONDONTWRITEBYTECODE := 1
# This checkout's package, even when the virtual environment is shared with
# another checkout (whose src/ the .pth file below may name).
export PYTHONPATH := $(CURDIR)/src

.PHONY: site test serve check bench lint format lock deps system-site system-test clean

## site: check the data, then build both scripts, the PDFs and the offline zip into site/ (swapped in only on success)
# Everything is built into .site-new/; site/ is replaced only when all of it
# succeeded, by two renames (python -m notice_site publish), so a build
# that fails or is killed leaves the previous site/ as it was.
site: deps system-site check
	rm -rf .site-new .site-offline .site-part-*
	@# Both scripts at once, one MkDocs process each (MkDocs renders on one core), merged
	@# into one folder, then the search indexes and the link check: the same output as
	@# `mkdocs build --strict` (which `make serve` uses), a third faster for a large notice.
	$(PY) -m notice_site build --site-dir .site-new
	@# PDF links start with $$SITE_URL (else mkdocs.yml's default), as the pages' canonical links do.
	@# .cache/pdf/ keeps the last build's PDFs: only those whose input changed are rendered again.
	@# The offline copy: the site again, for file:// (Material's offline plugin: links to
	@# files, search from a script), with the two booklets, zipped into the new site's downloads/.
	@# The PDFs and the offline build need nothing from each other: they run side by side
	@# (MkDocs uses one core); either failing fails the build.
	$(PY) -m notice_site pdf --cache .cache/pdf --out .site-new/downloads data & pdfs=$$!; \
	$(PY) -m notice_site build --offline --site-dir .site-offline; offline=$$?; \
	wait $$pdfs && test $$offline -eq 0
	$(PY) -m notice_site offline-zip .site-offline --booklets .site-new/downloads \
	  --out .site-new/downloads/twenty-measures-offline.zip
	rm -rf .site-offline
	$(PY) -m notice_site check-links .site-new
	$(PY) -m notice_site publish .site-new "$(SITE_DIR)"

## test: lint, then every test (real builds, real browser)
test: deps system-site system-test node_modules/.installed lint
	$(PY) -m pytest

## serve: preview at http://127.0.0.1:8000/, rebuilding when data/, src/ or overrides/ change
serve: deps system-site
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## check: validate data/measures.yaml and the override table, one message per problem
check: deps
	@$(PY) -m notice_site check data

## bench: print how the build grows with the number of measures (N = 20, 200, 2,000; side by side,
## one process and plain MkDocs; where the time goes; mkdocs serve rebuild) and how long the 42 PDFs
## take (never fails on time; ~15 min)
bench: deps system-site
	$(PY) bench/build.py $(BENCH_ARGS)
	$(PY) bench/pdf.py

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## lock: re-pin requirements.in into requirements.lock, with hashes
lock: deps
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

deps: $(VENV)/.installed

# The package is used from src/ in place (a .pth file), so edits need no reinstall.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "notice_site.pth").write_text(str(pathlib.Path("src").resolve()) + "\n")'
	touch $@

# axe-core for the accessibility tests, pinned with its hash in package-lock.json.
# The machine's Node.js is used; without one, Debian's npm (and nodejs) is installed.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

system-site:
	@scripts/install-system-packages site

system-test:
	@scripts/install-system-packages site test

clean:
	rm -rf $(SITE_DIR) .site-* .cache node_modules
	rm -rf docs/*/index.md docs/*/about.md docs/*/measures.json docs/*/measures.csv \
	  docs/*/measures docs/*/themes
