"""Developer tools run from a checkout (`uv run python -m tools.i18n ...`); not shipped."""
