# The two commands a newcomer needs: `make serve` and `make test`.
# Both set up what they need: a Python venv from requirements.lock and the
# pinned npm packages from package-lock.json.

PYTHON ?= python3
# The oldest Python the pins of requirements.lock install on (pymdown-extensions
# 13 needs 3.11.5; Debian 12's python3 is 3.11.2). tests/cpython/test_min_python.py
# keeps this in step with the pinned packages' Requires-Python.
MIN_PYTHON := 3.11.5
VENV := .venv
PY := $(VENV)/bin/python
# Every language that has a catalog; `pybabel init` adds one (TRANSLATING.md).
LANGUAGES := $(patsubst locales/%/LC_MESSAGES/messages.po,%,$(wildcard locales/*/LC_MESSAGES/messages.po))
POT := locales/messages.pot
PYBABEL_EXTRACT := $(VENV)/bin/pybabel extract -F babel.cfg -c Translators: --sort-by-file \
	--project="CLV Glossary" --copyright-holder="CLV Glossary contributors" \
	--msgid-bugs-address="https://github.com/clv-glossary/clv-glossary/issues" .
# Keep the venv tool's own noise out of builds.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup installed system-tools serve site test lint extract update compile i18n-check i18n-status i18n-fresh bench clean

# The venv and the npm packages install side by side (-j2): each waits on
# its own downloads and unpacking.
# (The goal the reader typed, for the Python-version message below: inside
# the sub-make MAKECMDGOALS names the venv file.)
export SETUP_FOR ?= $(MAKECMDGOALS)
setup:
	@$(MAKE) --no-print-directory -j2 installed
installed: $(VENV)/.installed node_modules/.installed
	@:

# Browser tests drive Debian's Chromium (Playwright cannot download its own
# browser here); gettext's msgfmt checks catalogs the way Poedit/Weblate do.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_TOOLS := /usr/bin/chromium /usr/bin/msgfmt
system-tools: $(SYSTEM_TOOLS)
$(SYSTEM_TOOLS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium gettext fonts-noto-core

# The venv's own pip (ensurepip's) installs the pins of requirements.lock; no
# `--upgrade pip`, which would fetch whatever pip is newest. --no-compile:
# byte-compiling every module of every package was half the install (about
# 21 s of 40); Python compiles what is imported, once, on first use.
$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; need = tuple(map(int, "$(MIN_PYTHON)".split("."))); sys.exit(sys.version_info[:3] < need)' || { \
	  echo "make: Python $(MIN_PYTHON) or newer is needed for the pinned packages (requirements.lock);" \
	       "$(PYTHON) is $$($(PYTHON) -c 'import platform; print(platform.python_version())' 2>/dev/null || echo missing)." \
	       "Run with a newer one, e.g. make PYTHON=python3.12 $(SETUP_FOR)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-compile -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: setup ## build and serve the six-language site on http://127.0.0.1:8000
	CLV_SITE_URL=http://127.0.0.1:8000/ $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

site: setup ## build the site into site/, failing on any catalog or page problem
	$(VENV)/bin/mkdocs build --strict

# Two pytest-xdist workers share the one site build (tests/conftest.py). With
# --dist loadfile, tests/scheduling.py keeps a language's tests of a shared
# page (which starts Pyodide) on one worker and the tests of any other file
# together, so a module's fixtures (a build, a fit) are made once.
# `pytest FILE` runs in one process.
PYTEST_WORKERS ?= 2
# Python's byte-code cache is on for the run even where the environment turns
# it off (PYTHONDONTWRITEBYTECODE=1): its ~90 Python processes (the workers, two
# site builds, some 40 CLI runs, the other CPythons' suites) then compile each
# module once instead of each time: 110 -> 95 CPU-seconds for the tests outside
# tests/browser, measured from a fresh byte-code cache.
test: export PYTHONDONTWRITEBYTECODE :=
test: setup system-tools ## every test: lint, catalogs, formulas (CPython and Pyodide), CLI, the built site in Chromium
	$(VENV)/bin/ruff check .
	$(MAKE) --no-print-directory i18n-fresh
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

lint: setup ## ruff (pinned in requirements.lock), the rules in pyproject.toml
	$(VENV)/bin/ruff check .

extract: setup system-tools ## English sources -> locales/messages.pot
	$(PYBABEL_EXTRACT) -o $(POT)
	$(PY) -m clvsite normalize $(POT)

update: extract ## merge messages.pot into every locales/<lang>/LC_MESSAGES/messages.po; number symbols per language
	for lang in $(LANGUAGES); do \
	  if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(VENV)/bin/pybabel update --no-fuzzy-matching -i $(POT) -d locales -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel init -i $(POT) -d locales -l $$lang; \
	  fi; \
	done
	$(PY) -m clvsite normalize locales/*/LC_MESSAGES/messages.po
	$(PY) tools/gen_number_symbols.py  # the calculator's number symbols for every language with a catalog

compile: setup ## .po -> .mo (for the CLI; the site compiles in memory)
	$(VENV)/bin/pybabel compile -d locales --statistics

i18n-check: setup ## every catalog problem, with file and line; fails on any
	$(PY) -m clvsite check

i18n-status: setup ## completeness per language
	$(PY) -m clvsite status

i18n-fresh: setup ## fail when messages.pot or a .po is stale against the sources
	$(PY) -m clvsite fresh

# lifetimes (the reference the model benchmarks time ours against) and pandas
# are for `make bench` only: the tests compare with its frozen outputs.
$(VENV)/.bench-installed: requirements-bench.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --no-compile -r requirements-bench.lock
	touch $@

bench: setup system-tools $(VENV)/.bench-installed ## build times, calculator load and recalculation, page weight, Lighthouse scores, summary at scale
	@# PySpark is optional (about 400 MB, needs Java 17): the Spark figure is skipped without it.
	$(PY) -m pip install --quiet -r requirements-spark.lock || echo "PySpark did not install: the Spark figure will be skipped"
	$(PY) -m benchmarks

clean:
	rm -rf site build dist .pytest_cache
