# The few commands a person types. Each sets up what it needs on a fresh
# Debian machine (run as root): a virtual environment from requirements.lock
# (hashes required) and the Debian packages in system-packages.txt.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SITE_DIR ?= site
# What to publish: the site file (site.yaml: the site's name, owner and the notices it
# holds; make site SITE=<file> for another), or one notice folder alone, with
# measures.yaml and source/ (make site DATA=notices/next). Passed on, where given, as
# NOTICE_SITE and NOTICE_DATA (names no other program reads) to the commands below and
# MkDocs' hooks, which read them once (src/notice_site/settings.py).
# Given on make's command line, or else exported in the shell; where SITE or DATA is on the
# command line the shell's SITE, DATA and DRAFT are not read (names this common may be
# another program's: an exported DATA must not turn `make site SITE=library.yaml` into a
# build of one notice).
ifneq ($(filter command line,$(origin SITE) $(origin DATA)),)
GIVEN := command line
else
GIVEN := command line environment
endif
ifneq ($(filter $(GIVEN),$(origin SITE)),)
export NOTICE_SITE := $(SITE)
endif
ifneq ($(filter $(GIVEN),$(origin DATA)),)
export NOTICE_DATA := $(DATA)
endif
# DRAFT=1: build the notice as a draft, before its themes and short title are written
# (every page and PDF page says 草稿; pages are not indexed). make check ignores it.
ifneq ($(filter $(GIVEN),$(origin DRAFT)),)
export NOTICE_DRAFT := $(DRAFT)
endif
# SHARD=k/n: of a library, build only the k-th of n shares of its notices into
# .cache/library/ (one CI runner each); `make site` without it joins them and publishes.
ifneq ($(filter $(GIVEN),$(origin SHARD)),)
export NOTICE_SHARD := $(SHARD)
endif
export NO_MKDOCS_2_WARNING := 1
# Dates inside the offline zip: the last commit's, so two builds of one commit
# give the same bytes (unset outside git: a fixed date, see src/notice_site/building/offline.py).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
export PYTHONDONTWRITEBYTECODE := 1
# This checkout's package, even when the virtual environment is shared with
# another checkout (whose src/ the .pth file below may name).
export PYTHONPATH := $(CURDIR)/src

.PHONY: site test test-fast serve check import interpretation table bench lint format lock deps system-site system-test clean

## site: check the notices of $(SITE) (or the one in $(DATA)), then build both scripts, the PDFs and the offline zip into site/
# The steps are written once, in src/notice_site/building/pipeline.py: everything is built
# into .site-new/, and site/ is replaced only when all of it succeeded, so a build
# that fails or is killed leaves the previous site/ as it was. .cache/pdf/ keeps
# the last build's PDFs: only those whose input changed are rendered again.
site: deps system-site
	$(PY) -m notice_site site --site-dir "$(SITE_DIR)" --pdf-cache .cache/pdf

## test: lint, then every test (real builds, real browser, the PDFs read back), in two processes
test: deps system-site system-test node_modules/.installed lint
	$(PY) -m pytest -n 2 --dist loadfile --durations=15

## test-fast: lint, then the tests that run in process (no full build, no browser, no
## command started; under 2 minutes, writes no site/): run it before each commit
test-fast: deps system-site lint
	$(PY) -m pytest -m "not slow"

## serve: preview at http://127.0.0.1:8000/, rebuilding when the notice, src/ or overrides/ change
serve: deps system-site
	@$(PY) -m notice_site is-library; found=$$?; \
	if [ $$found -eq 0 ]; then $(PY) -m notice_site preview; \
	elif [ $$found -eq 1 ]; then $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000; \
	else exit $$found; fi

## check: validate the notices of $(SITE) (or $(DATA)/measures.yaml) and their override tables, one message per problem
check: deps
	@$(PY) -m notice_site check

## import: a new notice folder from its official text: make import SOURCE=text.txt DATA=notices/next SLUG=next-measures [SITE=library.yaml: the notices its amendments act on]
import: deps
	@test -n "$(SOURCE)" -a -n "$(SLUG)" -a -n "$(DATA)" -a "$(DATA)" != data || \
	  { echo "usage: make import SOURCE=<official text: .txt, .html or .docx> DATA=<new folder> SLUG=<slug> [SITE=<site file>]" >&2; exit 2; }
	@$(PY) -m notice_site import "$(SOURCE)" --data "$(DATA)" --slug "$(SLUG)"

## interpretation: add a notice's official interpretation (政策解读): make interpretation SOURCE=jiedu.txt DATA=notices/next
interpretation: deps
	@test -n "$(SOURCE)" -a -n "$(DATA)" || \
	  { echo "usage: make interpretation SOURCE=<the interpretation: .txt, .html or .docx> DATA=<the notice's folder>" >&2; exit 2; }
	@$(PY) -m notice_site interpret "$(SOURCE)" --data "$(DATA)"

## table: add the tables of a workbook (.xlsx) or page, Word file, text to a notice, as an attached document or in a provision: make table SOURCE=attachment2.xlsx DATA=notices/next [ATTACHMENT=2 | PROVISION=3 [AFTER=1]]
table: deps
	@test -n "$(SOURCE)" -a -n "$(DATA)" || \
	  { echo "usage: make table SOURCE=<.xlsx, .html, .docx or .txt> DATA=<the notice's folder> [ATTACHMENT=<its number> | PROVISION=<its number> [AFTER=<paragraph number>]]" >&2; exit 2; }
	@$(PY) -m notice_site table "$(SOURCE)" --data "$(DATA)" $(if $(ATTACHMENT),--attachment "$(ATTACHMENT)") $(if $(PROVISION),--provision "$(PROVISION)") $(if $(AFTER),--after "$(AFTER)")

## bench: print how the build grows with the number of measures (N = 20, 200, 2,000; side by side,
## one process and plain MkDocs; where the time goes; mkdocs serve rebuild) and how long the PDFs
## take (never fails on time; ~15 min)
bench: deps system-site
	$(PY) bench/build.py $(BENCH_ARGS)
	$(PY) bench/pdf.py $(PDF_BENCH_ARGS)

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
