"""Working days: weekends, statutory holidays, adjusted working days (调休), then the scenario.

Statutory holidays and adjusted working days come from the ``chinese-calendar`` package for
the years it covers, and from holiday files (one per year, transcribed from the State
Council's notice) for the years it does not yet cover; bundled files live in
``planner/data/holidays/`` and a scenario may add its own with ``calendar.holiday_files``.
A date in a year no source covers is an error, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import yaml

from planner.model import CalendarSpec, HolidayYear


class UncoveredYear(ValueError):
    """A date lies in a year for which no holiday data is known."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


def parse_holiday_year(data: object) -> HolidayYear:
    """Build a HolidayYear from the mapping of a holiday file; raise ValueError if malformed."""
    if not isinstance(data, dict) or "year" not in data:
        raise ValueError("a holiday file is a mapping with year, holidays and workdays")
    year = data["year"]
    if not isinstance(year, int):
        raise ValueError("year: expected a whole number")

    def days(key: str) -> frozenset[date]:
        out: set[date] = set()
        for item in data.get(key) or []:
            if isinstance(item, date):
                out.add(item)
            elif isinstance(item, dict) and isinstance(item.get("from"), date):
                first, last = item["from"], item.get("to", item["from"])
                if not isinstance(last, date) or last < first:
                    raise ValueError(f"{key}: a range ends before it starts")
                out.update(first + timedelta(n) for n in range((last - first).days + 1))
            else:
                raise ValueError(f"{key}: expected dates or {{from, to}} ranges")
        for d in out:
            if d.year != year:
                raise ValueError(f"{key}: {d.isoformat()} is not in {year}")
        return frozenset(out)

    return HolidayYear(year, days("holidays"), days("workdays"), str(data.get("source", "")))


def bundled_holiday_years() -> dict[int, HolidayYear]:
    """Holiday files shipped with the planner (years chinese-calendar does not cover yet)."""
    out: dict[int, HolidayYear] = {}
    folder = Path(__file__).resolve().parent / "data" / "holidays"
    for entry in sorted(folder.glob("*.yaml")):
        hy = parse_holiday_year(yaml.safe_load(entry.read_text(encoding="utf-8")))
        out[hy.year] = hy
    return out


def _chinese_calendar_years() -> tuple[int, int]:
    from chinese_calendar.constants import holidays

    years = [d.year for d in holidays]
    return min(years), max(years)


class WorkCalendar:
    """Answers which days are working days for one scenario."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self._years: dict[int, HolidayYear] = {}
        if spec.holidays == "cn-statutory":
            self._years.update(bundled_holiday_years())
            self._years.update({hy.year: hy for hy in spec.holiday_years})
            self._cc_range = _chinese_calendar_years()
        else:
            self._cc_range = (1, 9999)
        self._cache: dict[date, bool] = {}

    def covers(self, year: int) -> bool:
        if self.spec.holidays != "cn-statutory":
            return True
        lo, hi = self._cc_range
        return lo <= year <= hi or year in self._years

    def _statutory_workday(self, d: date) -> bool:
        if self.spec.holidays != "cn-statutory":
            return d.weekday() < 5
        if d.year in self._years:
            hy = self._years[d.year]
            if d in hy.workdays:
                return True
            if d in hy.holidays:
                return False
            return d.weekday() < 5
        lo, hi = self._cc_range
        if not lo <= d.year <= hi:
            raise UncoveredYear(d.year)
        import chinese_calendar

        return bool(chinese_calendar.is_workday(d))

    def is_workday(self, d: date) -> bool:
        """Working day: weekday or 调休, not a statutory holiday; then days_off/workdays."""
        cached = self._cache.get(d)
        if cached is not None:
            return cached
        if d in self.spec.workdays:
            result = True
        elif d in self.spec.days_off:
            result = False
        else:
            result = self._statutory_workday(d)
        self._cache[d] = result
        return result

    def is_holiday(self, d: date) -> bool:
        """A statutory holiday (not merely a weekend)."""
        return not (d.weekday() >= 5 or self._statutory_workday(d))

    def is_adjusted_workday(self, d: date) -> bool:
        """A weekend day declared a working day (调休)."""
        return d.weekday() >= 5 and self._statutory_workday(d)

    def workdays(self, first: date, last: date) -> list[date]:
        return [d for d in days_between(first, last) if self.is_workday(d)]

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start not counted); n = 0 gives start."""
        d = start
        step = 1 if n >= 0 else -1
        left = abs(n)
        while left:
            d += timedelta(step)
            if self.is_workday(d):
                left -= 1
        return d

    def next_workday_on_or_after(self, d: date) -> date:
        while not self.is_workday(d):
            d += timedelta(1)
        return d


def days_between(first: date, last: date) -> Iterator[date]:
    for n in range((last - first).days + 1):
        yield first + timedelta(n)
