# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint pytest install messages browser-deps corpus lock clean

run: $(VENV)/.installed  ## install everything, then serve the atlas on embedded SQLite
	$(BIN)/stationwatch serve

test: $(VENV)/.installed browser-deps lint pytest  ## the whole test suite

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports pyproject.toml
	$(BIN)/bandit -q -r src -ll

# Two workers (pytest-xdist): the suite fits its 15-minute budget on a 2-core machine; the
# slowest tests are listed at the end.
pytest: $(VENV)/.installed
	$(BIN)/python -m pytest -n 2 --durations=15

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[web,test]'
	$(BIN)/python -m stationwatch_web.catalogues compile
	touch $@

# The interface's catalogues: after changing a template's or a view's words, extract them
# again (GNU gettext's xgettext), translate the new entries, and compile.
LANGS := zh_Hans zh_Hant nl it es fr de pt cs hu ja ko
messages: $(VENV)/.installed
	$(BIN)/python -m stationwatch_web.catalogues vocab
	cd src/stationwatch_web && STATIONWATCH_DATA_DIR=$$(mktemp -d) DJANGO_SETTINGS_MODULE=stationwatch_web.settings \
	  ../../$(BIN)/django-admin makemessages $(addprefix -l ,$(LANGS)) --no-location --no-obsolete
	$(BIN)/python -m stationwatch_web.catalogues compile

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The corpora and handed cases the tests read are kept in the repository (eval/corpus,
# tests/data/cases); this re-copies them from the shared material and checks them against
# eval/corpus.sha256 (PIN=1 accepts changed files and re-pins). Not needed to run the tests.
SHARED_DIR ?= ../shared
corpus:
	$(PYTHON) eval/sync_corpus.py --shared $(SHARED_DIR) $(if $(PIN),--pin)

# Re-pin every installed version (run after changing dependencies in pyproject.toml).
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet --disable-pip-version-check '.[web,test]'
	.lockvenv/bin/pip freeze --exclude-editable | grep -v '^stationwatch' > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) test-artifacts build src/*.egg-info
