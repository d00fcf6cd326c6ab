"""The search machinery: a budget shared by CP-SAT calls, and block neighbourhood search.

A *block neighbourhood* frees the items of a few blocks (they may move between those blocks),
keeps every other item where it is, and re-solves exactly that with CP-SAT. Blocks only
interact through people and, for some soft terms, at their edges, so these sub-problems are
small; with the clique cuts the medium ones are usually solved to optimality in a fraction of
a second, which makes the search a fast descent over exact block moves.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

from planner.schedule.timegrid.evaluate import Placement, evaluate
from planner.schedule.timegrid.model import BuildOptions, GridModel, build
from planner.schedule.timegrid.problem import Prepared

__all__ = [
    "Budget",
    "Stage",
    "TimeState",
    "improve_soft",
    "improve_time",
    "read_placements",
    "time_objective",
]

STATUS: dict[cp_model.CpSolverStatus, str] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


@dataclass(frozen=True)
class Stage:
    """What one CP-SAT call did: status, best objective and bound, wall seconds."""

    name: str
    status: str
    objective: float
    bound: float
    seconds: float


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records when the first solution of the whole solve appears."""

    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self._budget = budget

    def on_solution_callback(self) -> None:
        """Note the time of the first solution."""
        if self._budget.first_feasible is None:
            self._budget.first_feasible = self._budget.elapsed()


@dataclass
class Budget:
    """The budget of one solve, in wall seconds, or in CP-SAT work units (deterministic).

    ``spent()`` and ``total`` are in that unit; CP-SAT calls take ``workers`` threads, or
    interleave that many workers in one thread when deterministic.
    """

    total: float
    deterministic: bool
    workers: int = 2
    seed: int = 0
    log: bool = False
    wall_cap: float = float("inf")
    started: float = field(default_factory=time.perf_counter)
    work: float = 0.0
    first_feasible: float | None = None
    stages: list[Stage] = field(default_factory=list)

    def elapsed(self) -> float:
        """Wall seconds since the solve began."""
        return time.perf_counter() - self.started

    def spent(self) -> float:
        """Budget used so far."""
        return self.work if self.deterministic else self.elapsed()

    def left(self) -> float:
        """Budget left (never below zero)."""
        if self.deterministic and self.elapsed() >= self.wall_cap:
            return 0.0
        return max(self.total - self.spent(), 0.0)

    def solver(self, limit: float) -> cp_model.CpSolver:
        """A CP-SAT solver configured for ``limit`` budget units."""
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.random_seed = self.seed
        p.num_workers = max(1, self.workers)
        p.log_search_progress = self.log
        limit = max(limit, 0.01)
        if self.deterministic:
            p.interleave_search = self.workers > 1
            p.max_deterministic_time = limit
            if self.wall_cap < float("inf"):
                p.max_time_in_seconds = max(self.wall_cap - self.elapsed(), 0.05)
        else:
            p.max_time_in_seconds = limit
        return solver

    def run(self, name: str, g: GridModel,
            limit: float) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        """Solve ``g``'s model within ``limit``; record the stage and the first solution."""
        solver = self.solver(limit)
        began = time.perf_counter()
        status = solver.solve(g.model, _FirstSolution(self))
        self.work += solver.deterministic_time
        feasible = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        self.stages.append(
            Stage(
                name,
                STATUS.get(status, str(status)),
                solver.objective_value if feasible else float("nan"),
                solver.best_objective_bound,
                time.perf_counter() - began,
            )
        )
        return solver, status


@dataclass
class TimeState:
    """A solution of the time model: starts and room classes by item index, and its levels."""

    starts: dict[int, int]
    classes: dict[int, int]
    unplaced: int
    medium: int

    @property
    def levels(self) -> tuple[int, int]:
        """(unplaced, medium), compared lexicographically."""
        return (self.unplaced, self.medium)


def time_objective(g: GridModel, medium_ceiling: int) -> cp_model.LinearExpr:
    """Unplaced items first, then medium."""
    return cp_model.LinearExpr.weighted_sum([g.unplaced, g.medium], [medium_ceiling + 1, 1])


def read_time(g: GridModel, solver: cp_model.CpSolver) -> TimeState:
    """The time model's solution."""
    return TimeState(
        g.read_starts(solver),
        g.read_rooms(solver),
        int(solver.value(g.unplaced)),
        int(solver.value(g.medium)),
    )


def read_placements(g: GridModel, solver: cp_model.CpSolver) -> dict[str, Placement]:
    """Item id → placement from a solved room model."""
    starts, rooms = g.read_starts(solver), g.read_rooms(solver)
    return {
        g.prep.items[i].id: Placement(s, g.prep.rooms[rooms[i]].id) for i, s in starts.items()
    }


_WHOLE_RESERVE = 0.3
"""Budget kept back from the last whole-model call (its presolve and stop take a while)."""

MAX_SETS = 400
"""Block sets of one size beyond this many are sampled (many blocks: a month of half-days)."""


def _block_sets(prep: Prepared, sizes: tuple[int, ...], rng: random.Random) -> list[
        frozenset[int]]:
    """Sets of blocks worth re-solving together, smaller sizes first, each size in random
    order: single blocks that some item may use, and larger sets in which every block shares
    a movable item with another block of the set."""
    users = [frozenset(i for i in prep.live if k in prep.start_block_set(i))
             for k in range(len(prep.blocks))]
    used = [k for k in range(len(prep.blocks)) if users[k]]
    out: list[frozenset[int]] = []
    for size in sizes:
        group = [
            frozenset(c)
            for c in combinations(used, size)
            if size == 1 or all(any(users[k] & users[j] for j in c if j != k) for k in c)
        ]
        rng.shuffle(group)
        out.extend(group[:MAX_SETS])
    return out


def _freed(prep: Prepared, starts: Mapping[int, int], chosen: frozenset[int]) -> tuple[
        dict[int, int], dict[int, frozenset[int]]]:
    """Starts kept outside ``chosen`` blocks, and the blocks each freed item may use."""
    fixed = {i: s for i, s in starts.items() if prep.start_block[i][s] not in chosen}
    free = {i: chosen & frozenset(prep.item_blocks(i)) for i in prep.live if i not in fixed}
    return fixed, free


def _descend(budget: Budget, until: float, prep: Prepared, sizes: tuple[int, ...],
             step: Callable[[frozenset[int], float], bool], done: Callable[[], bool],
             seed: int = 0) -> bool:
    """Try block sets in turn until the budget mark ``until``; on an improvement start over
    (the set just tried last). Ends when no set improves (then returns True: converged), the
    budget is spent or ``done``."""
    rng = random.Random(budget.seed + seed)
    queue = _block_sets(prep, sizes, rng)
    while queue and not done() and budget.spent() < until - 0.02 and budget.left() > 0:
        chosen = queue.pop(0)
        if step(chosen, until - budget.spent()):
            queue = [s for s in _block_sets(prep, sizes, rng) if s != chosen] + [chosen]
    return not queue


def improve_time(budget: Budget, prep: Prepared, state: TimeState, lb: int,
                 medium_ceiling: int, until: float, step_limit: float,
                 seed: int = 0) -> tuple[TimeState, bool]:
    """Block neighbourhood descent on (unplaced, medium), down to ``lb`` at best. Returns the
    best state and whether the descent converged (no neighbourhood improves it)."""
    mandatory = all(prep.items[i].mandatory for i in prep.live)
    current = [state]
    tried: set[tuple[frozenset[int], frozenset[int]]] = set()

    def step(chosen: frozenset[int], limit: float) -> bool:
        best = current[0]
        fixed, free = _freed(prep, best.starts, chosen)
        # Blocks share no medium cost: a set holding the same items as when it last failed
        # to improve would fail again.
        key = (chosen, frozenset(i for i in best.starts if i not in fixed))
        if key in tried:
            return False
        g = build(prep, BuildOptions(rooms=False, soft=False, fixed=fixed, blocks=free))
        g.model.minimize(time_objective(g, medium_ceiling))
        if lb and mandatory:
            g.model.add(g.medium >= lb)
        g.hint({prep.items[i].id: Placement(s, "") for i, s in best.starts.items()})
        solver, status = budget.run(f"time{sorted(chosen)}", g, min(step_limit, limit))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        new = read_time(g, solver)
        if new.levels < best.levels:
            current[0] = new
            return True
        tried.add(key)
        if new.levels == best.levels:
            current[0] = new
        return False

    sizes = tuple(k for k in (1, 2, 3) if k <= len(prep.blocks))
    done = _descend(budget, until, prep, sizes, step, lambda: current[0].levels <= (0, lb), seed)
    return current[0], done


def improve_soft(budget: Budget, prep: Prepared, placements: Mapping[str, Placement],
                 until: float, step_limit: float) -> tuple[dict[str, Placement], int | None]:
    """Block neighbourhood descent on soft, never worsening unplaced or medium, then CP-SAT
    on the whole model with what budget is left. Returns the best placement and, if that
    last call ran, its proven lower bound on the soft cost of any placement at least as
    good on unplaced and medium."""
    room_index = {r.id: k for k, r in enumerate(prep.rooms)}
    first = evaluate(prep.problem, placements)
    current: list[tuple[dict[str, Placement], tuple[int, int, int]]] = [
        (dict(placements), (first.unplaced, first.medium, first.soft))
    ]
    bounds: dict[frozenset[int], int] = {}

    def step(chosen: frozenset[int], limit: float, cap: float = step_limit) -> bool:
        best, cost = current[0]
        starts = {prep.index[k]: p.start for k, p in best.items()}
        fixed, free = _freed(prep, starts, chosen)
        room_of = {i: room_index[best[prep.items[i].id].room] for i in fixed}
        g = build(prep, BuildOptions(fixed=fixed, blocks=free, room_of=room_of))
        g.model.add(g.unplaced <= cost[0])
        g.model.add(g.medium <= cost[1])
        g.model.minimize(g.soft)
        g.hint(best)
        solver, status = budget.run(f"soft{sorted(chosen)}", g, min(cap, limit))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        bounds[chosen] = int(solver.best_objective_bound + 1e-6)
        trial = read_placements(g, solver)
        e = evaluate(prep.problem, trial)
        new = (e.unplaced, e.medium, e.soft)
        if e.feasible and new <= cost:
            current[0] = (trial, new)
        return e.feasible and new < cost

    sizes = tuple(k for k in (1, 2) if k <= len(prep.blocks))
    _descend(budget, until, prep, sizes, step, lambda: False)
    everything = frozenset(range(len(prep.blocks)))
    left = until - budget.spent() - _WHOLE_RESERVE
    if len(prep.blocks) > 2 and left > 0.2:
        step(everything, left, left)
    return current[0][0], bounds.get(everything)
