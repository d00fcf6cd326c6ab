"""Who acts on a step (Art. 6, 8): the owner if present on some working day of the step,
else the first along the stand-in chain who is; with nobody, the step waits (or, for a
countersign, silence past the limit counts as no objection, Art. 57)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.availability import Availability
from planner.workdays import WorkCalendar

LOOK_PAST = 40


@dataclass(frozen=True)
class Acting:
    """Who acts on a step and by when.

    `acting_for` is the owner when a stand-in acts; `waited` says the due date moved to the
    first day someone could act; `lapsed` says nobody could act and silence counts as consent.
    """

    assignee: str | None
    acting_for: str | None
    due: date | None
    waited: bool = False
    lapsed: bool = False


class StandIns:
    """Stand-in decisions for document steps over one scenario's leaves and calendar."""

    def __init__(self, availability: Availability, calendar: WorkCalendar) -> None:
        self.availability = availability
        self.calendar = calendar
        leaves = availability.scenario.leaves
        # After the last leave everyone is present: waiting never needs to look further.
        self.last_leave: date | None = max((lv.end for lv in leaves), default=None)

    def window(self, start: date, due: date) -> list[date]:
        """The working days after `start` up to `due` (just `due` when there are none)."""
        days = [
            start + timedelta(n)
            for n in range(1, (due - start).days + 1)
            if self.calendar.is_workday(start + timedelta(n))
        ]
        return days or [due]

    def acting(self, owner: str, start: date, due: date, silence_is_consent: bool) -> Acting:
        """Who acts for `owner` on a step that runs from `start` to `due`."""
        window = self.window(start, due)
        who = self.availability.acting_on_days(owner, window)
        if who is not None:
            return Acting(who, None if who == owner else owner, due)
        if silence_is_consent:
            return Acting(owner, None, due, lapsed=True)
        # Someone is present on the first working day after the last leave; the longest
        # run of days off (Spring Festival with its weekends) is well under LOOK_PAST days.
        day = due
        last = max(self.last_leave or due, due) + timedelta(LOOK_PAST)
        while day < last:
            day += timedelta(1)
            if not self.calendar.is_workday(day):
                continue
            who = self.availability.acting_on_days(owner, [day])
            if who is not None:
                return Acting(who, None if who == owner else owner, day, waited=True)
        return Acting(None, None, None, waited=True)
