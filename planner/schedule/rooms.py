"""Rooms and times of day: place the meetings of each half-day on the grain grid and in rooms.

The half-day model chooses each meeting's half-day under necessary conditions (everyone's
meetings fit in the half-day's hours, all meetings fit in the rooms, a room seats everyone).
This stage then places each half-day's meetings exactly, with the rooms-and-time-grid engine
(`planner.schedule.timegrid`): hard, no room double-booked, capacity, nobody required at two
overlapping meetings, nothing crosses the end of the half-day; medium, clashes of optional
attendees; soft, earlier starts, a break between one person's back-to-back meetings, no
switching rooms between adjacent meetings. Half-days are independent, so each is solved on
its own; a half-day whose meetings do not fit is reported so the half-day model can be
asked again without that combination.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.hard_rules import HardRules
from planner.model import Slot
from planner.schedule import timegrid as tg


@dataclass(frozen=True)
class Placed:
    """A meeting's time of day and room."""

    start: str
    end: str
    room: str


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _start_minutes(rules: HardRules, slot: Slot) -> int:
    h, m = rules.scenario.calendar.hours.of(slot.half)[0].split(":")
    return int(h) * 60 + int(m)


def presenters(rules: HardRules, slot: Slot, topics: list[str]) -> set[str]:
    out: set[str] = set()
    for tid in topics:
        p = rules.presenter(rules.scenario.topic(tid), slot)
        if p is not None:
            out.add(p)
    return out


def half_day_problem(
    rules: HardRules, slot: Slot, meetings: list[str], agenda: dict[str, list[str]]
) -> tg.Problem:
    """The grid problem of one half-day: one block, the rooms, one item per meeting."""
    rb = rules.rulebook
    scenario = rules.scenario
    block = tg.Block("half", 0, rules.half_day_grains(slot))
    items = []
    for mid in meetings:
        m = scenario.meeting(mid)
        joined = presenters(rules, slot, agenda.get(mid, []))
        required = rules.people_in(m, slot) | joined
        optional = {a for a in m.optional_attendees if rules.avail.present(a, slot)}
        items.append(
            tg.Item(
                mid,
                rules.grains(m),
                frozenset(required),
                frozenset(optional),
                seats=rules.seats(m, slot, joined),
            )
        )
    weights = tg.Weights(
        clash=1,
        early=rb.room_early_weight,
        back_to_back=rb.room_break_weight,
        break_grains=max(1, -(-rb.room_break_minutes // scenario.calendar.grain_minutes)),
        room_switch=rb.room_switch_weight,
        switch_gap=max(1, -(-rb.room_break_minutes // scenario.calendar.grain_minutes)),
    )
    rooms = tuple(tg.Room(r.id, r.capacity) for r in scenario.rooms)
    return tg.Problem((block,), rooms, tuple(items), weights)


def place_rooms(
    rules: HardRules,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    seed: int = 0,
    work_budget: float = 5.0,
) -> tuple[dict[str, Placed], list[tuple[Slot, list[str]]]]:
    """Times and rooms for every held meeting; and the half-days whose meetings did not fit."""
    by_slot: dict[Slot, list[str]] = {}
    for mid, slot in sorted(chosen.items(), key=lambda kv: (kv[1], kv[0])):
        by_slot.setdefault(slot, []).append(mid)
    grain = rules.scenario.calendar.grain_minutes
    placed: dict[str, Placed] = {}
    failed: list[tuple[Slot, list[str]]] = []
    for slot, meetings in sorted(by_slot.items()):
        problem = half_day_problem(rules, slot, meetings, agenda)
        result = tg.solve(
            problem,
            tg.SolveOptions(
                deterministic=True,
                work_limit=work_budget,
                time_limit=max(10.0, 4 * work_budget),
                workers=1,
                seed=seed,
                bound=False,
            ),
        )
        if result.evaluation.unplaced or len(result.placements) < len(meetings):
            failed.append((slot, meetings))
            continue
        base = _start_minutes(rules, slot)
        for mid, where in result.placements.items():
            minutes = rules.scenario.meeting(mid).minutes
            start = base + where.start * grain
            placed[mid] = Placed(_hhmm(start), _hhmm(start + minutes), where.room)
    return placed, failed
