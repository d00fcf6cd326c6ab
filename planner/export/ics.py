"""Calendars (.ics) from a plan: what leaders, departments and the public subscribe to.

Files (FORMATS.md, "Calendars"): `office.ics` (every meeting and every materials-due to-do),
`person-<id>.ics` (the meetings that person attends), `dept-<id>.ics` (the meetings the
department attends and its own topics' to-dos) and `public.ics` (meetings and public
topics, no e-mail address). All are built with the icalendar library.

Three views of each item decide what a calendar may show:

- ``full``: the office (the organizer, which keeps every meeting's papers) and the people
  who attend the meeting: every title, attendees, absentees and stand-ins.
- ``masked``: department calendars and people the meeting no longer concerns: a topic with
  ``public: false`` shows as "议题（不公开）"; its documents are left out.
- ``public``: masked titles, no ORGANIZER, no ATTENDEE, no absentees, no alarms, no to-dos.

A classified document (``classification`` other than ``none``) never appears anywhere.

Updates in place: every item keeps its UID (``planner.export.ics_state``), SEQUENCE rises
when its content changes, and an item that vanished from the plan is written as
``STATUS:CANCELLED``. Subscription files carry no METHOD; invitations (RFC 5546) are
separate per-meeting files with ``METHOD:REQUEST`` or ``METHOD:CANCEL``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import (
    Alarm,
    Calendar,
    Component,
    Event,
    Parameters,
    Timezone,
    Todo,
    vCalAddress,
    vDuration,
)

from planner.availability import Availability
from planner.export.ics_state import (
    CANCELLED,
    LIVE,
    REMOVED,
    STATE_FILE,
    Current,
    Entry,
    State,
    advance,
)
from planner.export.names import Namer
from planner.messages import render
from planner.model import Slot, Topic
from planner.plan import Absence, Plan, PlannedMeeting, PlannedTopic, SolverInfo
from planner.reasons import Reason
from planner.scenario import Loaded

FULL = "full"
MASKED = "masked"
PUBLIC = "public"

PRODID = "-//planner//district government calendars//ZH"
CHAIR = "CHAIR"
REQ = "REQ-PARTICIPANT"
OPT = "OPT-PARTICIPANT"
_RANK = {CHAIR: 0, REQ: 1, OPT: 2}
OFFICE_ROLES = ("office_director", "office_deputy")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ADDRESS_NS = uuid.UUID("0b3c2f7e-6a41-5d0e-8c1b-4e9a7d2f6c35")


class QuotedParameters(Parameters):
    """Parameters that always quote CN: ical4j-based parsers keep non-ASCII names then."""

    always_quoted: tuple[str, ...] = (*Parameters.always_quoted, "CN")  # type: ignore[assignment]


class PlanReadError(ValueError):
    """A plan.json that cannot be read (exit status 2)."""


@dataclass
class Participant:
    key: str  # a person id, or "dept:<id>" for a department without a head
    name: str
    email: str | None
    role: str
    partstat: str
    group: bool = False
    delegated_to: list[str] = field(default_factory=list)
    delegated_from: list[str] = field(default_factory=list)

    @property
    def attends(self) -> bool:
        return self.partstat not in ("DECLINED", "DELEGATED")


def address(key: str, email: str | None) -> str:
    """A calendar user address: the e-mail if known, else a stable URN (never a made-up mail)."""
    if email:
        return f"mailto:{email}"
    return f"urn:uuid:{uuid.uuid5(_ADDRESS_NS, key)}"


def cal_address(key: str, name: str, email: str | None, **params: str | list[str]) -> vCalAddress:
    addr = vCalAddress(address(key, email))
    addr.params = QuotedParameters(cn=name, **params)
    return addr


@dataclass
class Built:
    """One item of this plan: its components per view (without UID/SEQUENCE yet)."""

    key: str
    kind: str
    start: datetime | None
    end: datetime | None
    summary: str
    views: dict[str, Component]
    calendars: dict[str, str]
    digest: str = ""


@dataclass
class Calendars:
    files: dict[str, bytes]  # "office.ics" → bytes
    invitations: dict[str, bytes]  # "exec-06.request.ics" → bytes
    state: State


def stems_for(loaded: Loaded, ident: str) -> list[str]:
    """The calendar file stems `--for ID` names (a person, a department, office or public)."""
    scenario = loaded.scenario
    out: list[str] = []
    if ident in ("office", "public"):
        out.append(ident)
    if scenario.has_person(ident):
        out.append(f"person-{ident}")
    if any(d.id == ident for d in scenario.departments):
        out.append(f"dept-{ident}")
    return out


class _Builder:
    def __init__(self, loaded: Loaded, plan: Plan, lang: str) -> None:
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.rules = loaded.rulebook
        self.plan = plan
        self.lang = lang
        self.namer = Namer(self.scenario, lang)
        self.tzid = self.scenario.calendar.timezone
        self.tz = ZoneInfo(self.tzid)
        self.avail = Availability(self.scenario, loaded.calendar)
        self.office_name = self.rules.organizer_name or render("ics.office", lang)
        self.documents: dict[str, list[str]] = {}
        for d in self.scenario.documents:
            if d.topic and d.classification == "none":
                self.documents.setdefault(d.topic, []).append(d.title)

    # ---- small helpers ----
    def r(self, key: str, **params: Any) -> str:
        return render(key, self.lang, **params)

    def sep(self) -> str:
        return self.r("word.sep")

    def person_name(self, pid: str | None) -> str:
        return self.namer.person(pid)

    def email(self, pid: str) -> str | None:
        return self.scenario.person(pid).email if self.scenario.has_person(pid) else None

    def present(self, pid: str, slot: Slot) -> bool:
        return self.scenario.has_person(pid) and self.avail.present(pid, slot)

    def topic_of(self, tid: str) -> Topic | None:
        try:
            return self.scenario.topic(tid)
        except KeyError:
            return None

    def is_public(self, tid: str) -> bool:
        topic = self.topic_of(tid)
        # A topic the scenario does not know is treated as not public.
        return topic is not None and topic.public

    def topic_title(self, tid: str, view: str) -> str:
        if view == FULL or self.is_public(tid):
            return self.namer.topic(tid)
        return self.r("ics.private_topic")

    def acting(self, person: str | None, owner: str | None) -> str:
        name = self.person_name(person)
        return self.r("ics.acting", person=name, owner=self.person_name(owner)) if owner else name

    def at(self, day: date, hhmm: str) -> datetime:
        return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=self.tz)

    def organizer(self) -> vCalAddress:
        email = self.rules.organizer_email or None
        return cal_address("office", self.office_name, email)

    def meeting_summary(self, m: PlannedMeeting) -> str:
        title = m.title
        if not title:
            try:
                title = self.scenario.meeting(m.id).title
            except KeyError:
                title = ""
        return self.r("ics.summary", kind=self.namer.kind(m.kind), title=title or m.id)

    def location(self, m: PlannedMeeting) -> str | None:
        if m.location:
            return m.location
        if m.room:
            for room in self.scenario.rooms:
                if room.id == m.room:
                    return room.name
            return m.room
        return None

    # ---- who is in a meeting ----
    def departments(self, m: PlannedMeeting) -> list[str]:
        """Departments that attend: those the agenda calls, the topics' own, the attendees'."""
        out: list[str] = []
        for d in m.attending:
            if d not in out:
                out.append(d)
        for tid in m.agenda:
            try:
                own = self.scenario.topic(tid).department
            except KeyError:
                continue
            if own not in out:
                out.append(own)
        for pid in (*m.attendees, *m.optional_attendees):
            if self.scenario.has_person(pid):
                p = self.scenario.person(pid)
                if p.role == "department_head" and p.department and p.department not in out:
                    out.append(p.department)
        return out

    def participants(self, m: PlannedMeeting) -> list[Participant]:
        slot = Slot(m.day, m.half)  # type: ignore[arg-type]
        out: dict[str, Participant] = {}

        def add(pid: str, role: str, partstat: str = "NEEDS-ACTION") -> None:
            have = out.get(pid)
            if have is None:
                out[pid] = Participant(pid, self.person_name(pid), self.email(pid), role, partstat)
            elif _RANK[role] < _RANK[have.role]:
                have.role = role

        if m.chair:
            add(m.chair, CHAIR, "ACCEPTED")
        for pid in m.present:
            add(pid, REQ)
        for tid in m.agenda:
            pt = self.plan.topic(tid)
            if pt is not None and pt.presenter:
                add(pt.presenter, REQ)
        for a in m.absent:
            if a.stand_in:
                add(a.stand_in, REQ)
        for pid in m.attendees:
            if self.present(pid, slot):
                add(pid, REQ)
        for pid in m.optional_attendees:
            if self.present(pid, slot):
                add(pid, OPT)
        for d in self.departments(m):
            head = self.scenario.head_of(d)
            if head is None:
                key = f"dept:{d}"
                if key not in out:
                    out[key] = Participant(
                        key, self.namer.department(d), None, OPT, "NEEDS-ACTION", group=True
                    )
            elif self.present(head.id, slot):
                add(head.id, OPT)
            elif head.id not in out:
                out[head.id] = Participant(head.id, head.name, head.email, OPT, "DECLINED")
        if m.kind != "topic":
            for p in self.scenario.people:
                if p.role in OFFICE_ROLES and self.present(p.id, slot):
                    add(p.id, OPT)
        for a in m.absent:
            if a.person in out:
                continue
            absent = Participant(
                a.person, self.person_name(a.person), self.email(a.person), REQ, "DECLINED"
            )
            if a.stand_in and a.stand_in in out:
                absent.partstat = "DELEGATED"
                stand_in = out[a.stand_in]
                absent.delegated_to.append(address(stand_in.key, stand_in.email))
                stand_in.delegated_from.append(address(absent.key, absent.email))
            out[a.person] = absent
        return list(out.values())

    # ---- events ----
    def description(self, m: PlannedMeeting, view: str, people: list[Participant]) -> str:
        r = self.r
        lines = [
            r(
                "ics.when",
                date=m.day.isoformat(),
                half=self.namer.half(m.half),
                start=m.start,
                end=m.end,
            )
        ]
        loc = self.location(m)
        if loc:
            lines.append(r("ics.location", location=loc))
        lines.append(r("ics.chair", chair=self.acting(m.chair, m.chair_acting_for)))
        lines.append(r("ics.agenda"))
        if not m.agenda:
            lines.append(r("ics.no_agenda"))
        for n, tid in enumerate(m.agenda, start=1):
            pt = self.plan.topic(tid)
            presenter = (
                self.acting(pt.presenter, pt.presenter_acting_for) if pt else self.person_name(None)
            )
            order = pt.order if pt is not None and pt.order is not None else n
            title = self.topic_title(tid, view)
            lines.append(r("ics.agenda_item", n=order, title=title, presenter=presenter))
            if view != PUBLIC and (view == FULL or self.is_public(tid)):
                for title in self.documents.get(tid, []):
                    lines.append(r("ics.agenda_document", title=title))
        if view != PUBLIC:
            if m.present:
                names = self.sep().join(self.person_name(p) for p in m.present)
                lines.append(r("ics.present", names=names))
            if m.absent:
                items = self.sep().join(self._absent_item(a) for a in m.absent)
                lines.append(r("ics.absent", items=items))
            depts = self.departments(m)
            if depts:
                names = self.sep().join(self.namer.department(d) for d in depts)
                lines.append(r("ics.attending", names=names))
            others = [p.name for p in people if p.attends and p.key not in m.present]
            if others:
                lines.append(r("ics.attendees", names=self.sep().join(others)))
        return "\n".join(lines)

    def _absent_item(self, a: Absence) -> str:
        person, stand_in = self.person_name(a.person), self.person_name(a.stand_in)
        return self.r("ics.absent_item", person=person, stand_in=stand_in)

    def alarms(
        self, component: Component, summary: str, minutes: tuple[int, ...], due: bool
    ) -> None:
        for n in minutes:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            params = {"RELATED": "END"} if due else {}
            alarm.add("trigger", timedelta(minutes=-int(n)), parameters=params)
            component.add_component(alarm)

    def meeting_event(self, m: PlannedMeeting, view: str, people: list[Participant]) -> Event:
        ev = Event()
        summary = self.meeting_summary(m)
        ev.add("summary", summary)
        ev.add("dtstart", self.at(m.day, m.start))
        ev.add("dtend", self.at(m.day, m.end))
        loc = self.location(m)
        if loc:
            ev.add("location", loc)
        ev.add("description", self.description(m, view, people))
        ev.add("status", LIVE)
        if view == PUBLIC:
            ev.add("class", "PUBLIC")
            ev.add("transp", "TRANSPARENT")
            return ev
        ev.add("transp", "OPAQUE")
        if view == FULL and not all(self.is_public(t) for t in m.agenda):
            ev.add("class", "PRIVATE")
        ev.add("organizer", self.organizer())
        for p in people:
            params: dict[str, str | list[str]] = {"role": p.role, "partstat": p.partstat}
            if p.group:
                params["cutype"] = "GROUP"
            if p.partstat == "NEEDS-ACTION":
                params["rsvp"] = "TRUE"
            if p.delegated_to:
                params["delegated-to"] = p.delegated_to
            if p.delegated_from:
                params["delegated-from"] = p.delegated_from
            ev.add("attendee", cal_address(p.key, p.name, p.email, **params))
        self.alarms(ev, summary, self.rules.alarm_minutes, due=False)
        return ev

    def meeting_item(self, m: PlannedMeeting) -> Built:
        people = self.participants(m)
        views: dict[str, Component] = {
            view: self.meeting_event(m, view, people) for view in (FULL, MASKED, PUBLIC)
        }
        calendars = {"office": FULL, "public": PUBLIC}
        for p in people:
            if p.attends and not p.group:
                calendars[f"person-{p.key}"] = FULL
        for d in self.departments(m):
            calendars[f"dept-{d}"] = MASKED
        return Built(
            f"meeting:{m.id}",
            "event",
            self.at(m.day, m.start),
            self.at(m.day, m.end),
            self.meeting_summary(m),
            views,
            calendars,
        )

    # ---- materials-due to-dos ----
    def todo_summary(self, tid: str, view: str) -> str:
        if view == FULL or self.is_public(tid):
            return self.r("ics.todo_summary", title=self.namer.topic(tid))
        return self.r("ics.todo_private", topic=tid)

    def due_at(self, day: date) -> datetime:
        return self.at(day, self.scenario.calendar.hours.pm[1])

    def todo(self, pt: PlannedTopic, m: PlannedMeeting, view: str) -> Todo:
        assert pt.materials_due is not None
        todo = Todo()
        summary = self.todo_summary(pt.id, view)
        todo.add("summary", summary)
        todo.add("due", self.due_at(pt.materials_due))
        meeting = self.meeting_summary(m)
        lines = [self.r("ics.todo_meeting", meeting=meeting, date=m.day.isoformat())]
        topic = self.topic_of(pt.id)
        if topic is not None:
            department = self.namer.department(topic.department)
            lines.append(self.r("ics.todo_department", department=department))
            lines.append(self.r("ics.todo_leader", leader=self.person_name(topic.vice_mayor)))
            if topic.lead_time_waived and view == FULL:
                lines.append(self.r("ics.todo_waived", reason=topic.lead_time_waived))
            todo.add("priority", {5: 1, 4: 3, 3: 5, 2: 7, 1: 9}.get(topic.priority, 5))
        received = topic.materials if topic is not None else None
        if received is not None and received <= pt.materials_due:
            lines.append(self.r("ics.todo_received", date=received.isoformat()))
            todo.add("status", "COMPLETED")
            todo.add("percent-complete", 100)
            todo.add("completed", self.due_at(received).astimezone(UTC))
        else:
            todo.add("status", "NEEDS-ACTION")
        todo.add("description", "\n".join(lines))
        self.alarms(todo, summary, self.rules.materials_alarm_minutes, due=True)
        return todo

    def todo_item(self, pt: PlannedTopic, m: PlannedMeeting) -> Built:
        assert pt.materials_due is not None
        calendars = {"office": FULL}
        topic = self.topic_of(pt.id)
        if topic is not None:
            calendars[f"dept-{topic.department}"] = MASKED
        views: dict[str, Component] = {view: self.todo(pt, m, view) for view in (FULL, MASKED)}
        due = self.due_at(pt.materials_due)
        return Built(f"todo:{pt.id}", "todo", self.at(m.day, m.start), due, "", views, calendars)

    def items(self) -> list[Built]:
        out: list[Built] = []
        for m in self.plan.meetings:
            out.append(self.meeting_item(m))
            for tid in m.agenda:
                pt = self.plan.topic(tid)
                if pt is not None and pt.materials_due is not None:
                    out.append(self.todo_item(pt, m))
        for b in out:
            digest = hashlib.sha256()
            for view in sorted(b.views):
                digest.update(view.encode())
                # the content lines, unfolded: the same content, without the cost of folding
                for line in b.views[view].content_lines():
                    digest.update(str(line).encode("utf-8") + b"\n")
            b.digest = digest.hexdigest()[:32]
        return out

    # ---- cancelled (whole item, or no longer in one calendar) ----
    def cancelled(self, entry: Entry, view: str, whole: bool) -> Component:
        component: Component = Event() if entry.kind == "event" else Todo()
        if entry.kind == "event":
            base = entry.summary
            note = "ics.cancelled_note" if whole else "ics.not_attending_note"
        else:
            base = self.todo_summary(entry.ref, view)
            note = "ics.todo_cancelled"
        key = "ics.cancelled" if whole else "ics.not_attending"
        component.add("summary", self.r(key, summary=base))
        if entry.kind == "event":
            if entry.start is not None:
                component.add("dtstart", entry.start.astimezone(self.tz))
            if entry.end is not None:
                component.add("dtend", entry.end.astimezone(self.tz))
            component.add("transp", "TRANSPARENT")
        elif entry.end is not None:
            component.add("due", entry.end.astimezone(self.tz))
        component.add("description", self.r(note))
        component.add("status", CANCELLED)
        stamp(component, entry)
        return component


def stamp(component: Component, entry: Entry) -> None:
    """What makes a component an update of the same item: UID, SEQUENCE and the stamps."""
    component.add("uid", entry.uid)
    component.add("sequence", entry.sequence)
    component.add("dtstamp", entry.stamp.astimezone(UTC))
    component.add("created", entry.created.astimezone(UTC))
    component.add("last-modified", entry.stamp.astimezone(UTC))


def _calendar(name: str, tz: Timezone | None, refresh_minutes: int, method: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    else:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        if tz is not None:
            cal.add("x-wr-timezone", str(tz["TZID"]))
        refresh = timedelta(minutes=max(1, refresh_minutes))
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))
    if tz is not None:
        cal.add_component(tz)
    return cal


def _years(entries: list[Entry], horizon: tuple[date, date] | None) -> tuple[int, int]:
    years: set[int] = set()
    for e in entries:
        for when in (e.start, e.end):
            if when is not None:
                years.add(when.year)
    if horizon:
        years.update((horizon[0].year, horizon[1].year))
    if not years:
        years.add(datetime.now(UTC).year)
    return min(years), max(years)


def build_calendars(
    loaded: Loaded,
    plan: Plan,
    lang: str = "zh",
    previous: State | None = None,
    now: datetime | None = None,
    invitations: bool = False,
) -> Calendars:
    """Every calendar of a plan, the invitations if asked, and the state to keep."""
    builder = _Builder(loaded, plan, lang)
    scenario = loaded.scenario
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    built = builder.items()
    current = [
        Current(b.key, b.kind, b.digest, b.start, b.end, b.summary, b.calendars) for b in built
    ]
    source = str(Path(scenario.source).resolve()) if scenario.source else ""
    horizon = plan.horizon or (scenario.start, scenario.end)
    state = advance(previous or State(), current, scenario.title, source, now, horizon)
    by_key = {b.key: b for b in built}
    for b in built:
        entry = state.entries[b.key]
        for component in b.views.values():
            stamp(component, entry)

    def when(e: Entry) -> datetime:
        moment = e.start if e.kind == "event" else e.end
        return (moment or _EPOCH).astimezone(UTC)

    entries = sorted(state.entries.values(), key=lambda e: (when(e), e.kind, e.key))
    first, last = _years(entries, plan.horizon)
    tz: Timezone | None = None
    if builder.tzid.upper() not in ("UTC", "ETC/UTC"):
        tz = Timezone.from_tzid(
            builder.tzid, first_date=date(first, 1, 1), last_date=date(last, 12, 31)
        )

    names: dict[str, str] = {
        "office": render("ics.cal.office", lang, office=builder.office_name),
        "public": render("ics.cal.public", lang),
    }
    for p in scenario.people:
        names[f"person-{p.id}"] = render("ics.cal.person", lang, name=p.name)
    for d in scenario.departments:
        names[f"dept-{d.id}"] = render("ics.cal.department", lang, name=d.name)
    for e in entries:
        for stem in e.calendars:
            names.setdefault(stem, stem)

    cancelled_cache: dict[tuple[str, str, bool], Component] = {}

    def cancelled(entry: Entry, view: str, whole: bool) -> Component:
        key = (entry.key, view, whole)
        if key not in cancelled_cache:
            cancelled_cache[key] = builder.cancelled(entry, view, whole)
        return cancelled_cache[key]

    refresh = loaded.rulebook.calendar_refresh_minutes
    calendars = {stem: _calendar(name, tz, refresh, None) for stem, name in names.items()}
    for e in entries:
        for stem, view in e.calendars.items():
            if e.status == CANCELLED:
                component = cancelled(e, MASKED if view == REMOVED else view, True)
            elif view == REMOVED:
                component = cancelled(e, MASKED, False)
            else:
                component = by_key[e.key].views[view]
            calendars[stem].add_component(component)
    files = {f"{stem}.ics": cal.to_ical() for stem, cal in sorted(calendars.items())}

    invites: dict[str, bytes] = {}
    if invitations:
        invites = _invitations(builder, entries, by_key, tz)
    return Calendars(files, invites, state)


def _invitations(
    builder: _Builder,
    entries: list[Entry],
    by_key: dict[str, Built],
    tz: Timezone | None,
) -> dict[str, bytes]:
    """RFC 5546: a REQUEST per live meeting; a CANCEL per cancelled meeting (to everyone it
    had) and per meeting that lost attendees (to those only, without STATUS)."""
    out: dict[str, bytes] = {}
    refresh = builder.rules.calendar_refresh_minutes
    for e in entries:
        if e.kind != "event":
            continue
        whole = e.status != LIVE
        if not whole:
            cal = _calendar("", tz, refresh, "REQUEST")
            cal.add_component(by_key[e.key].views[FULL])
            out[f"{e.ref}.request.ics"] = cal.to_ical()
        removed = sorted(
            stem.removeprefix("person-")
            for stem, view in e.calendars.items()
            if stem.startswith("person-") and (whole or view == REMOVED)
        )
        if not removed:
            continue
        event = builder.cancelled(e, MASKED, whole)
        if not whole:
            del event["STATUS"]
        event.add("organizer", builder.organizer())
        for pid in removed:
            name = builder.person_name(pid)
            event.add("attendee", cal_address(pid, name, builder.email(pid), role=REQ))
        cal = _calendar("", tz, refresh, "CANCEL")
        cal.add_component(event)
        out[f"{e.ref}.cancel.ics"] = cal.to_ical()
    return out


def finish(loaded: Loaded, plan: Plan, lang: str, previous_dir: Path | None) -> dict[str, bytes]:
    """The pipeline's finisher: `ics/*.ics` and `ics/state.json` for the plan folder."""
    previous = State.read(previous_dir / "ics" / STATE_FILE) if previous_dir else State()
    result = build_calendars(loaded, plan, lang, previous)
    files = {f"ics/{name}": data for name, data in result.files.items()}
    files[f"ics/{STATE_FILE}"] = result.state.dumps()
    return files


# ---- reading a written plan back ----
def _day(value: Any, place: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise PlanReadError(f"{place}: {exc}") from exc


def plan_from_json(data: Any) -> Plan:
    """The parts of a `plan.json` the calendars need, as a Plan."""
    if not isinstance(data, dict):
        raise PlanReadError("the top level is not a JSON object")
    try:
        meetings = [
            PlannedMeeting(
                id=str(m["id"]),
                kind=str(m["kind"]),
                day=_day(m["date"], f"meetings[{i}].date"),
                half=str(m["half"]),
                start=str(m["start"]),
                end=str(m["end"]),
                chair=str(m.get("chair") or ""),
                chair_acting_for=m.get("chair_acting_for"),
                present=tuple(str(p) for p in m.get("present") or ()),
                absent=tuple(
                    Absence(str(a["person"]), a.get("stand_in"), str(a.get("reason") or ""))
                    for a in m.get("absent") or ()
                ),
                attending=tuple(str(d) for d in m.get("attending") or ()),
                agenda=tuple(str(t) for t in m.get("agenda") or ()),
                title=str(m.get("title") or ""),
                room=m.get("room"),
                location=m.get("location"),
                attendees=tuple(str(p) for p in m.get("attendees") or ()),
                optional_attendees=tuple(str(p) for p in m.get("optional_attendees") or ()),
            )
            for i, m in enumerate(data.get("meetings") or [])
        ]
        for m in meetings:
            time.fromisoformat(m.start)
            time.fromisoformat(m.end)
        topics = [
            PlannedTopic(
                id=str(t["id"]),
                meeting=t.get("meeting"),
                presenter=t.get("presenter"),
                presenter_acting_for=t.get("presenter_acting_for"),
                materials_due=_day(t["materials_due"], f"topics[{i}].materials_due")
                if t.get("materials_due")
                else None,
                order=t.get("order"),
                reasons=(),
            )
            for i, t in enumerate(data.get("topics") or [])
        ]
        horizon = None
        if isinstance(data.get("horizon"), dict):
            h = data["horizon"]
            horizon = (_day(h["from"], "horizon.from"), _day(h["to"], "horizon.to"))
        solver = data.get("solver") or {}
        info = SolverInfo(
            str(solver.get("status") or ""),
            solver.get("objective"),
            solver.get("bound"),
            float(solver.get("seconds") or 0.0),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, PlanReadError):
            raise
        raise PlanReadError(f"{type(exc).__name__}: {exc}") from exc
    warnings: list[Reason] = []
    return Plan(
        scenario=str(data.get("scenario") or ""),
        solver=info,
        meetings=meetings,
        unscheduled=[],
        topics=topics,
        warnings=warnings,
        documents=list(data.get("documents") or []),
        horizon=horizon,
    )


def plan_file(path: Path) -> Path:
    """`PLAN` on the command line: a plan.json, or the folder that holds one."""
    return path / "plan.json" if path.is_dir() else path


def read_plan(path: Path) -> Plan:
    try:
        data = json.loads(plan_file(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanReadError(str(exc)) from exc
    return plan_from_json(data)


class IcsError(Exception):
    """A problem the user can fix (exit status 2): a catalogue key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        return render(self.key, lang, **self.params)


@dataclass
class Written:
    out: Path
    calendars: list[str]
    invitations: list[str]


def write_calendars(
    plan_path: Path,
    out: Path | None = None,
    scenario_path: Path | None = None,
    for_ids: tuple[str, ...] = (),
    public: bool = False,
    invitations: bool = False,
    lang: str = "zh",
    now: datetime | None = None,
) -> Written:
    """`planner ics`: the calendars of a written plan, into `out` (default: PLAN's `ics/`).

    The state (UIDs, SEQUENCE) is read from `out` if it holds one, else from the plan
    folder, and written back to `out`. The scenario is `scenario_path`, else the one the
    plan folder's state names (recorded by `planner plan`).
    """
    from planner.output import write_file
    from planner.scenario import load_scenario

    try:
        plan = read_plan(plan_path)
    except PlanReadError as exc:
        raise IcsError("ics.bad_plan", plan=str(plan_path), problem=str(exc)) from exc
    folder = plan_file(plan_path).parent
    out = out if out is not None else folder / "ics"
    own = out / STATE_FILE
    state = State.read(own) if own.exists() else State.read(folder / "ics" / STATE_FILE)
    source = scenario_path or (Path(state.source) if state.source else None)
    if source is None:
        raise IcsError("ics.no_scenario", plan=str(plan_path))
    loaded = load_scenario(source)
    stems: list[str] | None = None
    if for_ids or public:
        stems = ["public"] if public else []
        for ident in for_ids:
            found = stems_for(loaded, ident)
            if not found:
                raise IcsError("ics.unknown_for", id=ident)
            stems.extend(s for s in found if s not in stems)
    result = build_calendars(loaded, plan, lang, state, now, invitations)
    names = sorted(
        name for name in result.files if stems is None or name.removesuffix(".ics") in stems
    )
    for name in names:
        write_file(out / name, result.files[name])
    write_file(own, result.state.dumps())
    for name, data in sorted(result.invitations.items()):
        write_file(out / "invitations" / name, data)
    return Written(out, names, sorted(result.invitations))
