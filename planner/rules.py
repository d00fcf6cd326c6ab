"""Rulebook parameters: every number of the work rules, with its article and default.

A rulebook is a named set of parameters (built in: ``yanzhou-2022``). A scenario may name a
rulebook file (YAML mapping of the same keys) and override single keys under ``rules``.
Nothing in the planner hard-codes one of these numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Rulebook:
    """The parameters of one government's work rules (defaults: Yanzhou 2022)."""

    name: str = "yanzhou-2022"
    # Art. 43: an executive meeting needs more than this share of its members present.
    quorum_fraction: Fraction = Fraction(1, 2)
    # Art. 47: materials reach the office this many working days before the meeting.
    materials_lead_workdays: int = 5
    # Art. 78: a department head's leave is requested at least this many days ahead.
    leave_notice_days: int = 3
    # Art. 43 (6): work safety and ecology are studied at an executive meeting at least
    # once in this many days (a quarter).
    cadence_days: dict[str, int] = field(default_factory=lambda: {"safety": 92, "ecology": 92})
    # Art. 61: a brief to the government is at most this many characters.
    brief_max_chars: int = 2000
    # Art. 57: countersigning departments answer within this many working days ...
    countersign_workdays: int = 3
    # ... and within this many calendar days for a complex matter.
    countersign_complex_days: int = 7
    # Limits the rules do not fix (documented defaults, working days).
    draft_approval_workdays: int = 2
    legality_review_workdays: int = 5
    fair_competition_review_workdays: int = 5
    office_review_workdays: int = 2
    sign_workdays: int = 2
    co_sign_workdays: int = 2
    seal_workdays: int = 1
    # Art. 59 (1): recipient ids that stand for the government one level up (报市政府).
    superior_recipients: tuple[str, ...] = ("city_government",)
    # Art. 54: words in a title that mark a classified matter (密级 must then be marked).
    classified_title_markers: tuple[str, ...] = ("涉密", "绝密", "机密", "秘密")
    # Art. 53-62: the document routing table (list of step mappings, see
    # planner/routing/table.py); empty means the built-in table of the Yanzhou rules.
    document_routes: tuple[Any, ...] = ()
    # Art. 88: invitations for leaders reach the office this many days ahead.
    invitation_notice_days: int = 7
    # Art. 25: categories that only a plenary or executive meeting decides.
    reserved_categories: tuple[str, ...] = (
        "plan",
        "budget",
        "normative",
        "major_decision",
        "project",
    )
    # A topic at or above this priority counts as urgent (an optional meeting is held for it).
    urgent_priority: int = 5
    # Soft-constraint weights (objective units). Deferring a topic costs
    # ``defer_unit`` scaled so that a lower priority never displaces a higher one.
    defer_unit: int = 1000
    unscheduled_meeting_weight: int = 1_000_000
    optional_meeting_weight: int = 400
    presenter_stand_in_weight: int = 60
    # Art. 43: the mayor convenes and chairs; the executive vice-mayor chairing costs.
    chair_stand_in_weight: int = 100
    attending_head_absent_weight: int = 10
    cadence_missed_weight: int = 5000
    day_weight: int = 1
    # Equal priorities: first come first served (per place in the queue).
    queue_weight: int = 1
    # Rooms and times of day (soft): per grain a meeting starts after its half-day begins,
    # per person with no break of room_break_minutes between two meetings, per person
    # switching rooms between adjacent meetings.
    room_early_weight: int = 1
    room_break_weight: int = 5
    room_break_minutes: int = 15
    room_switch_weight: int = 3
    # What-if: each moved meeting, changed chair or moved topic costs this much.
    stability_meeting_weight: int = 400
    stability_chair_weight: int = 100
    stability_topic_weight: int = 50
    # Calendar reminders, minutes before the event.
    alarm_minutes: tuple[int, ...] = (1440, 30)
    # Reminders of a topic's materials-due to-do, minutes before it is due (end of office hours).
    materials_alarm_minutes: tuple[int, ...] = (1440,)
    # The calendars' organizer (the office): its e-mail (empty: none) and name (empty: the
    # catalogue's "district government office").
    organizer_email: str = ""
    organizer_name: str = ""
    # How often subscribed calendars should be fetched again (REFRESH-INTERVAL), in minutes.
    calendar_refresh_minutes: int = 60

    def replace(self, **changes: Any) -> Rulebook:
        return dataclasses.replace(self, **changes)


BUILT_IN: dict[str, Rulebook] = {"yanzhou-2022": Rulebook()}

PARAMETERS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Rulebook) if f.name != "name"
)


def coerce(name: str, value: Any) -> Any:
    """Convert a YAML value to the type of parameter `name`; raise ValueError if it cannot."""
    current = getattr(Rulebook(), name)
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if isinstance(current, Fraction):
        if isinstance(value, str) and "/" in value:
            result = Fraction(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            result = Fraction(value).limit_denominator(1000)
        else:
            raise ValueError("expected a fraction such as 1/2 or 0.5")
        if not 0 <= result < 1:
            raise ValueError("must be at least 0 and below 1")
        return result
    if isinstance(current, int):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("expected a whole number")
        if value < 0:
            raise ValueError("must not be negative")
        return value
    if isinstance(current, dict):
        if not isinstance(value, dict):
            raise ValueError("expected a mapping")
        merged = dict(current)
        for k, v in value.items():
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"{k}: expected a positive whole number")
            merged[str(k)] = v
        return merged
    if isinstance(current, str):
        if not isinstance(value, str):
            raise ValueError("expected text")
        return value
    if isinstance(current, tuple):
        if not isinstance(value, list):
            raise ValueError("expected a list")
        return tuple(value)
    return value
