# Budgetwright: `make run` sets up and opens the app; `make test` sets up and checks everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check lint types imports unit bench screenshots pack-preview currencies bundle icons metainfo clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/budgetwright

test: $(STAMP)
	$(MAKE) check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

check: $(STAMP) lint types imports

lint:
	$(VENV)/bin/ruff check app ui tests benchmarks docs packaging
	$(VENV)/bin/ruff format --check app ui tests benchmarks docs packaging

types:
	$(VENV)/bin/mypy

imports:
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) benchmarks/bench_core.py
	$(PY) benchmarks/bench_pdf.py
	$(PY) benchmarks/bench_xlsx.py
	$(PY) benchmarks/bench_risk.py
	$(PY) benchmarks/bench_compare.py
	$(PY) benchmarks/bench_currencies.py
	$(PY) benchmarks/bench_catalogue.py
	$(PY) benchmarks/bench_actuals.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_window.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_timeline.py
	$(PY) benchmarks/bench_team.py
	test ! -x dist/budgetwright/budgetwright || QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_bundle.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/bench_risk_window.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/tools/screenshots.py docs/screenshots

pack-preview: $(STAMP)
	$(PY) docs/tools/pack_preview.py docs/pack-preview

currencies: $(STAMP)
	$(PY) packaging/currencies.py

# The desktop bundle: dist/budgetwright/ and dist/budgetwright-VERSION-linux-x86_64.tar.gz
# (packaging/README.md). make test then also runs the bundle's own tests.
bundle: $(STAMP)
	$(PY) packaging/pack.py

icons: $(STAMP)
	$(PY) packaging/icons.py

metainfo: $(STAMP)
	$(PY) packaging/metainfo.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
