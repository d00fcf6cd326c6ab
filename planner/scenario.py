"""Loading and validating scenario files, and applying what-if overlays.

Every problem found is collected (not only the first) as a `Problem` that names the file,
the place in it (`topics[2].vice_mayor`), its line and what is wrong.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import ValidationError

from planner import schema
from planner.messages import render
from planner.model import (
    Blocked,
    CalendarSpec,
    Department,
    Document,
    HolidayYear,
    Hours,
    Leave,
    Meeting,
    Person,
    Room,
    Scenario,
    Slot,
    Topic,
    Window,
)
from planner.reasons import Term, localize
from planner.rules import BUILT_IN, PARAMETERS, Rulebook, coerce
from planner.workdays import UncoveredYear, WorkCalendar, parse_holiday_year
from planner.yamlio import Place, YamlFile, YamlProblem, format_place, read_yaml


@dataclass(frozen=True)
class Problem:
    """One error or warning in an input file."""

    file: str
    place: Place
    key: str
    params: tuple[tuple[str, Any], ...] = ()
    line: int | None = None
    severity: str = "error"
    article: int | None = None
    subject: str | None = None

    def message(self, lang: str = "zh") -> str:
        return render(self.key, lang, **{k: localize(v, lang) for k, v in self.params})

    def where(self) -> str:
        place = format_place(self.place)
        out = self.file
        if self.line is not None:
            out += f":{self.line}"
        if place:
            out += f": {place}"
        return out

    def render(self, lang: str = "zh") -> str:
        art = (
            f" ({'第' + str(self.article) + '条' if lang != 'en' else 'Art. ' + str(self.article)})"
        )
        return f"{self.where()}: {self.message(lang)}{art if self.article else ''}"

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": self.file,
            "place": format_place(self.place),
            "line": self.line,
            "severity": self.severity,
            "article": self.article,
            "code": self.key,
            "message": self.message(lang),
        }


class InputError(Exception):
    """The input is invalid: carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Loaded:
    """A validated scenario with its rulebook, working calendar and input warnings."""

    scenario: Scenario
    rulebook: Rulebook
    calendar: WorkCalendar
    warnings: list[Problem] = field(default_factory=list)


class Collector:
    def __init__(self, doc: YamlFile, label: str) -> None:
        self.doc = doc
        self.label = label
        self.problems: list[Problem] = []

    def add(
        self,
        place: Place,
        key: str,
        severity: str = "error",
        article: int | None = None,
        subject: str | None = None,
        **params: Any,
    ) -> None:
        self.problems.append(
            Problem(
                self.label,
                place,
                key,
                tuple(sorted(params.items())),
                self.doc.line_of(place),
                severity,
                article,
                subject,
            )
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


_PYDANTIC_KEYS = {
    "missing": "field.missing",
    "extra_forbidden": "field.unknown",
    "int_parsing": "field.int",
    "int_type": "field.int",
    "int_from_float": "field.int",
    "bool_parsing": "field.bool",
    "bool_type": "field.bool",
    "string_type": "field.str",
    "list_type": "field.list",
    "dict_type": "field.mapping",
    "model_type": "field.mapping",
    "model_attributes_type": "field.mapping",
    "literal_error": "field.choice",
    "greater_than_equal": "field.min",
    "less_than_equal": "field.max",
    "too_short": "field.too_short",
}


def pydantic_problems(exc: ValidationError, out: Collector, prefix: Place = ()) -> None:
    for err in exc.errors():
        place: Place = prefix + tuple(p for p in err["loc"] if not str(p).startswith("function-"))
        place = tuple("from" if p == "from_" else p for p in place)
        kind = err["type"]
        value = err.get("input")
        shown = _short(value)
        if kind.startswith("date") or kind.startswith("datetime"):
            out.add(place, "field.date", value=shown)
        elif kind == "value_error":
            ctx = err.get("ctx") or {}
            problem = str(ctx.get("error", err["msg"]))
            code, _, arg = problem.partition(":")
            if code in {"slug", "ends_before_start", "line_break", "hours", "email", "control"}:
                out.add(place, f"field.{code}", value=shown)
            elif code == "too_long":
                out.add(place, "field.too_long", limit=arg)
            else:
                out.add(place, "field.invalid", problem=problem)
        elif kind in _PYDANTIC_KEYS:
            ctx = err.get("ctx") or {}
            if kind == "literal_error":
                out.add(place, "field.choice", expected=ctx.get("expected", ""), value=shown)
            elif kind in ("greater_than_equal", "less_than_equal"):
                limit = ctx.get("ge", ctx.get("le", ""))
                out.add(place, _PYDANTIC_KEYS[kind], limit=limit, value=shown)
            elif kind == "too_short":
                out.add(place, "field.too_short", limit=ctx.get("min_length", 1))
            else:
                out.add(place, _PYDANTIC_KEYS[kind], value=shown)
        else:
            out.add(place, "field.invalid", problem=err["msg"])


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def load_scenario(path: Path, overlay: Any = None) -> Loaded:
    """Read, validate and build a scenario; raise InputError listing every problem."""
    loaded, problems = check_scenario(path, overlay)
    errors = [p for p in problems if p.severity == "error"]
    if errors or loaded is None:
        raise InputError(errors)
    return loaded


def check_scenario(path: Path, overlay: Any = None) -> tuple[Loaded | None, list[Problem]]:
    """Validate a scenario file; return the scenario (if valid) and every problem found.

    `overlay`, if given, is a callable that edits the raw data before validation (what-if).
    """
    label = str(path)
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        return None, [read_problem(path, exc)]
    if overlay is not None:
        doc = YamlFile(doc.path, overlay(copy.deepcopy(doc.data)), doc.lines)
    return check_data(doc, label)


def check_data(doc: YamlFile, label: str) -> tuple[Loaded | None, list[Problem]]:
    """Validate parsed data; every problem found, in the order of the file's lines."""
    loaded, problems = _check_data(doc, label)
    return loaded, sorted(problems, key=lambda p: (p.line or 0, format_place(p.place)))


def _check_data(doc: YamlFile, label: str) -> tuple[Loaded | None, list[Problem]]:
    out = Collector(doc, label)
    if not isinstance(doc.data, dict):
        out.add((), "yaml.not_mapping")
        return None, out.problems
    try:
        raw = schema.ScenarioIn.model_validate(doc.data)
    except ValidationError as exc:
        pydantic_problems(exc, out)
        _partial_references(doc.data, out)
        return None, out.problems
    rulebook = _rulebook(raw, doc, out)
    holiday_years = _holiday_files(raw, doc, out)
    scenario = _build(raw, holiday_years, str(doc.path))
    _check_ids(raw, out)
    _check_references(raw, out)
    calendar = WorkCalendar(scenario.calendar)
    _check_years(raw, scenario, calendar, out)
    if out.errors:
        return None, out.problems
    _check_dates(raw, scenario, calendar, out)
    _check_rulebook_v(raw, rulebook, out)
    if out.errors:
        return None, out.problems
    return Loaded(scenario, rulebook, calendar, out.warnings), out.problems


_LISTS: dict[str, type[schema.Strict]] = {
    "people": schema.PersonIn,
    "departments": schema.DepartmentIn,
    "leaves": schema.LeaveIn,
    "meetings": schema.MeetingIn,
    "topics": schema.TopicIn,
    "documents": schema.DocumentIn,
}


def _partial_references(data: dict[str, Any], out: Collector) -> None:
    """When some entries are malformed, still check the references of the well-formed ones,
    so that `planner check` lists every error at once. Ids of malformed entries count as
    known, so that one typo is not reported again at every place that names it."""
    valid: dict[str, list[Any]] = {}
    known: dict[str, set[str]] = {}
    for name, model in _LISTS.items():
        items = data.get(name)
        valid[name] = []
        known[name] = set()
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                known[name].add(item["id"])
            try:
                valid[name].append(model.model_validate(item))
            except ValidationError:
                valid[name].append(None)
    partial = schema.ScenarioIn.model_construct(**cast(dict[str, Any], valid))
    _check_references(partial, out, known)


def _rulebook(raw: schema.ScenarioIn, doc: YamlFile, out: Collector) -> Rulebook:
    base = BUILT_IN.get(raw.rulebook)
    if base is None:
        path = (doc.path.parent / raw.rulebook).resolve()
        if path.is_file():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
                out.add(("rulebook",), "field.invalid", problem=str(exc)[:200])
                data = None
            base = Rulebook(name=path.stem)
            if isinstance(data, dict):
                base = _apply_rules(base, data, ("rulebook",), out)
        else:
            out.add(("rulebook",), "ref.unknown_rulebook", value=raw.rulebook)
            base = Rulebook()
    return _apply_rules(base, raw.rules, ("rules",), out)


def _apply_rules(base: Rulebook, rules: dict[str, Any], at: Place, out: Collector) -> Rulebook:
    changes: dict[str, Any] = {}
    for name, value in rules.items():
        if name not in PARAMETERS:
            out.add((*at, name), "ref.unknown_rule", value=name)
            continue
        try:
            changes[name] = coerce(name, value)
        except ValueError as exc:
            out.add((*at, name), "ref.bad_rule", name=name, problem=str(exc))
    return base.replace(**changes)


def _holiday_files(raw: schema.ScenarioIn, doc: YamlFile, out: Collector) -> list[HolidayYear]:
    years: list[HolidayYear] = []
    for i, name in enumerate(raw.calendar.holiday_files):
        place: Place = ("calendar", "holiday_files", i)
        path = doc.path.parent / name
        try:
            hdoc = read_yaml(path)
            years.append(parse_holiday_year(_dates_in(hdoc.data)))
        except YamlProblem as exc:
            out.add(place, "ref.holiday_file", problem=render(exc.key, "en", **exc.params))
        except ValueError as exc:
            out.add(place, "ref.holiday_file", problem=str(exc))
    return years


def _dates_in(data: Any) -> Any:
    """Turn ISO date strings of a holiday file into dates (the safe loader keeps text)."""
    if isinstance(data, dict):
        return {k: _dates_in(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_in(v) for v in data]
    if isinstance(data, str) and len(data) == 10 and data[4] == "-":
        try:
            return date.fromisoformat(data)
        except ValueError:
            raise ValueError(f"{data} is not a date that exists") from None
    return data


def _build(raw: schema.ScenarioIn, holiday_years: list[HolidayYear], source: str) -> Scenario:
    cal = raw.calendar

    def hours(text: str) -> tuple[str, str]:
        a, b = text.split("-")
        return a.strip(), b.strip()

    spec = CalendarSpec(
        holidays=cal.holidays,
        days_off=frozenset(cal.days_off),
        workdays=frozenset(cal.workdays),
        blocked=tuple(Blocked(b.date, b.half, b.reason) for b in cal.blocked),
        hours=Hours(hours(cal.hours.am), hours(cal.hours.pm)),
        grain_minutes=cal.grain_minutes,
        timezone=cal.timezone,
        holiday_years=tuple(holiday_years),
    )
    return Scenario(
        title=raw.scenario,
        start=raw.horizon.from_,
        end=raw.horizon.to,
        people=tuple(
            Person(p.id, p.name, p.role, tuple(p.portfolio), p.stand_in, p.department, p.email)
            for p in raw.people
        ),
        departments=tuple(Department(d.id, d.name, tuple(d.does)) for d in raw.departments),
        calendar=spec,
        rules=tuple(sorted(raw.rules.items())),
        rulebook=raw.rulebook,
        rooms=tuple(Room(r.id, r.name, r.capacity) for r in raw.rooms),
        leaves=tuple(
            Leave(lv.person, lv.from_, lv.to, lv.half, lv.reason, lv.requested) for lv in raw.leaves
        ),
        meetings=tuple(
            Meeting(
                m.id,
                m.kind,
                m.minutes,
                m.title,
                m.chair,
                Window(m.window.from_, m.window.to) if m.window else None,
                Slot(m.fixed.date, m.fixed.half) if m.fixed else None,
                m.location,
                m.optional,
                tuple(m.attendees),
                tuple(m.optional_attendees),
            )
            for m in raw.meetings
        ),
        topics=tuple(
            Topic(
                t.id,
                t.title,
                t.department,
                t.vice_mayor,
                t.decided_by,
                t.category,
                t.minutes,
                t.materials,
                tuple(sorted(t.reviews.items())),
                tuple(t.attending),
                t.priority,
                t.deadline,
                t.public,
                t.market_entities,
                t.public_interest,
                t.lead_time_waived,
            )
            for t in raw.topics
        ),
        documents=tuple(
            Document(
                d.id,
                d.title,
                d.kind,
                d.issuer,
                d.drafter,
                d.start,
                tuple(d.to),
                tuple(d.involves),
                d.complex,
                d.decided_at,
                d.routine,
                d.scope,
                d.urgent,
                d.classification,
                d.market_entities,
                d.matters,
                d.asks,
                d.via_office,
                d.topic,
            )
            for d in raw.documents
        ),
        history=tuple(sorted(raw.history.items())),
        source=source,
    )


def _check_ids(raw: schema.ScenarioIn, out: Collector) -> None:
    """Ids are unique within each list (people and departments share no namespace)."""
    for name in ("people", "departments", "rooms", "meetings", "topics", "documents"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(raw, name)):
            if item.id in seen:
                first = format_place((name, seen[item.id]))
                out.add((name, i, "id"), "ref.duplicate", value=item.id, first=first)
            else:
                seen[item.id] = i


def _check_references(
    raw: schema.ScenarioIn, out: Collector, known: dict[str, set[str]] | None = None
) -> None:
    """Every id named anywhere exists, and roles fit what they are asked to do.

    With `known` (ids of entries that failed validation), only the well-formed entries
    (not None) are checked, and references to the known ids are accepted.
    """
    known = known or {}
    complete = not known
    people_ok = [p for p in raw.people if p is not None]
    people: dict[str, Any] = {p.id: p for p in people_ok}
    people.update({pid: None for pid in known.get("people", set()) if pid not in people})
    departments = {d.id for d in raw.departments if d is not None} | known.get("departments", set())
    meetings = {m.id for m in raw.meetings if m is not None} | known.get("meetings", set())
    topics = {t.id for t in raw.topics if t is not None} | known.get("topics", set())
    leaders = {
        p.id for p in people_ok if p.role in ("mayor", "executive_vice_mayor", "vice_mayor")
    } | {pid for pid, p in people.items() if p is None}

    def person(place: Place, pid: str | None) -> None:
        if pid is not None and pid not in people:
            out.add(place, "ref.unknown_person", value=pid)

    def dept(place: Place, did: str | None) -> None:
        if did is not None and did not in departments:
            out.add(place, "ref.unknown_department", value=did)

    for role in ("mayor", "executive_vice_mayor"):
        holders = [i for i, p in enumerate(raw.people) if p is not None and p.role == role]
        for i in holders[1:]:
            out.add(("people", i, "role"), "ref.one_role", role=Term(f"role.{role}"))
    if complete and not any(p.role == "mayor" for p in people_ok):
        out.add(("people",), "ref.no_mayor")
    for i, p in enumerate(raw.people):
        if p is None:
            continue
        for j, d in enumerate(p.portfolio):
            dept(("people", i, "portfolio", j), d)
        dept(("people", i, "department"), p.department)
        if p.role == "department_head" and p.department is None:
            out.add(("people", i, "department"), "ref.department_head_without_department")
        if p.stand_in is not None:
            if p.stand_in not in people:
                out.add(("people", i, "stand_in"), "ref.unknown_person", value=p.stand_in)
            elif p.stand_in not in leaders and people[p.stand_in] is not None:
                out.add(("people", i, "stand_in"), "ref.not_leader", article=8, value=p.stand_in)
    for i, lv in enumerate(raw.leaves):
        if lv is None:
            continue
        person(("leaves", i, "person"), lv.person)
    for i, m in enumerate(raw.meetings):
        if m is None:
            continue
        for j, a in enumerate(m.attendees):
            person(("meetings", i, "attendees", j), a)
        for j, a in enumerate(m.optional_attendees):
            person(("meetings", i, "optional_attendees", j), a)
        if m.kind == "topic":
            if m.chair is None:
                out.add(("meetings", i, "chair"), "ref.topic_chair", article=45)
            elif m.chair not in people:
                out.add(("meetings", i, "chair"), "ref.unknown_person", value=m.chair)
            elif people[m.chair] is not None and people[m.chair].role == "department_head":
                out.add(("meetings", i, "chair"), "ref.chair_role", article=45, value=m.chair)
        elif m.chair is not None:
            out.add(
                ("meetings", i, "chair"),
                "ref.chair_not_topic",
                article=43,
                kind=Term(f"kind.{m.kind}"),
            )
    for i, t in enumerate(raw.topics):
        if t is None:
            continue
        dept(("topics", i, "department"), t.department)
        if t.vice_mayor not in people:
            out.add(("topics", i, "vice_mayor"), "ref.unknown_person", value=t.vice_mayor)
        elif t.vice_mayor not in leaders and people[t.vice_mayor] is not None:
            out.add(("topics", i, "vice_mayor"), "ref.not_vice_mayor", value=t.vice_mayor)
        for j, d in enumerate(t.attending):
            dept(("topics", i, "attending", j), d)
    for i, doc in enumerate(raw.documents):
        if doc is None:
            continue
        dept(("documents", i, "drafter"), doc.drafter)
        for j, inv in enumerate(doc.involves):
            dept(("documents", i, "involves", j), inv)
        if doc.decided_at is not None and doc.decided_at not in meetings:
            out.add(("documents", i, "decided_at"), "ref.unknown_meeting", value=doc.decided_at)
        if doc.topic is not None and doc.topic not in topics:
            out.add(("documents", i, "topic"), "ref.unknown_topic", value=doc.topic)


def _check_years(
    raw: schema.ScenarioIn, scenario: Scenario, calendar: WorkCalendar, out: Collector
) -> None:
    """Every year the horizon touches (and the lead time before it) has holiday data."""
    # Materials are due some working days before a meeting: allow a month's margin before.
    first = raw.horizon.from_ - timedelta(days=31)
    reported: set[int] = set()
    for year in range(first.year, raw.horizon.to.year + 1):
        if not calendar.covers(year) and year not in reported:
            place: Place = (
                ("horizon", "from") if year <= raw.horizon.from_.year else ("horizon", "to")
            )
            if year < raw.horizon.from_.year:
                continue  # the margin before the horizon is a convenience, not a requirement
            out.add(place, "ref.uncovered_year", year=year)
            reported.add(year)


def _check_dates(
    raw: schema.ScenarioIn, scenario: Scenario, calendar: WorkCalendar, out: Collector
) -> None:
    h0, h1 = raw.horizon.from_, raw.horizon.to
    for i, m in enumerate(raw.meetings):
        if m.window and (m.window.to < h0 or m.window.from_ > h1):
            out.add(
                ("meetings", i, "window"),
                "ref.window_outside",
                start=m.window.from_.isoformat(),
                end=m.window.to.isoformat(),
                hstart=h0.isoformat(),
                hend=h1.isoformat(),
            )
        if m.fixed:
            inside = h0 <= m.fixed.date <= h1 and (
                m.window is None or m.window.from_ <= m.fixed.date <= m.window.to
            )
            if not inside:
                out.add(
                    ("meetings", i, "fixed"), "ref.fixed_outside", date=m.fixed.date.isoformat()
                )
            elif not _safe_workday(calendar, m.fixed.date):
                out.add(
                    ("meetings", i, "fixed", "date"),
                    "ref.fixed_not_workday",
                    date=m.fixed.date.isoformat(),
                )


def _safe_workday(calendar: WorkCalendar, d: date) -> bool:
    try:
        return calendar.is_workday(d)
    except UncoveredYear:
        return False


def _check_rulebook_v(raw: schema.ScenarioIn, rulebook: Rulebook, out: Collector) -> None:
    """Validation rules of the rulebook itself (V): Art. 25, 61, 78."""
    check_reserved_kind(raw, rulebook, out)
    check_leave_notice(raw, rulebook, out)
    check_brief_length(raw, rulebook, out)
    check_stand_ins_named(raw, out)


def check_reserved_kind(raw: schema.ScenarioIn, rulebook: Rulebook, out: Collector) -> None:
    """Art. 25: plans, budgets, normative documents, major decisions and projects go to a
    plenary or executive meeting."""
    for i, t in enumerate(raw.topics):
        if t.category in rulebook.reserved_categories and t.decided_by not in (
            "plenary",
            "executive",
        ):
            out.add(
                ("topics", i, "decided_by"),
                "ref.reserved_kind",
                article=25,
                category=Term(f"category.{t.category}"),
                kind=Term(f"kind.{t.decided_by}"),
            )


def check_leave_notice(raw: schema.ScenarioIn, rulebook: Rulebook, out: Collector) -> None:
    """Art. 78: a department head's leave is requested days ahead; leaders report in advance."""
    roles = {p.id: p.role for p in raw.people}
    names = {p.id: p.name for p in raw.people}
    for i, lv in enumerate(raw.leaves):
        role = roles.get(lv.person)
        if lv.requested is None:
            if role in ("vice_mayor", "executive_vice_mayor", "office_director"):
                out.add(
                    ("leaves", i, "requested"),
                    "warn.leave_unreported",
                    severity="warning",
                    article=78,
                    subject=lv.person,
                    person=names.get(lv.person, lv.person),
                    start=lv.from_.isoformat(),
                )
            continue
        needed = rulebook.leave_notice_days if role == "department_head" else 1
        if (lv.from_ - lv.requested).days < needed:
            out.add(
                ("leaves", i, "requested"),
                "warn.leave_late",
                severity="warning",
                article=78,
                subject=lv.person,
                person=names.get(lv.person, lv.person),
                start=lv.from_.isoformat(),
                requested=lv.requested.isoformat(),
                days=needed,
            )


def check_brief_length(raw: schema.ScenarioIn, rulebook: Rulebook, out: Collector) -> None:
    """Art. 61: a brief to the government is at most brief_max_chars characters."""
    for i, t in enumerate(raw.topics):
        if t.brief is not None and len(t.brief) > rulebook.brief_max_chars:
            out.add(
                ("topics", i, "brief"),
                "warn.brief_too_long",
                severity="warning",
                article=61,
                chars=len(t.brief),
                limit=rulebook.brief_max_chars,
            )


def check_stand_ins_named(raw: schema.ScenarioIn, out: Collector) -> None:
    """Art. 8: each vice-mayor has a designated stand-in."""
    for i, p in enumerate(raw.people):
        if p.role in ("vice_mayor", "executive_vice_mayor") and p.stand_in is None:
            out.add(
                ("people", i, "stand_in"),
                "warn.no_stand_in",
                severity="warning",
                article=8,
                person=p.name,
            )


def read_problem(path: Path, exc: YamlProblem) -> Problem:
    return Problem(str(path), (), exc.key, tuple(sorted(exc.params.items())), exc.line)
