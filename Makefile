# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 runs on Python 3.10 only. Override with `make PY310=/path/to/python3.10 ...`.
PY310 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10) $(shell command -v python3.10 2>/dev/null))
VENV := .venv
PYTEST := $(VENV)/bin/pytest
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)

# Quiet TensorFlow and SQLAlchemy banners; fixed seeds and deterministic ops for equal models.
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0
export TF_DETERMINISTIC_OPS := 1
export RASA_TELEMETRY_ENABLED := false

# Known deprecations inside third-party packages, ignored only where each is raised (message
# prefix, exact module), for every Python process make starts and their children (the
# servers of make run and of the tests). Anything else still shows. pyproject.toml has the
# same list for pytest ([tool.pytest.ini_options] filterwarnings). One more: Rasa's notice
# about TF_DETERMINISTIC_OPS, which this Makefile sets on purpose (above; no GPU here).
comma := ,
space := $(subst ,, )
define newline


endef
# (A symlinked .venv is seen under both paths.)
KERAS_DIRS := $(addsuffix /lib/python3.10/site-packages/keras,$(sort $(abspath $(VENV)) $(realpath $(VENV))))
define WARNING_FILTERS
ignore:pkg_resources is deprecated as an API:DeprecationWarning
ignore:Deprecated call to:DeprecationWarning:pkg_resources
ignore::DeprecationWarning:matplotlib._mathtext
ignore::DeprecationWarning:matplotlib.fontconfig_pattern
ignore::DeprecationWarning:packaging.requirements
ignore::DeprecationWarning:packaging.markers
ignore:'click.utils.get_:DeprecationWarning:typer
ignore:'BaseCommand' is deprecated:DeprecationWarning:typer.completion
ignore:Importing 'parser.split_arg_string' is deprecated:DeprecationWarning:spacy.cli._util
ignore:jax.xla_computation is deprecated:DeprecationWarning:tensorflow.lite.python.util
ignore:the load_module() method is deprecated:DeprecationWarning:importlib._bootstrap
ignore:Calling URL() directly is deprecated:DeprecationWarning:rasa.core.tracker_store
ignore:Deprecated API features detected:DeprecationWarning:rasa.core.tracker_store
ignore:The explicit passing of coroutine objects to asyncio.wait:DeprecationWarning:sanic.server.websockets.impl
ignore:distutils Version classes are deprecated:DeprecationWarning:sanic_cors.extension
ignore:You have set 'TF_DETERMINISTIC_OPS' to 1:UserWarning:rasa.utils.tensorflow.environment
ignore:non-integer arguments to randrange:DeprecationWarning:random
endef
# Keras 2.12's invalid escapes, reported under the file's path whenever Python compiles it
# (every time where PYTHONDONTWRITEBYTECODE is set).
KERAS_FILTERS := $(foreach dir,$(KERAS_DIRS),$(foreach file,data_utils vis_utils,\
  ignore:invalid:DeprecationWarning:$(dir)/utils/$(file)))
export PYTHONWARNINGS := $(subst $(newline),$(comma),$(WARNING_FILTERS))$(comma)$(subst $(space),$(comma),$(strip $(KERAS_FILTERS)))

# Rasa's command line, with PYTHONWARNINGS applied again after Sanic and Rasa have put their
# own filters in front of it (scripts/run_module.py says how).
RASA := $(VENV)/bin/python scripts/run_module.py rasa

# Code that runs at serving time only (red flags, message guard) needs no retraining.
TRAINING_INPUTS := config.yml domain.yml server/training/importer.py common/content.py $(shell find data content -type f -name '*.yml' 2>/dev/null)
# Train again when no model exists, even if the stamp survived.
MODEL_MISSING := $(if $(wildcard models/*.tar.gz),,force-train)
# A removed or renamed data file changes no timestamp: record the file list, and
# rewrite it (making it newer than the model) whenever the list changes.
INPUT_LIST := models/.inputs
$(shell mkdir -p models && (echo "$(TRAINING_INPUTS)" | cmp -s - $(INPUT_LIST) || echo "$(TRAINING_INPUTS)" > $(INPUT_LIST)))

.PHONY: check-python help install train run shell test validate bench clean force-train web purge insights audit \
  system-deps lint-imports test-unit test-model test-system test-integration

help:
	@echo "make run       create the environment, train if needed, start the assistant"
	@echo "make shell     chat in the terminal (rasa shell) with the running action server"
	@echo "make test      the whole test suite: system packages, environment, model, widget, checks, every tier"
	@echo "make test-unit         tests/unit: no model, no servers"
	@echo "make test-model        tests/model: the trained model (held-out questions, test stories)"
	@echo "make test-system       tests/system: the running servers, the browser, the channels"
	@echo "make test-integration  tests/integration: PostgreSQL, Redis, nginx, replicas, failover"
	@echo "make system-deps  install what the tests need from apt-get (as root), or print the command"
	@echo "make lint-imports  check what each part may import (pyproject.toml [tool.importlinter])"
	@echo "make validate  check content/ and Rasa's training data"
	@echo "make train     train the model when it is missing or older than its data"
	@echo "make install   create the Python 3.10 environment in .venv with uv"
	@echo "make bench     measure accuracy, latency and cost; writes docs/benchmarks.md"
	@echo "make purge DAYS=30  delete conversations idle for more than 30 days"
	@echo "make insights [FROM=2026-11-01] [TO=2026-11-30] [OUT=reports]  what people asked: HTML report and CSV (default: last 30 days)"
	@echo "make web       build the website chat widget (web/dist/widget.js) with npm and esbuild"
	@echo "make audit     known vulnerabilities in the locked Python packages and the widget's npm packages"

# PostgreSQL, Redis, nginx with njs, Chromium, fonts, Node.js and curl: installed with
# apt-get when make runs as root, otherwise the one command to run is printed.
system-deps:
	@scripts/system-deps.sh

install: check-python $(VENV)/.installed

check-python:
	@if [ -z "$(PY310)" ] || ! "$(PY310)" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	  echo "error: Rasa 3.6 needs Python 3.10, which was not found$(if $(PY310), at $(PY310))." >&2; \
	  echo "  Install it (e.g. 'pyenv install 3.10', or your system's python3.10 package)" >&2; \
	  echo "  or point to it: make PY310=/path/to/python3.10 $(MAKECMDGOALS)" >&2; \
	  exit 1; fi

$(VENV)/.installed: pyproject.toml uv.lock | check-python
	@if [ ! -x "$(UV)" ]; then \
	  echo "uv not found: installing it into .tools/"; \
	  "$(PY310)" -m venv .tools && .tools/bin/pip install --quiet 'uv==0.13.9'; fi
	@# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on CI), every
	@# process that imports Rasa would otherwise compile TensorFlow and Rasa again (~20 s each).
	"$(UV)" sync --frozen --compile-bytecode --python "$(PY310)"
	@touch $@

train: models/.trained

# Training checks the data as `make validate` does, warnings included: a model is never
# trained from data the validator faults (and the check is not run twice).
models/.trained: $(TRAINING_INPUTS) $(INPUT_LIST) $(MODEL_MISSING) | install
	$(RASA) train --fail-on-validation-warnings
	@touch $@ models/.validated

# The same check alone, when no training is due (make test).
models/.validated: $(TRAINING_INPUTS) $(INPUT_LIST) | install
	$(RASA) data validate --fail-on-warnings
	@touch $@

force-train:

# The website chat widget: npm ci from the lock file, then esbuild, only when stale.
web: web/dist/widget.js

web/node_modules/.installed: web/package.json web/package-lock.json
	@scripts/system-deps.sh node
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/widget.js: $(wildcard web/src/*.js) web/build.mjs web/node_modules/.installed
	cd web && npm run --silent build

run: install train web
	@scripts/run.sh

shell: install train
	@scripts/shell.sh

validate: install
	$(VENV)/bin/python -m tools.check_content
	$(PYTEST) -q tests/unit/content tests/unit/tools/test_check_content.py
	$(RASA) data validate --fail-on-warnings

# The import contracts run before training: they take a second, training takes minutes.
lint-imports: install
	$(VENV)/bin/lint-imports --no-logo --no-cache

# The unit tier needs no model: scripts/test.sh runs it while the model trains (when stale,
# with the data check), then the tiers that load the model.
test: system-deps install lint-imports web
	@scripts/test.sh

# One tier at a time, each with only what it needs (tests/unit serves the built widget).
test-unit: install web
	$(PYTEST) tests/unit

test-model: install train
	$(PYTEST) tests/model

test-system: system-deps install train web
	$(PYTEST) tests/system

test-integration: system-deps install train
	$(PYTEST) tests/integration

# Retention: deletes conversations whose last message is older than DAYS days from the
# tracker store of endpoints.yml (ENDPOINTS=file for another); prints counts only.
purge: install
	@if [ -z "$(DAYS)" ]; then echo "usage: make purge DAYS=30  (keeps conversations active in the last 30 days)" >&2; exit 2; fi
	@$(VENV)/bin/python -W ignore -m tools.purge --days "$(DAYS)" --endpoints "$(or $(ENDPOINTS),endpoints.yml)"

# For the content team: what people asked from FROM to TO (UTC days, both included; default
# the last 30 days), from the tracker store of endpoints.yml (ENDPOINTS=file for another):
# an HTML report and a CSV in OUT (default reports/, git-ignored). docs/operations.md.
insights: install
	@$(VENV)/bin/python -W ignore scripts/run_module.py tools.insights $(if $(FROM),--from "$(FROM)") $(if $(TO),--to "$(TO)") \
	  --out "$(or $(OUT),reports)" --endpoints "$(or $(ENDPOINTS),endpoints.yml)"

# Known vulnerabilities (docs/operations.md, "Dependency advisories"). Not part of `make test`:
# its result changes with the advisory feeds, not with this code. pip-audit runs from its
# own throwaway environment (.tools/audit) and reads what .venv holds (the locked versions),
# so the locked environment never changes; npm audit reads web/package-lock.json.
AUDIT_VENV := .tools/audit

$(AUDIT_VENV)/bin/pip-audit:
	python3 -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet pip-audit

audit: install web/node_modules/.installed $(AUDIT_VENV)/bin/pip-audit
	@status=0; \
	  $(AUDIT_VENV)/bin/pip-audit --progress-spinner off --path $(VENV)/lib/python3.10/site-packages || status=1; \
	  (cd web && npm audit) || status=1; \
	  exit $$status

# Benchmarks (docs/benchmarks.md and its chart), not part of `make test`. The alternative
# retrievers need PyTorch: their own Python 3.11 environment, .bench-venv, with the CPU build
# of torch installed first (pip takes torch==2.13.0 from this machine's disk; uv would
# download the multi-GB CUDA build). Training, when needed, is timed for the report.
PY311 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.11*/bin/python3.11) $(shell command -v python3.11 2>/dev/null))
BENCH_VENV := .bench-venv

$(BENCH_VENV)/.installed: bench/requirements.txt
	@if [ -z "$(PY311)" ]; then echo "error: make bench needs Python 3.11 for its own environment (make PY311=/path/to/python3.11 bench)" >&2; exit 1; fi
	"$(PY311)" -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet torch==2.13.0
	$(BENCH_VENV)/bin/pip install --quiet -r bench/requirements.txt
	@touch $@

# scripts/run.sh serves the chat widget too, where the project has one (make web).
bench: install $(if $(wildcard web/package.json),web) $(BENCH_VENV)/.installed
	@before=$$(stat -c %Y models/.trained 2>/dev/null || echo none); start=$$(date +%s); \
	  $(MAKE) --no-print-directory train && \
	  if [ "$$(stat -c %Y models/.trained 2>/dev/null)" != "$$before" ]; then \
	    echo "$$(( $$(date +%s) - start ))" > models/.train-seconds; fi
	$(VENV)/bin/python -m bench.run

clean:
	rm -rf models results .pytest_cache
