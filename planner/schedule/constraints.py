"""CP-SAT constraints: one function per rule, called in order by `add_constraints`.

Rules about a single meeting on a single half-day (working day, blocked, window, chair,
quorum, required attendees, materials, reviews, deadline) were applied before the model was
built, in `candidates`; what is left here are the rules that tie decisions together.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.model import Slot
from planner.schedule.variables import Variables


def meeting_held_once(v: Variables) -> None:
    """Each meeting goes to one working half-day inside its window, or is not held."""
    for mid, held in v.held.items():
        v.model.add(sum(lit for _, lit in v.on(mid)) == held)


def topic_decided_once(v: Variables) -> None:
    """Agenda: a topic goes to at most one meeting."""
    by_topic: dict[str, list[cp_model.IntVar]] = {}
    for (tid, _), lit in v.y.items():
        by_topic.setdefault(tid, []).append(lit)
    for lits in by_topic.values():
        v.model.add_at_most_one(lits)


def topic_only_on_allowed_day(v: Variables) -> None:
    """Art. 46, 47 and deadlines: a topic sits at a meeting only on a half-day it may go to."""
    for (tid, mid), lit in v.y.items():
        allowed = v.cands.topic_slots[tid][mid]
        if len(allowed) == len(v.cands.meeting_slots[mid]):
            v.model.add_implication(lit, v.held[mid])
        else:
            v.model.add(sum(v.x[mid, s] for s in allowed) >= lit)


def _topics_by_meeting(v: Variables) -> dict[str, list[tuple[str, cp_model.IntVar]]]:
    """The (topic, literal) pairs of each meeting, in the order of `v.y` (one pass)."""
    out: dict[str, list[tuple[str, cp_model.IntVar]]] = {}
    for (tid, mid), lit in v.y.items():
        out.setdefault(mid, []).append((tid, lit))
    return out


def agenda_fits_minutes(v: Variables) -> None:
    """Art. 52: the agenda's minutes fit the meeting's length."""
    scenario = v.cands.rules.scenario
    by_meeting = _topics_by_meeting(v)
    for m in scenario.meetings:
        items = [(scenario.topic(tid).minutes, lit) for tid, lit in by_meeting.get(m.id, [])]
        if sum(minutes for minutes, _ in items) > m.minutes:
            v.model.add(sum(minutes * lit for minutes, lit in items) <= m.minutes * v.held[m.id])


def optional_meeting_only_for_urgent(v: Variables) -> None:
    """Art. 43: an optional (extra) meeting is held only when urgent topics need it."""
    rules = v.cands.rules
    by_meeting = _topics_by_meeting(v)
    for m in rules.scenario.meetings:
        if not m.optional:
            continue
        urgent = [
            lit
            for tid, lit in by_meeting.get(m.id, [])
            if rules.is_urgent(rules.scenario.topic(tid))
        ]
        v.model.add(sum(urgent) >= v.held[m.id])


def _people_at(v: Variables) -> dict[Slot, dict[str, list[tuple[str, cp_model.IntVar]]]]:
    """For each half-day and person, the (meeting, literal) pairs that would put the person
    in that meeting then: the meeting's own people, and presenters who join with a topic."""
    rules = v.cands.rules
    scenario = rules.scenario
    by_slot: dict[Slot, dict[str, list[tuple[str, cp_model.IntVar]]]] = {}
    for (mid, s), lit in v.x.items():
        for person in v.cands.people[mid][s]:
            by_slot.setdefault(s, {}).setdefault(person, []).append((mid, lit))
    for (tid, mid), ylit in v.y.items():
        m = scenario.meeting(mid)
        if m.kind != "topic":
            continue
        for s in v.cands.topic_slots[tid][mid]:
            presenter = rules.presenter(scenario.topic(tid), s)
            if presenter is None or presenter in v.cands.people[mid][s]:
                continue
            key = (presenter, mid, s)
            if key not in v.joins:
                v.joins[key] = v.model.new_bool_var(f"join[{presenter},{mid},{s}]")
                by_slot.setdefault(s, {}).setdefault(presenter, []).append((mid, v.joins[key]))
            v.model.add(v.joins[key] >= v.x[mid, s] + ylit - 1)
    return by_slot


def one_place_at_a_time(v: Variables) -> None:
    """Nobody (member present, chair, presenter, required attendee) is in two meetings on
    the same half-day (without rooms; with rooms see `time_fits_the_half_day`)."""
    if v.cands.rules.scenario.rooms:
        return
    for people in _people_at(v).values():
        for pairs in people.values():
            if len(pairs) > 1:
                v.model.add_at_most_one(lit for _, lit in pairs)


def time_fits_the_half_day(v: Variables) -> None:
    """With rooms: each person's meetings, and all meetings together in the rooms, fit in
    the half-day's hours (the exact times and rooms are then placed on the grid)."""
    rules = v.cands.rules
    scenario = rules.scenario
    if not scenario.rooms:
        return
    length = {m.id: rules.grains(m) for m in scenario.meetings}
    for s, people in _people_at(v).items():
        capacity = rules.half_day_grains(s)
        for pairs in people.values():
            if sum(length[mid] for mid, _ in pairs) > capacity:
                v.model.add(sum(length[mid] * lit for mid, lit in pairs) <= capacity)
    by_slot: dict[Slot, list[tuple[str, cp_model.IntVar]]] = {}
    for (mid, s), lit in v.x.items():
        by_slot.setdefault(s, []).append((mid, lit))
    for s, pairs in by_slot.items():
        capacity = rules.half_day_grains(s) * len(scenario.rooms)
        if sum(length[mid] for mid, _ in pairs) > capacity:
            v.model.add(sum(length[mid] * lit for mid, lit in pairs) <= capacity)


def not_again(v: Variables, slot: Slot, meetings: list[str]) -> None:
    """These meetings did not fit together into the rooms on that half-day: not again."""
    lits = [v.x[mid, slot] for mid in meetings if (mid, slot) in v.x]
    if lits:
        v.model.add(sum(lits) <= len(lits) - 1)


CONSTRAINTS = (
    meeting_held_once,
    topic_decided_once,
    topic_only_on_allowed_day,
    agenda_fits_minutes,
    optional_meeting_only_for_urgent,
    one_place_at_a_time,
    time_fits_the_half_day,
)


def add_constraints(v: Variables) -> None:
    """Add every rule that ties decisions together, in a fixed order."""
    for constraint in CONSTRAINTS:
        constraint(v)
