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

.PHONY: help install cli test test-fast demo bench lint typecheck emulator clean generate

help:
	@echo "make demo      start the emulator, deploy examples/quickstart with pulumi, talk to the agent"
	@echo "make test      the whole suite, real-engine tests included"
	@echo "make install   .venv with the package, the emulator and the dev tools"
	@echo "make cli       build (or reuse) the pinned Pulumi CLI into .tools/pulumi/bin"
	@echo "make emulator  run the emulator on 127.0.0.1:8790 (API key demo:emulator-secret)"
	@echo "make bench     emulator and provider figures (SCALE=large: the 2,000-agent fleet)"
	@echo "make lint      ruff (lint and format check) + mypy"
	@echo "make chaos     kill -9 and fault matrix of pulumi runs, as a table (minutes; not in make test)"
	@echo "make generate  schema.json, the typed args and the Go SDK (sdk/go), from provider/pulumi_did_agents/spec"
	@echo "make sdk-deps  Debian chromium + the pinned @d-id/client-sdk builds for tests/sdk"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $@

cli:
	@bash tools/build-pulumi-cli.sh

test: install cli lint
	$(VENV)/bin/pytest

# The official-SDK tests (tests/sdk) need a browser and D-ID's published SDK. Chromium comes from Debian
# (installed once, quietly); the SDK builds come from tests/sdk/package-lock.json, whose sha512 npm
# checks, and npm ci reruns only when the lock or manifest changes (stamp). npm's cache makes reruns offline.
.PHONY: sdk-deps
DID_SDK_CHROMIUM ?= /usr/bin/chromium
export DID_SDK_CHROMIUM
SDK_STAMP := tests/sdk/node_modules/.installed
test: sdk-deps
test-fast: sdk-deps

sdk-deps: $(SDK_STAMP)
	@test -x $(DID_SDK_CHROMIUM) || { \
	  command -v apt-get >/dev/null || { echo "no $(DID_SDK_CHROMIUM) and no apt-get: install Chromium, set DID_SDK_CHROMIUM"; exit 1; }; \
	  echo "installing Debian's chromium for tests/sdk"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }

$(SDK_STAMP): tests/sdk/package.json tests/sdk/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js (>= 18) for tests/sdk"; exit 1; }
	cd tests/sdk && npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

test-fast: install
	$(VENV)/bin/pytest -m "not engine"

demo: install cli
	$(VPY) tools/demo.py

bench: install cli
	SCALE=$(SCALE) $(VPY) bench/run.py

# The Go SDK in sdk/go is generated from schema.json and committed (Go programs import it by a
# `replace`); tests/tools/test_go_sdk.py fails when it is stale.
generate: install
	$(VPY) -m pulumi_did_agents.codegen
	bash tools/sdkgen/gen-sdk.sh go sdk/go

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

emulator: install
	@mkdir -p .demo
	$(VENV)/bin/did-agents-emulator serve --host 127.0.0.1 --port 8790 --db .demo/emulator.db --api-key demo:emulator-secret

clean:
	rm -rf .demo .pytest_cache .mypy_cache .ruff_cache

# The kill/fault matrix of interrupted runs (docs/interrupted-runs.md): minutes, so not in `make test`,
# which runs its deterministic subset (tests/chaos).
.PHONY: chaos
chaos: install cli
	$(VPY) tools/chaos.py
