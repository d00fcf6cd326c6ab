"""An independent scorer for Timefold's meeting-scheduling demo (Python quickstart).

It implements section 4 of ``data/TIMEFOLD-MEETING-SCORE.md`` with the standard library only:
a ``HardMediumSoftScore`` made of twelve penalty constraints, each in its own function below,
in Timefold's order. Every function returns the constraint's total penalty (≥ 0) and its match
count, which equals Timefold's match count because every matched tuple costs at least 1.

Usage::

    python -m benchmarks.timefold.score INSTANCE.json SOLUTION.json

prints the score on the first line, then one line per constraint (score, matches).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import combinations
from types import MappingProxyType

from benchmarks.timefold.instance import (
    Attendance,
    Instance,
    Solution,
    load_instance,
    load_solution,
    validate_solution,
)

__all__ = [
    "CONSTRAINTS",
    "ConstraintResult",
    "Level",
    "Schedule",
    "Scheduled",
    "Score",
    "assign_larger_rooms_first",
    "avoid_overtime",
    "do_meetings_as_soon_as_possible",
    "main",
    "one_break_between_consecutive_meetings",
    "overlap",
    "overlapping_meetings",
    "preferred_attendance_conflict",
    "required_and_preferred_attendance_conflict",
    "required_attendance_conflict",
    "required_room_capacity",
    "room_conflict",
    "room_stability",
    "schedule_of",
    "score",
    "start_and_end_on_same_day",
]


class Level(Enum):
    """The score level a constraint penalises."""

    HARD = "hard"
    MEDIUM = "medium"
    SOFT = "soft"


@dataclass(frozen=True)
class ConstraintResult:
    """One constraint's outcome: total ``penalty`` (≥ 0, before the sign) and ``matches``."""

    penalty: int
    matches: int


@dataclass(frozen=True)
class Scheduled:
    """A meeting as placed: grains ``start … last``, i.e. the half-open interval [start, end)."""

    meeting_id: str
    start: int
    duration: int
    room_id: str
    room_capacity: int
    required_capacity: int

    @property
    def last(self) -> int:
        """The last occupied grain index, ``start + duration - 1``."""
        return self.start + self.duration - 1

    @property
    def end(self) -> int:
        """The exclusive end, ``start + duration``."""
        return self.start + self.duration


Schedule = Mapping[str, Scheduled]
"""Every meeting's :class:`Scheduled`, keyed by meeting id, in the instance's meeting order."""


def schedule_of(instance: Instance, solution: Solution) -> Schedule:
    """Validate ``solution`` against ``instance`` and resolve every placement."""
    validate_solution(instance, solution)
    result: dict[str, Scheduled] = {}
    for meeting in instance.meetings:
        placement = solution.placements[meeting.id]
        result[meeting.id] = Scheduled(
            meeting_id=meeting.id,
            start=placement.start_grain,
            duration=meeting.duration_in_grains,
            room_id=placement.room_id,
            room_capacity=instance.room(placement.room_id).capacity,
            required_capacity=meeting.required_capacity,
        )
    return MappingProxyType(result)


def overlap(a: Scheduled, b: Scheduled) -> int:
    """The number of grains both occupy, ``max(0, min(end) - max(start))``."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _by_person(attendances: Sequence[Attendance]) -> dict[str, list[Attendance]]:
    """Attendance records grouped by person id, in record order."""
    groups: dict[str, list[Attendance]] = defaultdict(list)
    for attendance in attendances:
        groups[attendance.person_id].append(attendance)
    return groups


def _pairwise_overlap(
    pairs: Sequence[tuple[Attendance, Attendance]], schedule: Schedule
) -> ConstraintResult:
    """Sum the overlap of the two records' meetings over all pairs that overlap."""
    penalty = matches = 0
    for first, second in pairs:
        grains = overlap(schedule[first.meeting_id], schedule[second.meeting_id])
        if grains > 0:
            penalty += grains
            matches += 1
    return ConstraintResult(penalty, matches)


# --------------------------------------------------------------------------------------------
# Hard
# --------------------------------------------------------------------------------------------


def room_conflict(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """H1 Room conflict: overlap of every unordered pair of meetings in the same room."""
    penalty = matches = 0
    for a, b in combinations(schedule.values(), 2):
        if a.room_id == b.room_id and (grains := overlap(a, b)) > 0:
            penalty += grains
            matches += 1
    return ConstraintResult(penalty, matches)


def avoid_overtime(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """H2 Don't go in overtime: ``last(m)`` itself for every meeting whose last grain is absent."""
    penalty = matches = 0
    for m in schedule.values():
        if m.last not in instance.grain_indices:
            penalty += m.last
            matches += 1
    return ConstraintResult(penalty, matches)


def required_attendance_conflict(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """H3 Required attendance conflict: overlap per pair of one person's required records."""
    pairs = [
        pair
        for records in _by_person(instance.required_attendances).values()
        for pair in combinations(records, 2)
    ]
    return _pairwise_overlap(pairs, schedule)


def required_room_capacity(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """H4 Required room capacity: ``need(m) - cap(room(m))`` where the need exceeds the room."""
    penalty = matches = 0
    for m in schedule.values():
        if m.required_capacity > m.room_capacity:
            penalty += m.required_capacity - m.room_capacity
            matches += 1
    return ConstraintResult(penalty, matches)


def start_and_end_on_same_day(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """H5 Start and end on same day: 1 per meeting whose existing last grain is on another day."""
    penalty = matches = 0
    for m in schedule.values():
        start_grain = instance.grain(m.start)
        last_grain = instance.grain(m.last)
        if start_grain is not None and last_grain is not None and start_grain.day != last_grain.day:
            penalty += 1
            matches += 1
    return ConstraintResult(penalty, matches)


# --------------------------------------------------------------------------------------------
# Medium
# --------------------------------------------------------------------------------------------


def required_and_preferred_attendance_conflict(
    instance: Instance, schedule: Schedule
) -> ConstraintResult:
    """M1 Required and preferred attendance conflict: overlap per (required, preferred) pair."""
    preferred = _by_person(instance.preferred_attendances)
    pairs = [
        (r, q)
        for person_id, records in _by_person(instance.required_attendances).items()
        for r in records
        for q in preferred.get(person_id, [])
    ]
    return _pairwise_overlap(pairs, schedule)


def preferred_attendance_conflict(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """M2 Preferred attendance conflict: overlap per pair of one person's preferred records."""
    pairs = [
        pair
        for records in _by_person(instance.preferred_attendances).values()
        for pair in combinations(records, 2)
    ]
    return _pairwise_overlap(pairs, schedule)


# --------------------------------------------------------------------------------------------
# Soft
# --------------------------------------------------------------------------------------------


def do_meetings_as_soon_as_possible(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """S1 Do all meetings as soon as possible: ``last(m)`` summed over all meetings."""
    return ConstraintResult(sum(m.last for m in schedule.values()), len(schedule))


def one_break_between_consecutive_meetings(
    instance: Instance, schedule: Schedule
) -> ConstraintResult:
    """S2 One TimeGrain break between two consecutive meetings: 100 per a→b with s(b)=end(a)."""
    matches = sum(
        1
        for a in schedule.values()
        for b in schedule.values()
        if a.meeting_id != b.meeting_id and b.start == a.last + 1
    )
    return ConstraintResult(100 * matches, matches)


def overlapping_meetings(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """S3 Overlapping meetings: ``10 × overlap`` per unordered pair of meetings, any rooms."""
    penalty = matches = 0
    for a, b in combinations(schedule.values(), 2):
        if (grains := overlap(a, b)) > 0:
            penalty += 10 * grains
            matches += 1
    return ConstraintResult(penalty, matches)


def assign_larger_rooms_first(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """S4 Assign larger rooms first: ``cap(r') - cap(room(m))`` per meeting and larger room r'."""
    penalty = matches = 0
    for m in schedule.values():
        for room in instance.rooms:
            if room.capacity > m.room_capacity:
                penalty += room.capacity - m.room_capacity
                matches += 1
    return ConstraintResult(penalty, matches)


def room_stability(instance: Instance, schedule: Schedule) -> ConstraintResult:
    """S5 Room stability: 1 per ordered required-record pair a→b, other room, s(b)-end(a) ≤ 2."""
    matches = 0
    for records in _by_person(instance.required_attendances).values():
        for left in records:
            for right in records:
                if left.meeting_id == right.meeting_id:
                    continue
                a, b = schedule[left.meeting_id], schedule[right.meeting_id]
                if a.start < b.start and a.room_id != b.room_id and b.start - a.end <= 2:
                    matches += 1
    return ConstraintResult(matches, matches)


ConstraintFunction = Callable[[Instance, Schedule], ConstraintResult]

CONSTRAINTS: tuple[tuple[str, Level, ConstraintFunction], ...] = (
    ("Room conflict", Level.HARD, room_conflict),
    ("Don't go in overtime", Level.HARD, avoid_overtime),
    ("Required attendance conflict", Level.HARD, required_attendance_conflict),
    ("Required room capacity", Level.HARD, required_room_capacity),
    ("Start and end on same day", Level.HARD, start_and_end_on_same_day),
    (
        "Required and preferred attendance conflict",
        Level.MEDIUM,
        required_and_preferred_attendance_conflict,
    ),
    ("Preferred attendance conflict", Level.MEDIUM, preferred_attendance_conflict),
    ("Do all meetings as soon as possible", Level.SOFT, do_meetings_as_soon_as_possible),
    (
        "One TimeGrain break between two consecutive meetings",
        Level.SOFT,
        one_break_between_consecutive_meetings,
    ),
    ("Overlapping meetings", Level.SOFT, overlapping_meetings),
    ("Assign larger rooms first", Level.SOFT, assign_larger_rooms_first),
    ("Room stability", Level.SOFT, room_stability),
)
"""Every constraint as (Timefold's constraint name, level, function), in Timefold's order."""

LEVELS: Mapping[str, Level] = MappingProxyType({name: level for name, level, _ in CONSTRAINTS})
"""The level of each constraint, by name."""


@dataclass(frozen=True)
class Score:
    """A ``HardMediumSoftScore`` with its per-constraint breakdown.

    ``breakdown`` maps each constraint name to its signed contribution (≤ 0) at its own level;
    ``matches`` maps it to the number of penalised tuples. Both hold every constraint, in
    Timefold's order. Compare scores with :meth:`as_tuple` (lexicographic, higher is better).
    """

    hard: int
    medium: int
    soft: int
    breakdown: Mapping[str, int]
    matches: Mapping[str, int]

    def __str__(self) -> str:
        return f"{self.hard}hard/{self.medium}medium/{self.soft}soft"

    def as_tuple(self) -> tuple[int, int, int]:
        """``(hard, medium, soft)``, for lexicographic comparison."""
        return (self.hard, self.medium, self.soft)

    @property
    def feasible(self) -> bool:
        """True iff the hard level is 0."""
        return self.hard == 0


def score(instance: Instance, solution: Solution) -> Score:
    """Score ``solution`` exactly as Timefold's meeting-scheduling constraints would.

    Raises ``ValueError`` if the solution does not place every meeting of the instance on one of
    its grains and rooms (spec section 3).
    """
    schedule = schedule_of(instance, solution)
    totals = dict.fromkeys(Level, 0)
    breakdown: dict[str, int] = {}
    matches: dict[str, int] = {}
    for name, level, function in CONSTRAINTS:
        result = function(instance, schedule)
        breakdown[name] = -result.penalty
        matches[name] = result.matches
        totals[level] -= result.penalty
    return Score(
        hard=totals[Level.HARD],
        medium=totals[Level.MEDIUM],
        soft=totals[Level.SOFT],
        breakdown=MappingProxyType(breakdown),
        matches=MappingProxyType(matches),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the score of a solution file, then one line per constraint; 2 on bad input."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.timefold.score",
        description="Score a solution of Timefold's meeting-scheduling demo.",
        epilog="example: python -m benchmarks.timefold.score "
        "benchmarks/timefold/data/timefold-meeting-demo.json "
        "benchmarks/timefold/data/timefold-solution-30s.json",
    )
    parser.add_argument("instance", help="instance JSON (spec section 2)")
    parser.add_argument("solution", help="solution JSON (spec section 3)")
    args = parser.parse_args(argv)
    try:
        instance = load_instance(args.instance)
        solution = load_solution(args.solution)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        result = score(instance, solution)
    except ValueError as exc:
        print(f"error: {args.solution}: {exc}", file=sys.stderr)
        return 2
    print(result)
    for name, value in result.breakdown.items():
        print(f"{name}: {value}{LEVELS[name].value} ({result.matches[name]} matches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
