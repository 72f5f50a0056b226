"""End-to-end tests on a real X server (a package so its conftest has its own module name)."""
