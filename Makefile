# Vestnik: the commands the README shows. Every target is idempotent.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install demo run test check bench browser-deps clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, from the pinned CPU wheel, so that nothing pulls a CUDA build
	$(BIN)/pip install --quiet "torch==2.13.0"
	# within the pinned versions the figures in docs/ were measured with
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/vestnik demo

run: demo
	$(BIN)/vestnik serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadgroup

check: install
	$(BIN)/ruff check vestnik tests bench
	$(BIN)/ruff format --check vestnik tests bench
	$(BIN)/mypy vestnik
	$(BIN)/lint-imports
	$(BIN)/python -m django check --settings=vestnik.site.settings
	$(BIN)/python -m django makemigrations --check --dry-run --settings=vestnik.site.settings

bench: install  # make bench BENCH=engine_fast runs one
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var/ staticfiles/ .pytest_cache .mypy_cache .ruff_cache
