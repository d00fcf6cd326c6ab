"""Working days: weekends, statutory holidays, 调休, days_off/workdays, uncovered years."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.model import CalendarSpec
from planner.scenario import InputError, Loaded
from planner.workdays import UncoveredYear, WorkCalendar
from tests.conftest import write_scenario

Build = Callable[[dict[str, Any]], Loaded]


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar(CalendarSpec())


def test_weekends_and_holidays_are_off(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2026, 6, 18))
    assert not cal.is_workday(date(2026, 6, 19))  # Dragon Boat Festival
    assert cal.is_holiday(date(2026, 6, 19))
    assert not cal.is_workday(date(2026, 6, 20))  # Saturday
    assert not cal.is_holiday(date(2026, 6, 20))


def test_adjusted_working_days(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2026, 10, 10))  # Saturday declared a working day
    assert cal.is_adjusted_workday(date(2026, 10, 10))
    assert not cal.is_workday(date(2026, 10, 11))
    assert all(not cal.is_workday(date(2026, 10, d)) for d in range(1, 8))


def test_add_workdays_across_national_day(cal: WorkCalendar) -> None:
    assert cal.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert cal.add_workdays(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert cal.add_workdays(date(2026, 10, 12), -3) == date(2026, 10, 8)
    assert cal.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_days_off_and_workdays_apply_on_top() -> None:
    spec = CalendarSpec(
        days_off=frozenset({date(2026, 6, 18)}), workdays=frozenset({date(2026, 6, 20)})
    )
    cal = WorkCalendar(spec)
    assert not cal.is_workday(date(2026, 6, 18))
    assert cal.is_workday(date(2026, 6, 20))


def test_year_without_holiday_data_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(UncoveredYear):
        cal.is_workday(date(2027, 1, 4))


def test_scenario_in_uncovered_year_tells_how_to_supply_it(
    base: dict[str, Any], build: Build
) -> None:
    base["horizon"] = {"from": "2027-01-04", "to": "2027-01-29"}
    with pytest.raises(InputError) as err:
        build(base)
    [problem] = err.value.problems
    assert problem.place == ("horizon", "from")
    assert "holiday_files" in problem.message("en") and "2027" in problem.message("en")


def test_holiday_file_supplies_a_year(base: dict[str, Any], tmp_path: Path, build: Build) -> None:
    (tmp_path / "holidays-2027.yaml").write_text(
        "year: 2027\nsource: test\nholidays:\n  - {from: 2027-01-01, to: 2027-01-03}\n"
        "workdays: [2027-01-09]\n",
        encoding="utf-8",
    )
    base["horizon"] = {"from": "2027-01-01", "to": "2027-01-10"}
    base["calendar"] = {"holiday_files": ["holidays-2027.yaml"]}
    loaded = build(base)
    assert not loaded.calendar.is_workday(date(2027, 1, 1))
    assert loaded.calendar.is_workday(date(2027, 1, 9))  # a Saturday declared working
    assert loaded.calendar.is_workday(date(2027, 1, 4))


def test_weekends_only_calendar(base: dict[str, Any], tmp_path: Path) -> None:
    base["horizon"] = {"from": "2031-03-03", "to": "2031-03-07"}
    base["calendar"] = {"holidays": "none"}
    from planner.scenario import load_scenario

    loaded = load_scenario(write_scenario(tmp_path, base))
    assert loaded.calendar.is_workday(date(2031, 3, 3))
    assert not loaded.calendar.is_workday(date(2031, 3, 8))
