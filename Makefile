# Two commands for everyone:  make lab  (open the course)   make test  (run every test)
# Both create .venv with the standard venv module if needed and install the
# project (editable, with its test extra) pinned by constraints.txt, the exact
# versions the committed notebooks were executed with.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
LAB_ARGS ?=

.PHONY: setup lab binder test test-slow test-browser test-grading lint bench execute mutation clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11 or similar")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

lab: setup
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) notebooks/00_start_here.ipynb

# Binder (repo2docker reads binder/ first): the exact versions of constraints.txt, then the course
# itself, without the browser-test and grading-only pins. Regenerate after changing
# constraints.txt; tests/test_setup.py checks they agree.
BROWSER_ONLY := playwright greenlet
binder/requirements.txt: constraints.txt
	@{ echo "# Generated from constraints.txt by 'make binder'; do not edit. Binder installs these, then the course."; \
	  sed '/^# The grading extra/,$$d' constraints.txt | grep -v '^#' | grep -v -i -E '^($(subst $(eval) ,|,$(BROWSER_ONLY)))=='; echo "."; } > $@
binder: binder/requirements.txt

lint: setup
	$(VENV)/bin/ruff check lessons tests

# Unit tests and every notebook under nbval (saved outputs compared with fresh ones).
test: setup lint
	$(PY) -m pytest --nbval --nbval-current-env -q

# Slow install tests (.ci/run runs them): the wheel built and installed in a fresh venv, and a
# local JupyterHub with several learners (the hub extra, configurable-http-proxy from npm).
test-slow: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,hub,binder-check]"
	$(PY) -m pytest -m "package or hub" -q tests/test_package.py tests/test_hub.py

# End-to-end tests in Debian's Chromium (apt-get install chromium), driven by playwright,
# with axe-core (pinned in tests/browser/package-lock.json) for accessibility.
test-browser: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,browser]"
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	$(PY) -m pytest -m browser -q -p no:cacheprovider tests/test_browser.py

# Exercises in real graders: nbgrader and otter-grader (the grading extra, pinned in constraints.txt).
test-grading: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,grading]"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m pytest -m grading -q -p no:cacheprovider tests/test_grading_tools.py

# Re-execute notebooks in place after editing them: make execute NB=notebooks/02_trade.ipynb
NB ?= notebooks/*.ipynb
execute: setup
	LESSONS_PROGRESS=$$(mktemp -d)/progress.json $(VENV)/bin/jupyter nbconvert --to notebook \
	  --execute --inplace --ExecutePreprocessor.store_widget_state=False \
	  --ExecutePreprocessor.record_timing=False $(NB)
	$(PY) -m lessons slides --write $(NB)

# Mutation testing (slow: about 30 minutes on 2 cores; not part of make test). The score is
# the share of mutants the tests kill; docs/benchmarks.md records the last one.
mutation: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,mutation]"
	rm -rf mutants
	LESSONS_CACHE_DIR=off $(VENV)/bin/mutmut run --max-children 2 >/dev/null || true
	@$(VENV)/bin/mutmut results --all true | awk -F': ' '/__mutmut_/ {n[$$NF]++; t++} \
	  END {for (s in n) printf "%s: %d\n", s, n[s]; printf "score: %.1f%% of %d mutants killed\n", 100 * n["killed"] / t, t}'

bench: setup
	$(PY) -m lessons.bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
