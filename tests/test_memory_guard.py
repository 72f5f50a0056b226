"""The memory regression guard's rule (benchmarks/memory_guard.py), without running anything."""

from __future__ import annotations

import json

from benchmarks.memory_guard import BASELINE, GUARDED, Ratios, regressions

BASE = Ratios(pss=1.10, anon=1.10, rss=1.20)


def test_a_ratio_within_ten_percent_of_its_baseline_passes() -> None:
    assert regressions(Ratios(pss=1.15, anon=1.20, rss=1.30), BASE) == []


def test_a_ratio_more_than_ten_percent_over_its_baseline_fails() -> None:
    found = regressions(Ratios(pss=1.10, anon=1.22, rss=1.20), BASE)
    assert len(found) == 1
    assert found[0].startswith("anon: 1.220x")


def test_rss_is_guarded_too() -> None:
    found = regressions(Ratios(pss=1.10, anon=1.10, rss=1.40), BASE)
    assert [line.split(":")[0] for line in found] == ["rss"]


def test_pss_alone_never_fails_the_guard() -> None:
    # PSS moves with what other processes map at that moment: reported, not held.
    assert "pss" not in GUARDED
    assert regressions(Ratios(pss=2.0, anon=1.10, rss=1.20), BASE) == []


def test_the_committed_baseline_has_every_guarded_ratio() -> None:
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    for name in (*GUARDED, "pss"):
        assert float(recorded[name]) > 1.0
