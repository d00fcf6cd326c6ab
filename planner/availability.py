"""Who is present on a half-day, who acts for whom (Art. 6, 8), and who chairs (Art. 43)."""

from __future__ import annotations

from datetime import date

from planner.model import HALVES, Leave, Scenario, Slot
from planner.workdays import WorkCalendar, days_between


class Availability:
    """Presence and stand-ins for one scenario; pure functions of its leaves and calendar."""

    def __init__(self, scenario: Scenario, calendar: WorkCalendar) -> None:
        self.scenario = scenario
        self.calendar = calendar
        self._leaves: dict[str, list[Leave]] = {}
        for lv in scenario.leaves:
            self._leaves.setdefault(lv.person, []).append(lv)
        self._blocked = scenario.calendar.blocked

    def slots(self) -> list[Slot]:
        """Working half-days of the horizon, in order."""
        return [
            Slot(d, h)
            for d in days_between(self.scenario.start, self.scenario.end)
            if self.calendar.is_workday(d)
            for h in HALVES
        ]

    def leave_of(self, person: str, slot: Slot) -> Leave | None:
        """The leave that takes `person` away on `slot`, if any."""
        for lv in self._leaves.get(person, ()):
            if lv.covers(slot):
                return lv
        return None

    def present(self, person: str, slot: Slot) -> bool:
        """A person is present on a half-day unless one of their leaves covers it."""
        return self.leave_of(person, slot) is None

    def blocked(self, slot: Slot) -> str | None:
        """The reason a blocked half-day takes all leaders, or None."""
        for b in self._blocked:
            if b.covers(slot):
                return b.reason or "—"
        return None

    def stand_in_of(self, person: str) -> str | None:
        """The designated stand-in; the mayor's is the executive vice-mayor unless named."""
        p = self.scenario.person(person)
        if p.stand_in is not None:
            return p.stand_in
        if p.role == "mayor":
            evm = self.scenario.executive_vice_mayor
            return evm.id if evm else None
        return None

    def acting(self, person: str, slot: Slot) -> str | None:
        """acting(p) = p if present, else acting(stand-in of p); a loop or a dead end: None."""
        seen: set[str] = set()
        current: str | None = person
        while current is not None and current not in seen:
            if self.present(current, slot):
                return current
            seen.add(current)
            current = self.stand_in_of(current)
        return None

    def acting_on_days(self, person: str, days: list[date]) -> str | None:
        """Who acts for `person` over a stretch of working days (document steps).

        The owner acts if present on some half-day of those days; otherwise the first along
        the stand-in chain who is.
        """
        seen: set[str] = set()
        current: str | None = person
        while current is not None and current not in seen:
            if any(self.present(current, Slot(d, h)) for d in days for h in HALVES):
                return current
            seen.add(current)
            current = self.stand_in_of(current)
        return None

    def members(self) -> list[str]:
        """Members of executive and mayor's office meetings: mayor and vice-mayors (Art. 43)."""
        return [p.id for p in self.scenario.people if p.is_leader]

    def chair(self, slot: Slot) -> str | None:
        """The mayor if present, else the executive vice-mayor if present, else nobody."""
        mayor = self.scenario.mayor
        if mayor and self.present(mayor.id, slot):
            return mayor.id
        evm = self.scenario.executive_vice_mayor
        if evm and self.present(evm.id, slot):
            return evm.id
        return None
