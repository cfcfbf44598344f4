# Healthy City Cockpit — `make run` and `make test` work on a fresh machine (Python 3.11+, PyPI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT ?= 8501
HOST ?= 127.0.0.1
export HC_WAREHOUSE_DIR ?= $(CURDIR)/warehouse/data

.DEFAULT_GOAL := help
.PHONY: help venv sample sample-if-absent etl run test check lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{gsub(/\$$\$$/, "$$", $$2); printf "  make %-16s %s\n", $$1, $$2}'
	@echo "  (the warehouse folder is $(HC_WAREHOUSE_DIR); set HC_WAREHOUSE_DIR to change it)"

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install requirements.txt

sample: venv ## regenerate the committed sample city into sample_data/
	$(BIN)/python -m sample_data.generate --out sample_data --end 2026-11

sample-if-absent: venv
	@test -f sample_data/geography/city.geojson || $(MAKE) sample

etl: sample-if-absent ## load sample_data/ into the warehouse ($$HC_WAREHOUSE_DIR)
	$(BIN)/python -m etl load sample_data --quiet

run: etl ## set everything up and serve the app on 127.0.0.1:8501 (HOST=0.0.0.0 for an office network)
	@$(BIN)/python -m app.users ensure-admin
	$(BIN)/streamlit run app/server.py --server.port $(PORT) --server.address $(HOST) \
		--server.headless true $(if $(filter 127.0.0.1 localhost,$(HOST)),,--browser.serverAddress $(shell hostname))

test: venv ## run every test
	$(BIN)/python -m pytest -q

lint: venv ## ruff only
	$(BIN)/ruff check .

check: venv ## ruff + the fast tests
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -m "not slow"

bench: venv ## benchmarks: ETL (scale 1, 10), the weekly load (scale 1, 10, 100), pages (server side at scale 1 and 100, in Chromium at scale 1 and 100), concurrent sessions (scale 1) and the briefings (scale 1, 100)
	$(BIN)/python bench/etl.py
	$(BIN)/python bench/weekly.py --scales 1 10 100
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/pages_browser.py --scales 1 100
	$(BIN)/python bench/capacity.py
	$(BIN)/python bench/snapshot.py

clean: ## remove the local warehouse (not the sample files)
	rm -rf warehouse/data
