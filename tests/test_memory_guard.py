"""The memory regression guard's rule (benchmarks/memory_guard.py), without running anything."""

from __future__ import annotations

from benchmarks.memory_guard import Ratios, regressions


def test_a_ratio_within_ten_percent_of_its_baseline_passes() -> None:
    assert regressions(Ratios(pss=1.15, anon=1.20), Ratios(pss=1.10, anon=1.10)) == []


def test_a_ratio_more_than_ten_percent_over_its_baseline_fails() -> None:
    found = regressions(Ratios(pss=1.10, anon=1.22), Ratios(pss=1.10, anon=1.10))
    assert len(found) == 1
    assert found[0].startswith("anon: 1.220x")
