# Developer shortcuts. `make check` is what to run before every commit.
PYTHON ?= python

.PHONY: check format lint types test schemas ci

check: lint types test

format:
	ruff format checker tests benchmarks

lint:
	ruff format --check checker tests benchmarks
	ruff check checker tests benchmarks

types:
	mypy

test:
	$(PYTHON) -m pytest -q

schemas:
	govcheck schema --update

ci:
	.ci/run
