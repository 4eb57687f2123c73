# The whole interface for writers and CI. `make help` lists the targets.
#
# Without an active virtual environment, the first target you run creates
# .venv/ and installs requirements.txt into it; with one active, it installs
# there instead.

PYTHON ?= python3
ifdef VIRTUAL_ENV
BIN := $(VIRTUAL_ENV)/bin
else
BIN := .venv/bin
endif
PY := $(BIN)/python
SPHINXBUILD := $(BIN)/sphinx-build
INSTALLED := $(BIN)/.placetel-requirements
OUT := _build
# -n: every reference must resolve; -W: a warning is an error;
# --keep-going: report every problem before failing.
STRICT := -c . -n -W --keep-going

.DEFAULT_GOAL := help
.PHONY: help install html test test-build doctest lint test-browser browser \
        linkcheck images livehtml bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: $(INSTALLED) ## Create .venv/ (if needed) and install requirements.txt

$(INSTALLED): requirements.txt
	@test -n "$$VIRTUAL_ENV" || test -x $(PY) || $(PYTHON) -m venv .venv
	$(PY) -m pip install --quiet --requirement requirements.txt
	@touch $@

html: $(INSTALLED) ## Build the HTML site into _build/html
	$(SPHINXBUILD) -b html $(STRICT) docs $(OUT)/html

livehtml: $(INSTALLED) ## Rebuild and reload the site in your browser while you write
	$(BIN)/sphinx-autobuild -b html -c . docs $(OUT)/html

# From an empty _build/html: every page is read and written, so a stale build can
# never hide a problem (a deleted figure behind an unchanged page), and no page
# deleted from docs/ lingers for the browser tests.
test-build: $(INSTALLED)
	rm -rf $(OUT)/html
	$(SPHINXBUILD) -b html $(STRICT) -q docs $(OUT)/html

doctest: $(INSTALLED) ## Run the doctest snippets of every page against the simulator
	$(SPHINXBUILD) -b doctest $(STRICT) -E -q docs $(OUT)/doctest
	$(PY) -m placetel_tools.console_examples

lint: $(INSTALLED) ## Check the reStructuredText sources (sphinx-lint, mojibake, doubled words, UI labels, stated answers)
	$(BIN)/sphinx-lint docs doctests
	$(PY) -m placetel_tools.text_check docs doctests images/src
	$(PY) -m placetel_tools.answer_check docs doctests

test: test-build doctest lint browser ## Run every check, offline (ends with pytest's summary)
	$(PY) -m pytest

test-browser: test-build browser ## Only the browser tests on the built site
	$(PY) -m pytest tests/browser

browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && apt-get install -y -q chromium; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install -y chromium', then 'make test' again." >&2; exit 1; \
	  fi; }

linkcheck: $(INSTALLED) ## Check every external link online and update the link record
	$(SPHINXBUILD) -b linkcheck -c . -E docs $(OUT)/linkcheck

images: $(INSTALLED) ## Regenerate every figure under images/ from its source
	$(PY) -m placetel_tools.figures

# Lighthouse is pinned in package.json/package-lock.json; `npm ci` installs exactly
# that into node_modules/ (bench only: `make test` never needs Node).
bench: $(INSTALLED) browser ## Time the builds and tests, weigh the pages, run Lighthouse
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) -m placetel_tools.bench

clean: ## Remove _build/
	rm -rf $(OUT)
