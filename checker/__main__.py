"""`python -m checker` runs the govcheck command."""

from checker.cli import run

run()
