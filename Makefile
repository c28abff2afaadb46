# The two commands of the README: `make demo` and `make test`. Both do all set-up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
VPY := $(VENV)/bin/python
PULUMI_BIN := $(CURDIR)/.tools/pulumi/bin

# Everything that drives the engine sees the built CLI first on PATH, the project's interpreter for
# dynamic providers and policy packs, and no Pulumi Cloud or update checks.
export PATH := $(PULUMI_BIN):$(CURDIR)/$(VENV)/bin:$(PATH)
export PULUMI_PYTHON_CMD := $(CURDIR)/$(VPY)
export PULUMI_SKIP_UPDATE_CHECK := true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION := true

.PHONY: help install cli test test-fast demo bench lint typecheck emulator clean

help:
	@echo "make demo      start the emulator, deploy examples/quickstart with pulumi, talk to the agent"
	@echo "make test      the whole suite, real-engine tests included"
	@echo "make install   .venv with the package, the emulator and the dev tools"
	@echo "make cli       build (or reuse) the pinned Pulumi CLI into .tools/pulumi/bin"
	@echo "make emulator  run the emulator on 127.0.0.1:8790 (API key demo:emulator-secret)"
	@echo "make bench     emulator and provider figures"
	@echo "make lint      ruff + mypy"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $@

cli:
	@bash tools/build-pulumi-cli.sh

test: install cli lint
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -m "not engine"

demo: install cli
	$(VPY) tools/demo.py

bench: install
	$(VPY) bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

emulator: install
	@mkdir -p .demo
	$(VENV)/bin/did-agents-emulator serve --host 127.0.0.1 --port 8790 --db .demo/emulator.db --api-key demo:emulator-secret

clean:
	rm -rf .demo .pytest_cache .mypy_cache .ruff_cache
