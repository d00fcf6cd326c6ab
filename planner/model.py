"""Domain types of a planning scenario.

Plain frozen dataclasses: they know nothing of YAML, of the solver or of output formats.
Validation of user input happens in `planner.scenario`; these types assume valid data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Half = Literal["am", "pm"]
HALVES: tuple[Half, Half] = ("am", "pm")

Role = Literal[
    "mayor",
    "executive_vice_mayor",
    "vice_mayor",
    "office_director",
    "office_deputy",
    "department_head",
]
ROLES: tuple[Role, ...] = (
    "mayor",
    "executive_vice_mayor",
    "vice_mayor",
    "office_director",
    "office_deputy",
    "department_head",
)
LEADER_ROLES: frozenset[str] = frozenset({"mayor", "executive_vice_mayor", "vice_mayor"})

MeetingKind = Literal["plenary", "executive", "mayor_office", "topic"]
MEETING_KINDS: tuple[MeetingKind, ...] = ("plenary", "executive", "mayor_office", "topic")

Category = Literal[
    "normative", "major_decision", "budget", "plan", "project", "safety", "ecology", "general"
]
CATEGORIES: tuple[Category, ...] = (
    "normative",
    "major_decision",
    "budget",
    "plan",
    "project",
    "safety",
    "ecology",
    "general",
)

Review = Literal[
    "legality",
    "fair_competition",
    "stability_risk",
    "public_participation",
    "expert",
    "risk_assessment",
]
REVIEWS: tuple[Review, ...] = (
    "legality",
    "fair_competition",
    "stability_risk",
    "public_participation",
    "expert",
    "risk_assessment",
)

DocumentKind = Literal[
    "request",
    "report",
    "normative",
    "contract",
    "appointment",
    "motion",
    "travel_abroad",
    "notice",
    "letter",
    "minutes",
]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    "request",
    "report",
    "normative",
    "contract",
    "appointment",
    "motion",
    "travel_abroad",
    "notice",
    "letter",
    "minutes",
)
Issuer = Literal["government", "office", "department"]
ISSUERS: tuple[Issuer, ...] = ("government", "office", "department")
Classification = Literal["none", "secret", "confidential", "top_secret"]
CLASSIFICATIONS: tuple[Classification, ...] = ("none", "secret", "confidential", "top_secret")
Scope = Literal["normal", "broad"]


@dataclass(frozen=True, order=True)
class Slot:
    """One half-day: the unit a meeting is placed on."""

    day: date
    half: Half

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.half}"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: Role
    portfolio: tuple[str, ...] = ()
    stand_in: str | None = None
    department: str | None = None
    email: str | None = None

    @property
    def is_leader(self) -> bool:
        return self.role in LEADER_ROLES


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    does: tuple[str, ...] = ()


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    capacity: int


@dataclass(frozen=True)
class Leave:
    person: str
    start: date
    end: date
    half: Half | None = None
    reason: str = ""
    requested: date | None = None

    def covers(self, slot: Slot) -> bool:
        """Whether this leave takes the person away on the half-day."""
        return self.start <= slot.day <= self.end and (self.half is None or self.half == slot.half)


@dataclass(frozen=True)
class Blocked:
    day: date
    half: Half | None
    reason: str = ""

    def covers(self, slot: Slot) -> bool:
        return self.day == slot.day and (self.half is None or self.half == slot.half)


@dataclass(frozen=True)
class Window:
    start: date
    end: date


@dataclass(frozen=True)
class Meeting:
    id: str
    kind: MeetingKind
    minutes: int
    title: str = ""
    chair: str | None = None
    window: Window | None = None
    fixed: Slot | None = None
    location: str | None = None
    optional: bool = False
    attendees: tuple[str, ...] = ()
    optional_attendees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    department: str
    vice_mayor: str
    decided_by: MeetingKind
    category: Category = "general"
    minutes: int = 20
    materials: date | None = None
    reviews: tuple[tuple[str, date], ...] = ()
    attending: tuple[str, ...] = ()
    priority: int = 3
    deadline: date | None = None
    public: bool = True
    market_entities: bool = False
    public_interest: bool = False
    lead_time_waived: str | None = None

    def review_date(self, review: str) -> date | None:
        for name, finished in self.reviews:
            if name == review:
                return finished
        return None


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: DocumentKind
    issuer: Issuer
    drafter: str | None
    start: date
    to: tuple[str, ...] = ()
    involves: tuple[str, ...] = ()
    complex: bool = False
    decided_at: str | None = None
    routine: bool = False
    scope: Scope = "normal"
    urgent: bool = False
    classification: Classification = "none"
    market_entities: bool = False
    matters: int = 1
    asks: bool = False
    via_office: bool = True
    topic: str | None = None


@dataclass(frozen=True)
class Hours:
    am: tuple[str, str] = ("08:30", "12:00")
    pm: tuple[str, str] = ("14:30", "18:00")

    def of(self, half: Half) -> tuple[str, str]:
        return self.am if half == "am" else self.pm


@dataclass(frozen=True)
class HolidayYear:
    """One year's statutory holidays and adjusted working days, as the State Council set them."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str = ""


@dataclass(frozen=True)
class CalendarSpec:
    holidays: Literal["cn-statutory", "none"] = "cn-statutory"
    days_off: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    blocked: tuple[Blocked, ...] = ()
    hours: Hours = Hours()
    grain_minutes: int = 15
    timezone: str = "Asia/Shanghai"
    holiday_years: tuple[HolidayYear, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """Everything one planning run needs, validated."""

    title: str
    start: date
    end: date
    people: tuple[Person, ...]
    departments: tuple[Department, ...]
    calendar: CalendarSpec = CalendarSpec()
    rules: tuple[tuple[str, object], ...] = ()
    rulebook: str = "yanzhou-2022"
    rooms: tuple[Room, ...] = ()
    leaves: tuple[Leave, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    topics: tuple[Topic, ...] = ()
    documents: tuple[Document, ...] = ()
    history: tuple[tuple[str, date], ...] = ()
    source: str = ""
    _index: dict[str, dict[str, object]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    def replace(self, **changes: object) -> Scenario:
        """A changed copy (what-if overlays build on this)."""
        return dataclasses.replace(self, _index={}, **changes)  # type: ignore[arg-type]

    def _lookup(self, kind: str, items: tuple[object, ...]) -> dict[str, object]:
        if kind not in self._index:
            self._index[kind] = {getattr(x, "id"): x for x in items}  # noqa: B009
        return self._index[kind]

    def person(self, pid: str) -> Person:
        return self._lookup("people", self.people)[pid]  # type: ignore[return-value]

    def department(self, did: str) -> Department:
        return self._lookup("departments", self.departments)[did]  # type: ignore[return-value]

    def meeting(self, mid: str) -> Meeting:
        return self._lookup("meetings", self.meetings)[mid]  # type: ignore[return-value]

    def topic(self, tid: str) -> Topic:
        return self._lookup("topics", self.topics)[tid]  # type: ignore[return-value]

    def has_person(self, pid: str) -> bool:
        return pid in self._lookup("people", self.people)

    def by_role(self, role: str) -> list[Person]:
        return [p for p in self.people if p.role == role]

    def _first_of_role(self) -> dict[str, object]:
        """The first person of each role (cached: the solver asks for the mayor a lot)."""
        if "first_of_role" not in self._index:
            first: dict[str, object] = {}
            for p in self.people:
                first.setdefault(p.role, p)
            self._index["first_of_role"] = first
        return self._index["first_of_role"]

    @property
    def mayor(self) -> Person | None:
        return self._first_of_role().get("mayor")  # type: ignore[return-value]

    @property
    def executive_vice_mayor(self) -> Person | None:
        return self._first_of_role().get("executive_vice_mayor")  # type: ignore[return-value]

    def head_of(self, department: str) -> Person | None:
        """The first department head of `department` (cached index)."""
        if "heads" not in self._index:
            heads: dict[str, object] = {}
            for p in self.people:
                if p.role == "department_head" and p.department is not None:
                    heads.setdefault(p.department, p)
            self._index["heads"] = heads
        return self._index["heads"].get(department)  # type: ignore[return-value]

    def leader_of(self, department: str) -> Person | None:
        """The leader whose portfolio holds the department (分管领导)."""
        for p in self.people:
            if p.is_leader and department in p.portfolio:
                return p
        return None

    def history_date(self, key: str) -> date | None:
        for k, d in self.history:
            if k == key:
                return d
        return None
