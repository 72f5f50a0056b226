"""posture-break's tests: one package, so helpers import as `tests.harness...` from anywhere."""
