"""The instance and solution of Timefold's meeting-scheduling demo, and their JSON formats.

The formats are those of ``data/TIMEFOLD-MEETING-SCORE.md``: section 2 for the instance
(``timefold-meeting-demo.json``) and section 3 for a solution (a JSON object mapping every meeting
id to ``{"start_grain": <grain_index>, "room": <room id>}``).

Everything here is plain, immutable data that imports nothing of a solver. The classes validate
themselves on construction and raise ``ValueError`` with a message that names the offending item;
the loaders raise :class:`FormatError` (a ``ValueError``) naming the file and the place in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "Attendance",
    "FormatError",
    "Instance",
    "Meeting",
    "MeetingAssignment",
    "Person",
    "Placement",
    "Room",
    "Solution",
    "TimeGrain",
    "load_instance",
    "load_solution",
    "parse_instance",
    "parse_solution",
    "solution_to_json",
    "validate_solution",
    "write_solution",
]


class FormatError(ValueError):
    """A JSON file does not follow the instance or solution format."""


# --------------------------------------------------------------------------------------------
# Instance
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A person who can attend meetings; ``name`` only serves display."""

    id: str
    name: str


@dataclass(frozen=True)
class Room:
    """A meeting room with a seat capacity."""

    id: str
    name: str
    capacity: int

    def __post_init__(self) -> None:
        if self.capacity < 0:
            raise ValueError(f"room {self.id!r}: capacity {self.capacity} is negative")


@dataclass(frozen=True)
class TimeGrain:
    """A 15-minute slot. ``grain_index`` is global across days; ``day`` is the relative day."""

    id: str
    grain_index: int
    day: int
    starting_minute_of_day: int


@dataclass(frozen=True)
class Attendance:
    """One attendance record: ``person_id`` is required (or preferred) at ``meeting_id``.

    The person constraints of the score work on these records, not on distinct people.
    """

    id: str
    person_id: str
    meeting_id: str
    required: bool


@dataclass(frozen=True)
class Meeting:
    """A meeting to place: its length in grains and its required and preferred attendances."""

    id: str
    topic: str
    duration_in_grains: int
    required_attendances: tuple[Attendance, ...] = ()
    preferred_attendances: tuple[Attendance, ...] = ()
    entire_group_meeting: bool = False
    content: str = ""
    speaker_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.duration_in_grains < 1:
            raise ValueError(
                f"meeting {self.id!r}: duration_in_grains {self.duration_in_grains} is below 1"
            )
        for attendances, required in (
            (self.required_attendances, True),
            (self.preferred_attendances, False),
        ):
            for attendance in attendances:
                if attendance.meeting_id != self.id:
                    raise ValueError(
                        f"meeting {self.id!r}: attendance {attendance.id!r} belongs to meeting "
                        f"{attendance.meeting_id!r}"
                    )
                if attendance.required is not required:
                    kind = "required" if required else "preferred"
                    raise ValueError(
                        f"meeting {self.id!r}: attendance {attendance.id!r} is listed as {kind} "
                        f"but has required={attendance.required}"
                    )

    @property
    def required_capacity(self) -> int:
        """Seats needed: required plus preferred records (Timefold's ``get_required_capacity``)."""
        return len(self.required_attendances) + len(self.preferred_attendances)

    @property
    def required_attendee_ids(self) -> tuple[str, ...]:
        """Person ids of the required records, in order."""
        return tuple(a.person_id for a in self.required_attendances)

    @property
    def preferred_attendee_ids(self) -> tuple[str, ...]:
        """Person ids of the preferred records, in order."""
        return tuple(a.person_id for a in self.preferred_attendances)


@dataclass(frozen=True)
class MeetingAssignment:
    """A planning entity of Timefold's model: one per meeting, possibly pinned."""

    id: str
    meeting_id: str
    pinned: bool = False


def _check_unique(kind: str, ids: Iterable[object]) -> None:
    seen: set[object] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"duplicate {kind} {item_id!r}")
        seen.add(item_id)


@dataclass(frozen=True)
class Instance:
    """A whole meeting-scheduling instance.

    ``meeting_assignments`` defaults to one unpinned assignment per meeting (id = meeting id).
    Lookups by id (:meth:`meeting`, :meth:`room`, :meth:`grain`) are cached.
    """

    people: tuple[Person, ...]
    rooms: tuple[Room, ...]
    time_grains: tuple[TimeGrain, ...]
    meetings: tuple[Meeting, ...]
    meeting_assignments: tuple[MeetingAssignment, ...] = field(default=())

    def __post_init__(self) -> None:
        _check_unique("person id", (p.id for p in self.people))
        _check_unique("room id", (r.id for r in self.rooms))
        _check_unique("time grain id", (g.id for g in self.time_grains))
        _check_unique("time grain index", (g.grain_index for g in self.time_grains))
        _check_unique("meeting id", (m.id for m in self.meetings))
        _check_unique(
            "attendance id",
            (
                a.id
                for m in self.meetings
                for a in (*m.required_attendances, *m.preferred_attendances)
            ),
        )
        person_ids = {p.id for p in self.people}
        for meeting in self.meetings:
            for attendance in (*meeting.required_attendances, *meeting.preferred_attendances):
                if attendance.person_id not in person_ids:
                    raise ValueError(
                        f"meeting {meeting.id!r}: attendance {attendance.id!r} names unknown "
                        f"person {attendance.person_id!r}"
                    )
        if not self.meeting_assignments:
            object.__setattr__(
                self,
                "meeting_assignments",
                tuple(MeetingAssignment(id=m.id, meeting_id=m.id) for m in self.meetings),
            )
        _check_unique("meeting assignment id", (a.id for a in self.meeting_assignments))
        _check_unique(
            "meeting assignment for meeting", (a.meeting_id for a in self.meeting_assignments)
        )
        meeting_ids = {m.id for m in self.meetings}
        assigned = {a.meeting_id for a in self.meeting_assignments}
        if assigned != meeting_ids:
            unknown = sorted(assigned - meeting_ids)
            missing = sorted(meeting_ids - assigned)
            raise ValueError(
                f"meeting assignments do not match the meetings: unknown {unknown}, "
                f"missing {missing}"
            )

    @cached_property
    def _meetings_by_id(self) -> Mapping[str, Meeting]:
        return MappingProxyType({m.id: m for m in self.meetings})

    @cached_property
    def _rooms_by_id(self) -> Mapping[str, Room]:
        return MappingProxyType({r.id: r for r in self.rooms})

    @cached_property
    def _grains_by_index(self) -> Mapping[int, TimeGrain]:
        return MappingProxyType({g.grain_index: g for g in self.time_grains})

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting with this id (``KeyError`` if none)."""
        return self._meetings_by_id[meeting_id]

    def room(self, room_id: str) -> Room:
        """The room with this id (``KeyError`` if none)."""
        return self._rooms_by_id[room_id]

    def grain(self, grain_index: int) -> TimeGrain | None:
        """The time grain with this ``grain_index``, or ``None`` if the instance has none."""
        return self._grains_by_index.get(grain_index)

    @cached_property
    def grain_indices(self) -> frozenset[int]:
        """Every ``grain_index`` of the instance (the value range of a meeting's start)."""
        return frozenset(self._grains_by_index)

    @cached_property
    def required_attendances(self) -> tuple[Attendance, ...]:
        """All required records, meeting by meeting."""
        return tuple(a for m in self.meetings for a in m.required_attendances)

    @cached_property
    def preferred_attendances(self) -> tuple[Attendance, ...]:
        """All preferred records, meeting by meeting."""
        return tuple(a for m in self.meetings for a in m.preferred_attendances)


# --------------------------------------------------------------------------------------------
# Solution
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where and when one meeting happens: its first grain index and its room id."""

    start_grain: int
    room_id: str


@dataclass(frozen=True)
class Solution:
    """A placement for every meeting, keyed by meeting id (read-only mapping, insertion order)."""

    placements: Mapping[str, Placement]

    def __post_init__(self) -> None:
        object.__setattr__(self, "placements", MappingProxyType(dict(self.placements)))

    def __hash__(self) -> int:
        return hash(tuple(self.placements.items()))


def validate_solution(instance: Instance, solution: Solution) -> None:
    """Raise ``ValueError`` unless ``solution`` places exactly the instance's meetings.

    Every meeting must be present, ``start_grain`` must be one of the instance's grain indices
    and ``room_id`` one of its room ids (spec section 3). Partial solutions are rejected.
    """
    meeting_ids = [m.id for m in instance.meetings]
    missing = [m for m in meeting_ids if m not in solution.placements]
    if missing:
        raise ValueError(f"solution does not place meeting(s) {missing}")
    known = set(meeting_ids)
    unknown = [m for m in solution.placements if m not in known]
    if unknown:
        raise ValueError(f"solution places unknown meeting(s) {unknown}")
    room_ids = {r.id for r in instance.rooms}
    for meeting_id, placement in solution.placements.items():
        if placement.start_grain not in instance.grain_indices:
            raise ValueError(
                f"meeting {meeting_id!r}: start_grain {placement.start_grain} is not a grain "
                "index of the instance"
            )
        if placement.room_id not in room_ids:
            raise ValueError(f"meeting {meeting_id!r}: unknown room {placement.room_id!r}")


# --------------------------------------------------------------------------------------------
# JSON reading helpers
# --------------------------------------------------------------------------------------------


class _Reader:
    """Typed access to decoded JSON that reports errors as ``<source>: <where>: <problem>``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> FormatError:
        return FormatError(f"{self.source}: {where}: {problem}")

    def obj(self, value: object, where: str) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {type(value).__name__}")
        return value

    def key(self, data: dict[str, object], name: str, where: str) -> object:
        if name not in data:
            raise self.fail(where, f"missing key {name!r}")
        return data[name]

    def str_(self, data: dict[str, object], name: str, where: str) -> str:
        value = self.key(data, name, where)
        if not isinstance(value, str):
            raise self.fail(f"{where}.{name}", f"expected a string, got {value!r}")
        return value

    def int_(self, data: dict[str, object], name: str, where: str) -> int:
        value = self.key(data, name, where)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where}.{name}", f"expected an integer, got {value!r}")
        return value

    def bool_(self, data: dict[str, object], name: str, where: str, default: bool) -> bool:
        value = data.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{name}", f"expected true or false, got {value!r}")
        return value

    def list_(self, data: dict[str, object], name: str, where: str) -> list[object]:
        value = self.key(data, name, where)
        if not isinstance(value, list):
            raise self.fail(f"{where}.{name}", f"expected a list, got {type(value).__name__}")
        return value

    def str_list(self, data: dict[str, object], name: str, where: str) -> list[str]:
        items = self.list_(data, name, where)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise self.fail(f"{where}.{name}[{i}]", f"expected a string, got {item!r}")
        return [str(item) for item in items]


def _read_json(path: Path) -> object:
    text = Path(path).read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: line {exc.lineno} column {exc.colno}: {exc.msg}") from exc


# --------------------------------------------------------------------------------------------
# Instance format
# --------------------------------------------------------------------------------------------


def _parse_attendances(
    r: _Reader, data: dict[str, object], meeting_id: str, where: str
) -> tuple[tuple[Attendance, ...], tuple[Attendance, ...]]:
    """Build the records; ids are given, or ``<meeting>-<k>`` (required first, k from 1)."""
    required_people = r.str_list(data, "required_attendee_ids", where)
    preferred_people = r.str_list(data, "preferred_attendee_ids", where)
    counter = 0

    def ids(name: str, people: list[str]) -> list[str]:
        nonlocal counter
        if name in data:
            given = r.str_list(data, name, where)
            if len(given) != len(people):
                raise r.fail(f"{where}.{name}", f"has {len(given)} ids for {len(people)} attendees")
            counter += len(given)
            return given
        generated = [f"{meeting_id}-{counter + k}" for k in range(1, len(people) + 1)]
        counter += len(people)
        return generated

    required_ids = ids("required_attendance_ids", required_people)
    preferred_ids = ids("preferred_attendance_ids", preferred_people)
    required = tuple(
        Attendance(id=a, person_id=p, meeting_id=meeting_id, required=True)
        for a, p in zip(required_ids, required_people, strict=True)
    )
    preferred = tuple(
        Attendance(id=a, person_id=p, meeting_id=meeting_id, required=False)
        for a, p in zip(preferred_ids, preferred_people, strict=True)
    )
    return required, preferred


def parse_instance(data: object, source: str = "<instance>") -> Instance:
    """Build an :class:`Instance` from decoded instance JSON (spec section 2).

    A time grain's day is read from ``day``, or from ``day_of_year`` if ``day`` is absent. A
    person's name is read from ``name`` or ``full_name``. Missing attendance ids are generated
    as ``<meeting>-<k>``; missing ``meeting_assignments`` default to one per meeting.
    """
    r = _Reader(source)
    root = r.obj(data, "top level")

    people: list[Person] = []
    for i, item in enumerate(r.list_(root, "people", "top level")):
        where = f"people[{i}]"
        p = r.obj(item, where)
        name_key = "name" if "name" in p or "full_name" not in p else "full_name"
        people.append(Person(id=r.str_(p, "id", where), name=r.str_(p, name_key, where)))

    rooms: list[Room] = []
    for i, item in enumerate(r.list_(root, "rooms", "top level")):
        where = f"rooms[{i}]"
        o = r.obj(item, where)
        try:
            rooms.append(
                Room(
                    id=r.str_(o, "id", where),
                    name=r.str_(o, "name", where),
                    capacity=r.int_(o, "capacity", where),
                )
            )
        except FormatError:
            raise
        except ValueError as exc:
            raise r.fail(where, str(exc)) from exc

    grains: list[TimeGrain] = []
    for i, item in enumerate(r.list_(root, "time_grains", "top level")):
        where = f"time_grains[{i}]"
        o = r.obj(item, where)
        day_key = "day" if "day" in o or "day_of_year" not in o else "day_of_year"
        grains.append(
            TimeGrain(
                id=r.str_(o, "id", where),
                grain_index=r.int_(o, "grain_index", where),
                day=r.int_(o, day_key, where),
                starting_minute_of_day=r.int_(o, "starting_minute_of_day", where),
            )
        )

    meetings: list[Meeting] = []
    for i, item in enumerate(r.list_(root, "meetings", "top level")):
        where = f"meetings[{i}]"
        o = r.obj(item, where)
        meeting_id = r.str_(o, "id", where)
        required, preferred = _parse_attendances(r, o, meeting_id, where)
        content = o.get("content", "")
        if content is None:
            content = ""
        if not isinstance(content, str):
            raise r.fail(f"{where}.content", f"expected a string, got {content!r}")
        speaker_ids = r.str_list(o, "speaker_ids", where) if "speaker_ids" in o else []
        try:
            meetings.append(
                Meeting(
                    id=meeting_id,
                    topic=r.str_(o, "topic", where) if "topic" in o else "",
                    duration_in_grains=r.int_(o, "duration_in_grains", where),
                    required_attendances=required,
                    preferred_attendances=preferred,
                    entire_group_meeting=r.bool_(o, "entire_group_meeting", where, False),
                    content=content,
                    speaker_ids=tuple(speaker_ids),
                )
            )
        except FormatError:
            raise
        except ValueError as exc:
            raise r.fail(where, str(exc)) from exc

    assignments: list[MeetingAssignment] = []
    raw_assignments = (
        r.list_(root, "meeting_assignments", "top level") if "meeting_assignments" in root else []
    )
    for i, item in enumerate(raw_assignments):
        where = f"meeting_assignments[{i}]"
        o = r.obj(item, where)
        assignments.append(
            MeetingAssignment(
                id=r.str_(o, "id", where),
                meeting_id=r.str_(o, "meeting_id", where),
                pinned=r.bool_(o, "pinned", where, False),
            )
        )

    try:
        return Instance(
            people=tuple(people),
            rooms=tuple(rooms),
            time_grains=tuple(grains),
            meetings=tuple(meetings),
            meeting_assignments=tuple(assignments),
        )
    except ValueError as exc:
        raise FormatError(f"{source}: {exc}") from exc


def load_instance(path: str | Path) -> Instance:
    """Read an instance JSON file (spec section 2)."""
    return parse_instance(_read_json(Path(path)), str(path))


# --------------------------------------------------------------------------------------------
# Solution format
# --------------------------------------------------------------------------------------------


def parse_solution(data: object, source: str = "<solution>") -> Solution:
    """Build a :class:`Solution` from decoded solution JSON (spec section 3).

    This checks the shape only; :func:`validate_solution` checks it against an instance.
    """
    r = _Reader(source)
    root = r.obj(data, "top level")
    placements: dict[str, Placement] = {}
    for meeting_id, item in root.items():
        where = f"meeting {meeting_id!r}"
        o = r.obj(item, where)
        placements[meeting_id] = Placement(
            start_grain=r.int_(o, "start_grain", where), room_id=r.str_(o, "room", where)
        )
    return Solution(placements)


def load_solution(path: str | Path) -> Solution:
    """Read a solution JSON file (spec section 3)."""
    return parse_solution(_read_json(Path(path)), str(path))


def solution_to_json(solution: Solution) -> str:
    """The solution as JSON text, one meeting per line, in the solution's order."""
    lines = [
        f" {json.dumps(meeting_id)}: "
        + json.dumps({"start_grain": p.start_grain, "room": p.room_id})
        for meeting_id, p in solution.placements.items()
    ]
    if not lines:
        return "{}\n"
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_solution(path: str | Path, solution: Solution) -> None:
    """Write a solution JSON file (spec section 3) that :func:`load_solution` reads back."""
    Path(path).write_text(solution_to_json(solution), encoding="utf-8")
