"""Presence, stand-in chains (Art. 6, 8) and the chair (Art. 43)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from planner.availability import Availability
from planner.model import Slot
from planner.scenario import Loaded
from tests.helpers import leave

Build = Callable[[dict[str, Any]], Loaded]
AM = Slot(date(2026, 6, 1), "am")
PM = Slot(date(2026, 6, 1), "pm")


def avail(loaded: Loaded) -> Availability:
    return Availability(loaded.scenario, loaded.calendar)


def test_half_day_leave_covers_only_that_half(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-01", "2026-06-02", half="pm")]
    a = avail(build(base))
    assert a.present("vm1", AM) and not a.present("vm1", PM)


def test_vice_mayor_stand_in(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-01")]
    assert avail(build(base)).acting("vm1", AM) == "vm2"


def test_chain_goes_on_when_the_stand_in_is_away(base: dict[str, Any], build: Build) -> None:
    """evm → vm1 → vm2: with evm and vm1 away, vm2 acts for evm."""
    base["leaves"] = [leave("evm", "2026-06-01"), leave("vm1", "2026-06-01")]
    assert avail(build(base)).acting("evm", AM) == "vm2"


def test_mutual_pair_both_away_means_nobody(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-01"), leave("vm2", "2026-06-01")]
    assert avail(build(base)).acting("vm1", AM) is None


def test_mayor_stand_in_defaults_to_executive_vice_mayor(
    base: dict[str, Any], build: Build
) -> None:
    base["leaves"] = [leave("may", "2026-06-01")]
    a = avail(build(base))
    assert a.acting("may", AM) == "evm"
    assert a.chair(AM) == "evm"


def test_no_chair_when_mayor_and_executive_vice_mayor_away(
    base: dict[str, Any], build: Build
) -> None:
    base["leaves"] = [leave("may", "2026-06-01"), leave("evm", "2026-06-01")]
    assert avail(build(base)).chair(AM) is None


def test_acting_over_days_uses_any_present_day(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-01", "2026-06-02")]
    a = avail(build(base))
    assert a.acting_on_days("vm1", [date(2026, 6, 1), date(2026, 6, 2)]) == "vm2"
    assert a.acting_on_days("vm1", [date(2026, 6, 2), date(2026, 6, 3)]) == "vm1"
