# facemoji: `make demo` installs everything and makes an avatar from the bundled photo;
# `make test` installs the test dependencies and runs the test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
OUT ?= out

.PHONY: demo test lint bench clean

$(VENV)/.core: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.all: $(VENV)/.core
	$(PIP) install -q -e ".[gan,web,test]"
	touch $@

demo: $(VENV)/.core
	mkdir -p $(OUT)
	$(VENV)/bin/facemoji gallery --style facemoji -n 63 -o $(OUT)/gallery.png --force
	@echo "open $(OUT)/gallery.png"

test: $(VENV)/.all
	bash scripts/install-browser.sh
	$(VENV)/bin/ruff check src tests benchmarks
	$(PY) -m pytest -q

lint: $(VENV)/.all
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
