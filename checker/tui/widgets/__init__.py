"""Widgets the screens share: project table, findings tree, filter bar, source view."""
