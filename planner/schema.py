"""The shape of scenario and what-if files (pydantic): types, required fields, value ranges.

Cross references (an id that must exist elsewhere in the file) and rulebook checks are in
`planner.scenario`; this module only says what each field may hold.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from planner.model import (
    CATEGORIES,
    CLASSIFICATIONS,
    DOCUMENT_KINDS,
    ISSUERS,
    MEETING_KINDS,
    REVIEWS,
    ROLES,
)

SLUG = re.compile(r"^[a-z0-9_-]{1,64}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_TEXT = 2000
MAX_TITLE = 300


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError("slug")
    return value


def _text(limit: int) -> Any:
    """Text up to `limit` characters. Titles and names hold no line break of any kind;
    no text holds control characters (which could inject calendar properties or terminal
    escape sequences); tabs are allowed, and line feeds in long text."""
    allowed = "\t" if limit <= MAX_TITLE else "\t\n"

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"too_long:{limit}")
        for ch in value:
            kind = unicodedata.category(ch)
            if ch not in allowed and (kind in ("Cc", "Zl", "Zp")):
                raise ValueError("line_break" if ch in "\r\n\x85\u2028\u2029" else "control")
        return value

    return AfterValidator(check)


EMAIL = re.compile(r"^[^@\s<>,;:\"]+@[^@\s<>,;:\"]+\.[^@\s<>,;:\"]+$")


def _email(value: str) -> str:
    if len(value) > 254 or not EMAIL.match(value):
        raise ValueError("email")
    return value


Id = Annotated[str, AfterValidator(_slug)]
Email = Annotated[str, AfterValidator(_email)]
Title = Annotated[str, _text(MAX_TITLE)]
Text = Annotated[str, _text(MAX_TEXT)]
Half = Literal["am", "pm"]
Role = Literal[ROLES]  # type: ignore[valid-type]
Kind = Literal[MEETING_KINDS]  # type: ignore[valid-type]
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
ReviewName = Literal[REVIEWS]  # type: ignore[valid-type]
DocKind = Literal[DOCUMENT_KINDS]  # type: ignore[valid-type]
Issuer = Literal[ISSUERS]  # type: ignore[valid-type]
Classification = Literal[CLASSIFICATIONS]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Span(Strict):
    from_: date = Field(alias="from")
    to: date

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.to < self.from_:
            raise ValueError("ends_before_start")
        return self


class BlockedIn(Strict):
    date: date
    half: Half | None = None
    reason: Text = ""


class HoursIn(Strict):
    am: str = "08:30-12:00"
    pm: str = "14:30-18:00"

    @model_validator(mode="after")
    def _times(self) -> HoursIn:
        for value in (self.am, self.pm):
            parts = value.split("-")
            if len(parts) != 2 or not all(TIME.match(p.strip()) for p in parts):
                raise ValueError("hours")
            if parts[0].strip() >= parts[1].strip():
                raise ValueError("hours")
        return self


class CalendarIn(Strict):
    holidays: Literal["cn-statutory", "none"] = "cn-statutory"
    days_off: list[date] = []
    workdays: list[date] = []
    blocked: list[BlockedIn] = []
    hours: HoursIn = Field(default_factory=HoursIn)
    grain_minutes: int = Field(15, ge=5, le=120)
    timezone: str = "Asia/Shanghai"
    holiday_files: list[str] = []


class PersonIn(Strict):
    id: Id
    name: Title
    role: Role
    portfolio: list[Id] = []
    stand_in: Id | None = None
    department: Id | None = None
    email: Email | None = None


class DepartmentIn(Strict):
    id: Id
    name: Title
    does: list[Literal["legality_review", "fair_competition_review"]] = []


class RoomIn(Strict):
    id: Id
    name: Title
    capacity: int = Field(ge=1, le=10_000)


class LeaveIn(Strict):
    person: Id
    from_: date = Field(alias="from")
    to: date
    half: Half | None = None
    reason: Text = ""
    requested: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> LeaveIn:
        if self.to < self.from_:
            raise ValueError("ends_before_start")
        return self


class FixedIn(Strict):
    date: date
    half: Half


class MeetingIn(Strict):
    id: Id
    kind: Kind
    minutes: int = Field(ge=15, le=480)
    title: Title = ""
    chair: Id | None = None
    window: Span | None = None
    fixed: FixedIn | None = None
    location: Title | None = None
    optional: bool = False
    attendees: list[Id] = []
    optional_attendees: list[Id] = []


class TopicIn(Strict):
    id: Id
    title: Title
    department: Id
    vice_mayor: Id
    decided_by: Kind
    category: Category = "general"
    minutes: int = Field(20, ge=1, le=480)
    materials: date | None = None
    reviews: dict[ReviewName, date] = {}
    attending: list[Id] = []
    priority: int = Field(3, ge=1, le=5)
    deadline: date | None = None
    public: bool = True
    market_entities: bool = False
    public_interest: bool = False
    lead_time_waived: Text | None = None
    brief: Text | None = None


class DocumentIn(Strict):
    id: Id
    title: Title
    kind: DocKind
    issuer: Issuer = "department"
    to: list[str] = []
    drafter: Id | None = None
    involves: list[Id] = []
    complex: bool = False
    decided_at: Id | None = None
    routine: bool = False
    scope: Literal["normal", "broad"] = "normal"
    urgent: bool = False
    classification: Classification = "none"
    market_entities: bool = False
    matters: int = Field(1, ge=1, le=100)
    asks: bool = False
    via_office: bool = True
    topic: Id | None = None
    start: date


class ScenarioIn(Strict):
    scenario: Title
    horizon: Span
    rulebook: str = "yanzhou-2022"
    rules: dict[str, Any] = {}
    calendar: CalendarIn = Field(default_factory=CalendarIn)
    people: list[PersonIn] = Field(min_length=1)
    rooms: list[RoomIn] = []
    departments: list[DepartmentIn] = Field(min_length=1)
    leaves: list[LeaveIn] = []
    meetings: list[MeetingIn] = []
    history: dict[Literal["safety", "ecology"], date] = {}
    topics: list[TopicIn] = []
    documents: list[DocumentIn] = []


class WhatIfIn(Strict):
    base: str
    name: Title = ""
    add: dict[str, Any] = {}  # list → entries; calendar → {blocked|days_off|workdays → entries}
    remove: dict[str, Any] = {}  # list → ids (leaves: indexes); calendar → {list → keys}
    change: dict[str, dict[str, dict[str, Any]]] = {}
    rules: dict[str, Any] = {}
