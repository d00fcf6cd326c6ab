"""Exact evaluation of a placement: hard violations, medium and soft costs, term by term.

This is the reference the solver's model must agree with (tests check it); it also gives
the costs a solve reports, since the model's overlap variables are only bounded from below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

from planner.schedule.timegrid.problem import Item, Problem

__all__ = ["Evaluation", "Placement", "evaluate", "overlap"]


@dataclass(frozen=True)
class Placement:
    """Where and when an item happens: its first grain and its room id."""

    start: int
    room: str


@dataclass(frozen=True)
class Evaluation:
    """Costs of a placement. ``violations`` lists every broken hard rule, readably."""

    violations: tuple[str, ...]
    unplaced: int
    medium: int
    soft: int
    terms: Mapping[str, int] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        """True if no hard rule is broken."""
        return not self.violations


def overlap(start_a: int, len_a: int, start_b: int, len_b: int) -> int:
    """Grains shared by ``[start_a, start_a + len_a)`` and ``[start_b, start_b + len_b)``."""
    return max(0, min(start_a + len_a, start_b + len_b) - max(start_a, start_b))


def _block_of(problem: Problem, item: Item, start: int) -> int | None:
    """The index (in time order) of the block that holds the whole item, or None."""
    blocks = sorted(problem.blocks, key=lambda b: b.start)
    for k, block in enumerate(blocks):
        if block.start <= start and start + item.duration <= block.end:
            return k
    return None


def _unary(problem: Problem, placements: Mapping[str, Placement]) -> tuple[list[str], int]:
    """Violations of single-item rules, and the number of unplaced non-mandatory items."""
    rooms = {r.id: r for r in problem.rooms}
    violations: list[str] = []
    unplaced = 0
    groups: dict[str, list[str]] = {}
    for item in problem.items:
        p = placements.get(item.id)
        if p is None:
            if item.mandatory:
                violations.append(f"{item.id}: not placed")
            elif item.group is None:
                unplaced += 1
            continue
        if item.group is not None:
            groups.setdefault(item.group, []).append(item.id)
        if _block_of(problem, item, p.start) is None:
            violations.append(f"{item.id}: start {p.start} does not fit inside a block")
        if item.starts is not None and p.start not in item.starts:
            violations.append(f"{item.id}: start {p.start} is not a candidate start")
        room = rooms.get(p.room)
        if room is None:
            violations.append(f"{item.id}: unknown room {p.room!r}")
        elif room.capacity < item.need:
            violations.append(f"{item.id}: room {p.room} seats {room.capacity} < {item.need}")
        elif item.rooms is not None and p.room not in item.rooms:
            violations.append(f"{item.id}: room {p.room} is not allowed")
    for group, ids in groups.items():
        if len(ids) > 1:
            violations.append(f"group {group}: {len(ids)} alternatives placed ({', '.join(ids)})")
    all_groups = {i.group for i in problem.items if i.group is not None}
    unplaced += len(all_groups - set(groups))
    return violations, unplaced


def evaluate(problem: Problem, placements: Mapping[str, Placement]) -> Evaluation:
    """Evaluate ``placements`` (item id → placement; absent items are unplaced)."""
    violations, unplaced = _unary(problem, placements)
    w = problem.weights
    blocks = sorted(problem.blocks, key=lambda b: b.start)
    rooms = {r.id: r for r in problem.rooms}
    placed = [(item, placements[item.id]) for item in problem.items if item.id in placements]
    terms = dict.fromkeys(
        ("early", "block", "room", "back_to_back", "room_switch", "touching", "overlap"), 0
    )
    for item, p in placed:
        k = _block_of(problem, item, p.start)
        if k is not None:
            terms["early"] += w.early * (p.start - blocks[k].start)
            terms["block"] += w.block_cost * blocks[k].cost
        if p.room in rooms:
            terms["room"] += w.room_cost * rooms[p.room].cost
    medium = 0
    for (a, pa), (b, pb) in combinations(placed, 2):
        grains = overlap(pa.start, a.duration, pb.start, b.duration)
        if grains == 0:
            continue
        if pa.room == pb.room:
            violations.append(f"{a.id} and {b.id}: both in room {pa.room} for {grains} grain(s)")
        both = sorted(a.required & b.required)
        if both:
            violations.append(f"{a.id} and {b.id}: {', '.join(both)} required at both")
        medium += w.clash * grains * (len(a.people & b.people) - len(both))
        terms["overlap"] += w.overlap * grains
    for (a, pa), (b, pb) in ((x, y) for x in placed for y in placed if x[0].id != y[0].id):
        gap = pb.start - (pa.start + a.duration)
        if gap == 0:
            terms["touching"] += w.touching
        if 0 <= gap < w.break_grains:
            terms["back_to_back"] += w.back_to_back * len(a.people & b.people)
        if 0 <= gap <= w.switch_gap and pa.room != pb.room:
            terms["room_switch"] += w.room_switch * len(a.required & b.required)
    return Evaluation(tuple(violations), unplaced, medium, sum(terms.values()), terms)
