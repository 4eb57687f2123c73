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
# Python keeps the modules it compiles (__pycache__/, ignored by git): make test starts about two hundred
# Python processes, and where PYTHONDONTWRITEBYTECODE is set (some containers set it) each would compile
# the project's modules and pytest's rewritten tests anew (5 % of make test).
unexport PYTHONDONTWRITEBYTECODE
SPHINXBUILD := $(BIN)/sphinx-build
INSTALLED := $(BIN)/.placetel-requirements
OUT := _build
# -n: every reference must resolve; -W: a warning is an error;
# --keep-going: report every problem before failing.
STRICT := -c . -n -W --keep-going
# Extra options for every sphinx-build, e.g. `make html SPHINXOPTS="-j auto"` (parallel) or "-v".
SPHINXOPTS ?=
# The languages, from placetel_tools/languages.py (standard library only, so python3 runs it
# before .venv exists): the source language (English, written in docs/) first, then every
# folder locale/LANG/LC_MESSAGES/, a translation built into _build/html/LANG/.
SITE_LANGUAGES := $(shell $(if $(wildcard $(PY)),$(PY),$(PYTHON)) -m placetel_tools.languages --site)
ifeq ($(SITE_LANGUAGES),)
$(error python -m placetel_tools.languages printed no language: is $(PYTHON) installed?)
endif
SOURCE_LANGUAGE := $(firstword $(SITE_LANGUAGES))
LANGUAGES := $(filter-out $(SOURCE_LANGUAGE),$(SITE_LANGUAGES))
# The folder a language's pages go to, under _build/html (languages.html_dir).
site_dir = $(OUT)/html$(if $(filter $(SOURCE_LANGUAGE),$(1)),,/$(1))

.DEFAULT_GOAL := help
.PHONY: help install html check test test-build doctest lint lint-python lint-ci-config spelling test-browser system-packages \
        linkcheck upstream upstream-packages images livehtml bench clean gettext translations \
        check-translations screenshots

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

install: $(INSTALLED) ## Create .venv/ (if needed) and install requirements.txt

$(INSTALLED): requirements.txt
	@test -n "$$VIRTUAL_ENV" || test -x $(PY) || $(PYTHON) -m venv .venv
	$(PY) -m pip install --quiet --requirement requirements.txt
	@touch $@

html: $(INSTALLED) ## Build the site into _build/html, every language (German in de/); strict: references, figures, includes, link record
	$(foreach lang,$(SITE_LANGUAGES),$(SPHINXBUILD) -b html $(STRICT) $(SPHINXOPTS) -D language=$(lang) \
	  -d $(OUT)/doctrees/html-$(lang) docs $(call site_dir,$(lang)) &&) true

livehtml: $(INSTALLED) ## Rebuild and reload the site in your browser while you write
	$(BIN)/sphinx-autobuild -b html -c . docs $(OUT)/html

# From an empty _build/: every page is read and written, so a stale build can never
# hide a problem (an incremental build reads only changed pages: a second strict run
# would pass with a broken reference on an unchanged page), and no page deleted from
# docs/ lingers for the browser tests.
test-build: $(INSTALLED) ## The strict build of every language from an empty _build/ (what make check and the browser tests use)
	rm -rf $(OUT)/html $(OUT)/doctrees
	$(foreach lang,$(SITE_LANGUAGES),$(SPHINXBUILD) -b html $(STRICT) -q $(SPHINXOPTS) -D language=$(lang) \
	  -d $(OUT)/doctrees/html-$(lang) docs $(call site_dir,$(lang)) &&) true

doctest: $(INSTALLED) ## Run every page's doctest snippets against the simulator, and its console examples against the check tool
	$(SPHINXBUILD) -b doctest $(STRICT) -E -q $(SPHINXOPTS) docs $(OUT)/doctest
	$(PY) -m placetel_tools.examples.console
	$(foreach lang,$(LANGUAGES),$(PY) -m placetel_tools.examples.console --language $(lang) &&) true

lint: $(INSTALLED) gettext ## Check the sources and translations (sphinx-lint, mojibake, doubled words, UI labels, the figures' labels, stated answers, catalogues, terms, the check tool's translations and sections)
	$(BIN)/sphinx-lint docs doctests
	$(PY) -m placetel_tools.lint.text_check --figures images/src docs doctests images/src locale
	$(PY) -m placetel_tools.lint.figure_labels
	$(PY) -m placetel_tools.lint.answer_check docs doctests locale
	$(PY) -m placetel_tools.lint.catalogues $(OUT)/gettext locale
	$(PY) -m placetel_tools.lint.terminology locale
	$(PY) -m placetel_tools.lint.embedded_translations
	$(PY) -m placetel_tools.lint.named_sections docs locale
	$(if $(wildcard locale/*/LC_MESSAGES/check.po),$(PY) -m placetel_tools.lint.tool_labels $(wildcard locale/*/LC_MESSAGES/check.po))
	$(PY) -m placetel_tools.lint.recognition_check docs doctests locale
	$(PY) -m placetel_tools.upstream.record
	@$(MAKE) --no-print-directory lint-python lint-ci-config

# The project's Python: ruff's linter and formatter (configured in pyproject.toml).
lint-python: $(INSTALLED) ## ruff check and ruff format --check on the project's Python
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The CI configuration against the schemas published for it (bundled with
# check-jsonschema, so offline); a broken workflow fails here, not on the host.
lint-ci-config: $(INSTALLED) ## Workflows, .readthedocs.yaml and pre-commit config against their schemas; Read the Docs builds every language; every make target README and CI name is listed here
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.readthedocs .readthedocs.yaml
	$(PY) -m placetel_tools.lint.readthedocs
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml
	$(PY) -m placetel_tools.lint.make_targets Makefile README.md locale/*/README.md .ci/run .github/workflows/*.yml .readthedocs.yaml

# The pages through Sphinx's spelling builder; the check tool's translations (check.po, printed
# by the tool, never built) with the same dictionary, word lists and conventions.
spelling: $(INSTALLED) system-packages ## Spell-check every page and the check tool's translations in every language (hunspell, word lists in docs/ and locale/LANG/)
	$(foreach lang,$(SITE_LANGUAGES),$(SPHINXBUILD) -b spelling $(STRICT) -q $(SPHINXOPTS) -D language=$(lang) \
	  -d $(OUT)/doctrees/spelling-$(lang) docs $(OUT)/spelling/$(lang) &&) true
	$(if $(wildcard locale/*/LC_MESSAGES/check.po),$(PY) -m placetel_tools.lint.catalogue_spelling $(wildcard locale/*/LC_MESSAGES/check.po))

# For translators: extract the English messages (pages, templates, figures, the check
# tool) into _build/gettext/*.pot, then merge them into every language's catalogues: a
# changed English paragraph becomes a fuzzy entry to review. `make translations ADD=fr`
# starts a new language. The check tool's translations (check.po) are then embedded into
# placetel_tools/check.py, which readers download alone.
gettext: $(INSTALLED) ## Extract the English messages (pages, templates, figures, check tool) into _build/gettext/*.pot
	rm -rf $(OUT)/gettext
	$(SPHINXBUILD) -b gettext -c . -q docs $(OUT)/gettext
	$(PY) -m placetel_tools.figures --pot $(OUT)/gettext/images.pot
	$(PY) -m placetel_tools.check_translations --pot $(OUT)/gettext/check.pot

translations: gettext ## Update locale/LANG/LC_MESSAGES/*.po from the English (ADD=xx adds a language), embed check.po into check.py
	$(PY) -m placetel_tools.translations $(OUT)/gettext locale $(if $(ADD),--add $(ADD))
	$(PY) -m placetel_tools.check_translations
	$(PY) -m placetel_tools.lint.readthedocs --write

check-translations: $(INSTALLED) ## Embed the check tool's catalogues (locale/LANG/LC_MESSAGES/check.po) into placetel_tools/check.py
	$(PY) -m placetel_tools.check_translations

# Everything about the pages and nothing about the tooling: the writer's quick loop.
# The four jobs are independent, so they run side by side (output grouped per job).
check: $(INSTALLED) system-packages ## The writer's loop, side by side: test-build, doctest, lint, spelling (every language)
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-build doctest lint spelling

# The pages' checks, then pytest: the tooling's tests and the browser tests, in two processes
# (pytest-xdist); each test file stays in one process, as its tests share its fixtures.
test: check ## Everything, offline: make check, then pytest (tests/: the tooling; tests/browser/: the built site) in two processes; ends with pytest's summary
	$(PY) -m pytest -n 2 --dist loadfile

test-browser: test-build system-packages ## Only the browser tests (tests/browser/: axe, requests, first paint, overflow, tabs, copy, print, 404, search) on the built site
	$(PY) -m pytest tests/browser

# Pictures of the built site for people (make test's checks read the pages, not pictures of them).
screenshots: test-build system-packages ## Full-page PNGs of every page at 375 and 1280 px, and the setup guide printed, into _build/screenshots
	$(PY) -m placetel_tools.dev.screenshots $(OUT)/html $(OUT)/screenshots

# Debian packages the checks need: Chromium (browser tests, bench), the hunspell
# dictionaries and Enchant (spelling), nginx and its JavaScript module (the reverse-proxy
# recipes of docs/protect-endpoint.rst run in a real nginx: tests/test_recipes.py), ruby
# (Zammad's own number functions, in the tests and `make upstream`). Installed when run as
# root, named otherwise.
DEBIAN_PACKAGES := chromium hunspell-en-us hunspell-de-de libenchant-2-2 nginx libnginx-mod-http-js ruby
debian_packages = missing=$$(for pkg in $(1); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q 'ok installed' || echo $$pkg; done); \
	test -z "$$missing" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && apt-get install -y -q $$missing; \
	  else \
	    echo "Missing Debian packages: run 'sudo apt-get install -y" $$missing"', then 'make $(2)' again." >&2; exit 1; \
	  fi; }
system-packages: ## Install (as root) or name the Debian packages the checks need: chromium, hunspell, enchant, nginx and njs, ruby
	@$(call debian_packages,$(DEBIAN_PACKAGES),test)

linkcheck: $(INSTALLED) ## Check every external link online and update the link record
	$(SPHINXBUILD) -b linkcheck -c . -E docs $(OUT)/linkcheck

# Zammad's and Placetel's sources: downloaded from GitHub (Zammad's newest release, or
# ZAMMAD_REF=TAG; Placetel's default branch, or PLACETEL_REF=BRANCH), or local trees laid out
# like the repositories (ZAMMAD=DIR PLACETEL=DIR; a REF then names what the tree holds).
# make itself exits 0 or 2; the checker's own status (0 agree, 1 differ, 2 a source cannot be
# read) is printed when it is not 0, and is what `python -m placetel_tools.upstream` returns.
ZAMMAD ?=
PLACETEL ?=
ZAMMAD_REF ?=
PLACETEL_REF ?=
upstream: $(INSTALLED) upstream-packages ## Check labels, simulator, model and Placetel facts against Zammad's and Placetel's sources; update docs/upstream.json
	@$(PY) -m placetel_tools.upstream $(if $(ZAMMAD),--zammad "$(ZAMMAD)") $(if $(PLACETEL),--placetel "$(PLACETEL)") \
	  $(if $(ZAMMAD_REF),--zammad-ref "$(ZAMMAD_REF)") $(if $(PLACETEL_REF),--placetel-ref "$(PLACETEL_REF)") || { status=$$?; \
	  echo "make upstream: exit status $$status ($$(test $$status = 1 && echo 'differences' || echo 'a source cannot be read'))" >&2; \
	  exit $$status; }

upstream-packages: ## Install (as root) or name ruby, the one Debian package make upstream needs
	@$(call debian_packages,ruby,upstream)

images: $(INSTALLED) ## Regenerate every figure under images/ from its source, in every language
	$(PY) -m placetel_tools.figures

# Lighthouse is pinned in package.json/package-lock.json; `npm ci` installs exactly
# that into node_modules/ (bench only: `make test` never needs Node).
bench: $(INSTALLED) system-packages ## Time the builds and tests, weigh the pages, run Lighthouse
	npm ci --no-audit --no-fund --loglevel=error
	$(PY) -m placetel_tools.dev.bench

clean: ## Remove _build/
	rm -rf $(OUT)
