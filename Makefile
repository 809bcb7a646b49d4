# facemoji: `make demo` installs everything and makes an avatar from the bundled photo;
# `make serve` starts the server of the web page (then open http://127.0.0.1:8000);
# `make test` installs the test dependencies and runs the test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
OUT ?= out

.PHONY: demo serve test lint clean

$(VENV)/.core: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[web]"
	touch $@

$(VENV)/.all: $(VENV)/.core
	$(PIP) install -q -e ".[gan,vgg,web,ray,test]"
	touch $@

# the bundled example: scikit-image's public-domain NASA astronaut portrait
demo: $(VENV)/.core
	mkdir -p $(OUT)/demo
	$(PY) -c "from skimage import data; from PIL import Image; Image.fromarray(data.astronaut()).save('$(OUT)/astronaut.png')"
	$(VENV)/bin/facemoji generate $(OUT)/astronaut.png -o $(OUT)/demo --force
	@echo "the web page: make serve, then open http://127.0.0.1:8000"

serve: $(VENV)/.core
	$(VENV)/bin/facemoji serve

test: $(VENV)/.all
	bash scripts/install-browser.sh
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(PY) -m pytest -q

lint: $(VENV)/.all
	$(VENV)/bin/ruff check src tests benchmarks scripts

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
