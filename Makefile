# Two commands do everything: `make site` builds the default site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test serve check lint bench bench-synthetic lighthouse docs translations deploy-configs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt scripts/install-runtime-libs.sh scripts/install-print-libs.sh | $(BIN)/python
	bash scripts/install-print-libs.sh
	$(BIN)/pip install --quiet -r requirements.txt
	bash scripts/install-runtime-libs.sh
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt package.json scripts/install-test-tools.sh | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	npm install --silent --no-audit --no-fund
	bash scripts/install-test-tools.sh
	touch $@

site: $(VENV)/.runtime
	$(BIN)/python build.py build

check: $(VENV)/.runtime
	$(BIN)/python build.py check

serve: $(VENV)/.runtime
	$(BIN)/python build.py serve

test: $(VENV)/.runtime $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# This builder against Hugo on the peer benchmark's realistic pages (../shared/bench, or TOOLS=PATH), taking turns:
# cold, no-change and one-edit builds at 1,000 pages, the preview, and cold builds up to 10,000 pages
bench: $(VENV)/.runtime $(VENV)/.dev
	$(BIN)/python scripts/peer_bench.py $(if $(TOOLS),--tools $(TOOLS))

# The default content plus generated pages, in one language or more (LANGUAGES=4): pages per second by language
bench-synthetic: $(VENV)/.runtime
	$(BIN)/python scripts/benchmark.py $(if $(LANGUAGES),--languages $(LANGUAGES))

# Lighthouse (mobile) in Debian's Chromium on every kind of page of the default site, served on 127.0.0.1
lighthouse: $(VENV)/.runtime $(VENV)/.dev
	$(BIN)/python scripts/lighthouse.py --runs 3

docs: $(VENV)/.runtime
	$(BIN)/python -m stophate.fieldref > docs/fields.md

# Extract every interface message (babel.cfg says where) and bring each catalogue up to date; new messages arrive
# untranslated, and the tests name them until they are translated.
translations: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header --width 120 -o locales/messages.pot .
	$(BIN)/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete --width 120

# deploy/nginx.conf and deploy/Caddyfile, from the headers and file types in stophate/outputs/hosting.py
deploy-configs: $(VENV)/.runtime
	$(BIN)/python -m stophate.outputs.serverconf

clean:
	rm -rf site .cache
