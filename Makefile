# kpureport: the commands a newcomer needs. Each target sets up .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# An editable install copies the nbconvert template where Jupyter looks for templates, as a
# regular install does; a link instead keeps `jupyter nbconvert --template laporan` on the
# checkout's template while it is edited.
TEMPLATES := $(VENV)/share/jupyter/nbconvert/templates
LINK_TEMPLATE = mkdir -p $(TEMPLATES) && rm -rf $(TEMPLATES)/laporan && ln -s "$(CURDIR)/kpureport/templates/nbconvert/laporan" $(TEMPLATES)/laporan
OFFICE ?= kayong-utara
YEAR ?= 2021

.PHONY: report test test-fast lint format lab app clean docs

report: $(VENV)/.installed
	$(BIN)/kpureport build --office $(OFFICE) --year $(YEAR)

# The checkout's tests, then the installed wheel outside the checkout (scripts/check_installed.sh).
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	bash scripts/check_installed.sh "$(CURDIR)/$(BIN)/python"

# The quick loop: every test but those that run a whole build in a kernel.
test-fast: $(VENV)/.installed-dev
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not build"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# docs/ekspor.md, the list of accepted exports, from the readers' own declarations.
docs: $(VENV)/.installed-dev
	$(BIN)/python -m kpureport.ingest.readers.catalogue

# JupyterLab at the project root (data/ and outputs/ browsable), opened on the notebooks.
lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks

# The staff's page in the browser (kpureport app, served by Voila on 127.0.0.1 with a token).
app: $(VENV)/.installed-app
	$(BIN)/kpureport app

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	$(LINK_TEMPLATE)
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(LINK_TEMPLATE)
	touch $(VENV)/.installed $@

$(VENV)/.installed-lab: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	$(LINK_TEMPLATE)
	touch $(VENV)/.installed $@

$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[app]"
	$(LINK_TEMPLATE)
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
