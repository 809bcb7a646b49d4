# facemoji: `make demo` installs everything and makes an avatar from the bundled photo;
# `make serve` starts the web page; `make test` installs the test dependencies and runs
# the test suite.
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
	@echo "avatar: $(OUT)/demo/avatar.png (.svg, editable .json); report: $(OUT)/demo/report.html"
	@echo "edit it: $(VENV)/bin/facemoji render --params $(OUT)/demo/avatar.json --set hair=bob -o $(OUT)/bob.png"

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
