"""A lower bound on the medium cost: the block–clique relaxation.

Take a *clique* of items that pairwise share a person (a conflict clique). Inside one block,
their grains add up to at most the block's usable length plus the grains during which two or
more of them run at once, and each such grain is at least one overlapping, costly pair (two
items with a required person in common never overlap). So, per clique and block,

    sum of overlaps of the clique's pairs there  >=  sum of its durations there - length.

The relaxation keeps only which block each item goes to, the per-block room and required-
person capacities, and these clique inequalities; CP-SAT solves it (quickly: a few hundred
Booleans) and its proven bound is a valid lower bound on the medium cost of the whole
problem. On Timefold's demo instance it is 40, which the full model reaches: the medium
optimum is then proven.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from ortools.sat.python import cp_model

from planner.schedule.timegrid.problem import Prepared

__all__ = ["Relaxation", "medium_lower_bound", "relax"]

@dataclass(frozen=True)
class Relaxation:
    """The relaxation's outcome: a proven lower bound on the medium cost, and the block of
    each mandatory item in the relaxation's best solution (empty if none was found), a good
    starting point for search."""

    bound: int
    blocks: Mapping[int, int]


def medium_lower_bound(prep: Prepared, time_limit: float = 2.0, seed: int = 0,
                       work_limit: float | None = None) -> int:
    """A lower bound on the medium cost of any placement of the mandatory items."""
    return relax(prep, time_limit, seed, work_limit).bound


def relax(prep: Prepared, time_limit: float = 2.0, seed: int = 0,
          work_limit: float | None = None) -> Relaxation:
    """Solve the block–clique relaxation: a medium lower bound and a block per item.

    One CP-SAT worker; ``work_limit`` (deterministic seconds) makes the result reproducible,
    ``time_limit`` caps the wall time. Other seeds give other partitions.
    """
    weight = prep.problem.weights.clash
    items = tuple(i for i in prep.live if prep.items[i].mandatory)
    cliques = prep.cliques
    if not weight or not cliques:
        return Relaxation(0, {})
    m = cp_model.CpModel()
    z = {(i, k): m.new_bool_var(f"z[{i},{k}]") for i in items for k in prep.item_blocks(i)}
    for i in items:
        m.add_exactly_one(z[i, k] for k in prep.item_blocks(i))
    _capacities(prep, items, m, z)
    ov = _overlaps(prep, items, m, z)
    for clique in cliques:
        excess = []
        for k, block in enumerate(prep.blocks):
            inside = [(i, z[i, k]) for i in clique if (i, k) in z]
            if len(inside) < 2:
                continue
            length = prep.usable(clique, k)
            if sum(prep.duration(i) for i, _ in inside) <= length:
                continue
            ex = m.new_int_var(0, sum(prep.duration(i) for i, _ in inside), f"ex[{block.id}]")
            m.add(ex >= sum(prep.duration(i) * lit for i, lit in inside) - length)
            excess.append(ex)
        if excess:
            m.add(sum(excess) <= sum(ov[a, b] for a, b in combinations(clique, 2) if (a, b) in ov))
    clash = {(p.a, p.b): p.clash for p in prep.pairs}
    m.minimize(weight * sum(clash[a, b] * var for (a, b), var in ov.items()))
    solver = _solver(time_limit, work_limit, seed)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Relaxation(0, {})
    blocks = {i: k for (i, k), lit in z.items() if solver.value(lit)}
    return Relaxation(int(solver.best_objective_bound + 1e-6), blocks)


def _solver(time_limit: float, work_limit: float | None, seed: int) -> cp_model.CpSolver:
    """A one-worker CP-SAT solver with these limits."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    if work_limit is not None:
        solver.parameters.max_deterministic_time = work_limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    return solver


def _capacities(prep: Prepared, items: tuple[int, ...], m: cp_model.CpModel,
                z: dict[tuple[int, int], cp_model.IntVar]) -> None:
    """Per block: grains fit the rooms of each class, and each required person's length."""
    for k, block in enumerate(prep.blocks):
        here = [i for i in items if (i, k) in z]
        for rooms in prep.room_classes:
            users = [i for i in here if set(prep.item_rooms[i]) <= set(rooms)]
            if users:
                m.add(sum(prep.duration(i) * z[i, k] for i in users) <= len(rooms) * block.length)
        m.add(sum(prep.duration(i) * z[i, k] for i in here) <= len(prep.rooms) * block.length)
        for person_items in prep.required_by_person.values():
            mine = [i for i in person_items if (i, k) in z]
            if len(mine) > 1:
                m.add(sum(prep.duration(i) * z[i, k] for i in mine) <= block.length)


def _overlaps(prep: Prepared, items: tuple[int, ...], m: cp_model.CpModel,
              z: dict[tuple[int, int], cp_model.IntVar]) -> dict[tuple[int, int], cp_model.IntVar]:
    """An overlap variable per costly pair, zero unless both items share a block."""
    chosen = set(items)
    ov: dict[tuple[int, int], cp_model.IntVar] = {}
    for p in prep.pairs:
        if not p.clash or p.hard or not {p.a, p.b} <= chosen:
            continue
        var = m.new_int_var(0, min(prep.duration(p.a), prep.duration(p.b)), f"ov[{p.a},{p.b}]")
        for k in prep.item_blocks(p.a):
            if (p.b, k) in z:
                m.add(var == 0).only_enforce_if([z[p.a, k], ~z[p.b, k]])
            else:
                m.add(var == 0).only_enforce_if(z[p.a, k])
        ov[p.a, p.b] = var
    return ov
