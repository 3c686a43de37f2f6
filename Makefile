# kpureport: the commands a newcomer needs. Each target sets up .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# An editable install leaves the nbconvert template where Jupyter does not look: link it, so
# that `jupyter nbconvert --template laporan` finds it (a regular install copies it there).
TEMPLATES := $(VENV)/share/jupyter/nbconvert/templates
LINK_TEMPLATE = mkdir -p $(TEMPLATES) && ln -sfn "$(CURDIR)/kpureport/templates/nbconvert/laporan" $(TEMPLATES)/laporan
OFFICE ?= kayong-utara
YEAR ?= 2021

.PHONY: report test lint format lab app clean

report: $(VENV)/.installed
	$(BIN)/kpureport build --office $(OFFICE) --year $(YEAR)

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

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
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
