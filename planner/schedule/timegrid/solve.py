"""Solving the rooms-and-grid problem: lexicographic (unplaced, medium, soft).

Strategy ``"staged"`` (the default):

1. *bound*: the block–clique relaxation gives a lower bound on the medium cost (:mod:`.bound`);
2. *time*: a model without rooms (room classes as cumulatives) minimises unplaced items, then
   medium; CP-SAT on the whole model first, then block neighbourhoods (:mod:`.search`); it
   stops early at the lower bound, which then proves the medium optimal;
3. the contents of interchangeable blocks are reordered and mirrored for the soft cost
   (:mod:`.blocks`), and rooms are given class by class (:mod:`.rooms`);
4. *soft*: block neighbourhoods on the whole model (rooms, soft terms) minimise soft with
   unplaced and medium never worse.

Strategy ``"weighted"`` solves the whole model once with the levels folded into one objective
(unplaced ≫ medium ≫ soft), for comparison. Both report a proven medium lower bound.

Determinism: with ``deterministic=True`` (the default) every CP-SAT call runs one worker (or
interleaves its workers in one thread) and stops on a deterministic work budget, and the
stages share that budget, so the same problem and seed give the same result on any machine
(``time_limit`` is then only a wall-clock safety net; if it stops a call the run is no longer
reproducible). Otherwise the calls run ``workers`` threads against the wall clock: faster on
an idle machine, not reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.schedule.timegrid.blocks import best_arrangement
from planner.schedule.timegrid.bound import Relaxation, relax
from planner.schedule.timegrid.evaluate import Evaluation, Placement, evaluate
from planner.schedule.timegrid.model import BuildOptions, build
from planner.schedule.timegrid.problem import Blocker, Prepared, Problem, diagnose
from planner.schedule.timegrid.rooms import assign_rooms
from planner.schedule.timegrid.search import (
    STATUS,
    Budget,
    Stage,
    TimeState,
    improve_soft,
    improve_time,
    read_placements,
    read_time,
    time_objective,
)

__all__ = ["Result", "SolveOptions", "Stage", "solve"]


@dataclass(frozen=True)
class SolveOptions:
    """How to search.

    ``time_limit``: wall seconds for the whole solve. ``deterministic``: reproducible search
    on a budget of ``work_limit`` CP-SAT work units instead (``time_limit`` is then a safety
    net). ``workers``: CP-SAT threads, or, when deterministic, one worker (the default: the
    sub-problems are small and one worker's work units track the wall clock best) or that
    many workers interleaved in one thread.
    ``time_share``: the part of the budget for the time stage; ``cpsat_share``: the part of
    that for CP-SAT on the whole time model before block neighbourhoods; ``step``: the
    budget of one neighbourhood. ``bound``: compute the medium lower bound. ``hint``: a
    placement to start from.
    """

    time_limit: float = 10.0
    work_limit: float = 10.0
    deterministic: bool = True
    workers: int = 1
    seed: int = 0
    strategy: str = "staged"
    time_share: float = 0.5
    cpsat_share: float = 0.25
    step: float = 1.0
    bound: bool = True
    hint: Mapping[str, Placement] | None = None
    log: bool = False


@dataclass(frozen=True)
class Result:
    """A solve's outcome.

    Costs come from :func:`.evaluate` (exact). ``medium_bound`` is a proven lower bound on the
    medium cost; ``medium_proven`` says the medium found meets it (so it is optimal).
    ``soft_bound``, when known, is CP-SAT's lower bound on the soft cost of any placement
    as good on unplaced and medium as the one found (with ``medium_proven``, a bound on the
    soft cost of every lexicographically optimal placement).
    ``status`` is OPTIMAL when CP-SAT proved the whole objective optimal (weighted strategy
    only), FEASIBLE when a placement was found, else INFEASIBLE (proven) or UNKNOWN.
    """

    status: str
    placements: Mapping[str, Placement]
    evaluation: Evaluation
    medium_bound: int
    medium_proven: bool
    soft_bound: int | None
    seconds: float
    first_feasible: float | None
    blockers: tuple[Blocker, ...] = ()
    stages: tuple[Stage, ...] = ()

    @property
    def objective(self) -> tuple[int, int, int]:
        """(unplaced, medium, soft): compared lexicographically, lower is better."""
        e = self.evaluation
        return (e.unplaced, e.medium, e.soft)


def solve(problem: Problem, options: SolveOptions | None = None) -> Result:
    """Place every mandatory item, and as many others as possible, minimising medium, then
    soft cost."""
    options = options or SolveOptions()
    reserve = min(0.3, 0.03 * options.time_limit)  # for the final evaluation
    budget = Budget(
        total=options.work_limit if options.deterministic else options.time_limit - reserve,
        deterministic=options.deterministic,
        workers=options.workers,
        seed=options.seed,
        log=options.log,
        wall_cap=options.time_limit - reserve if options.deterministic else float("inf"),
    )
    prep = Prepared(problem)
    blockers = tuple(diagnose(problem))
    if any(problem.items[i].mandatory and not prep.placeable(i) for i in range(len(prep.items))):
        return _result(budget, prep, "INFEASIBLE", {}, 0, False, blockers)
    relaxation = Relaxation(0, {})
    if options.bound:
        relaxation = relax(
            prep,
            time_limit=min(2.0, 0.1 * options.time_limit) if not options.deterministic
            else options.time_limit,
            seed=options.seed,
            work_limit=min(2.0, 0.1 * options.work_limit) if options.deterministic else None,
        )
    if options.strategy == "weighted":
        return _weighted(budget, prep, relaxation.bound, blockers)
    if options.strategy != "staged":
        raise ValueError(f"unknown strategy {options.strategy!r}")
    return _staged(budget, options, prep, relaxation, blockers)


def _result(budget: Budget, prep: Prepared, status: str, placements: Mapping[str, Placement],
            lb: int, proven: bool, blockers: tuple[Blocker, ...],
            soft_bound: int | None = None) -> Result:
    """Evaluate ``placements`` exactly and wrap everything up."""
    return Result(
        status=status,
        placements=dict(placements),
        evaluation=evaluate(prep.problem, placements),
        medium_bound=lb,
        medium_proven=proven,
        soft_bound=soft_bound,
        seconds=budget.elapsed(),
        first_feasible=budget.first_feasible,
        blockers=blockers,
        stages=tuple(budget.stages),
    )


def medium_ceiling(prep: Prepared) -> int:
    """An upper bound on the medium cost (every costly pair fully overlapping)."""
    w = prep.problem.weights.clash
    return sum(w * p.clash * min(prep.duration(p.a), prep.duration(p.b)) for p in prep.pairs)


def soft_ceiling(prep: Prepared) -> int:
    """An upper bound on the soft cost (every term at its worst)."""
    w, items, n = prep.problem.weights, prep.items, len(prep.live)
    total = w.touching * n * (n - 1)
    total += w.overlap * sum(min(prep.duration(p.a), prep.duration(p.b)) for p in prep.pairs)
    total += w.block_cost * n * max((b.cost for b in prep.blocks), default=0)
    total += w.room_cost * n * max((r.cost for r in prep.rooms), default=0)
    for i in prep.live:
        total += w.early * max(s - prep.blocks[k].start for s, k in prep.start_block[i].items())
        for j in prep.live:
            if i != j:
                total += w.back_to_back * len(items[i].people & items[j].people)
                total += w.room_switch * len(items[i].required & items[j].required)
    return total


def _mandatory(prep: Prepared) -> bool:
    """True if every item that can be placed must be."""
    return all(prep.items[i].mandatory for i in prep.live)


def _staged(budget: Budget, options: SolveOptions, prep: Prepared, relaxation: Relaxation,
            blockers: tuple[Blocker, ...]) -> Result:
    """Time stage (unplaced, medium), block arrangement and rooms, then the soft stage."""
    state, lb = _time_stage(budget, options, prep, relaxation)
    if state is None:
        last = budget.stages[-1].status if budget.stages else "UNKNOWN"
        status = "INFEASIBLE" if last == "INFEASIBLE" else "UNKNOWN"
        return _result(budget, prep, status, {}, lb, False, blockers)
    proven = _mandatory(prep) and state.medium <= lb
    placements = assign_rooms(prep, state.starts, state.classes)
    placements = best_arrangement(prep, placements)
    placements, soft_bound = improve_soft(budget, prep, placements, budget.total, options.step)
    return _result(budget, prep, "FEASIBLE", placements, lb, proven, blockers, soft_bound)


def _time_stage(budget: Budget, options: SolveOptions, prep: Prepared,
                relaxation: Relaxation) -> tuple[TimeState | None, int]:
    """Minimise (unplaced, medium) on the time model: start from the relaxation's blocks (or
    CP-SAT on the whole model), then descend by block neighbourhoods; while budget is left
    and the bound is not met, start again from another relaxation solution. Returns the best
    state and the (possibly raised) medium bound."""
    until = options.time_share * budget.total
    lb = relaxation.bound
    ceiling = medium_ceiling(prep)
    first = options.cpsat_share * until
    best: TimeState | None = None
    for attempt in range(_MAX_STARTS):
        if attempt:
            relaxation = _another_relaxation(budget, options, prep, attempt)
        state = None
        if relaxation.blocks and not (options.hint and attempt == 0):
            state = _from_partition(budget, prep, relaxation, ceiling, budget.spent() + first)
        proven = False
        if state is None and attempt == 0:
            state, proven, lb = _whole_time_model(budget, options, prep, relaxation, lb, first)
        if state is None:
            break
        converged = False
        if not proven and len(prep.blocks) > 1:
            state, converged = improve_time(
                budget, prep, state, lb, ceiling, until, options.step, seed=attempt
            )
        if best is None or state.levels < best.levels:
            best = state
        if proven or best.levels <= (0, lb) or not converged or budget.spent() >= until:
            break
    return best, lb


_MAX_STARTS = 50


def _another_relaxation(budget: Budget, options: SolveOptions, prep: Prepared,
                        attempt: int) -> Relaxation:
    """The relaxation solved again with another seed (another partition into blocks)."""
    return relax(
        prep,
        time_limit=1.0,
        seed=options.seed + attempt,
        work_limit=1.0 if options.deterministic else None,
    )


def _whole_time_model(budget: Budget, options: SolveOptions, prep: Prepared,
                      relaxation: Relaxation, lb: int,
                      limit: float) -> tuple[TimeState | None, bool, int]:
    """CP-SAT on the whole time model: (state, proven optimal, medium bound)."""
    g = build(prep, BuildOptions(rooms=False, soft=False))
    if lb and _mandatory(prep):
        g.model.add(g.medium >= lb)
    g.model.minimize(time_objective(g, medium_ceiling(prep)))
    g.hint(options.hint or _partition_hint(prep, relaxation))
    solver, status = budget.run("time", g, max(limit - budget.spent(), 0.05))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, False, lb
    if _mandatory(prep):
        lb = max(lb, int(solver.best_objective_bound + 1e-6))
    return read_time(g, solver), status == cp_model.OPTIMAL, lb


def _partition_hint(prep: Prepared, relaxation: Relaxation) -> dict[str, Placement]:
    """Each item at the first start of its block in the relaxation (a hint)."""
    return {
        prep.items[i].id: Placement(prep.block_starts(i, k)[0], "")
        for i, k in relaxation.blocks.items()
    }


def _from_partition(budget: Budget, prep: Prepared, relaxation: Relaxation, ceiling: int,
                    limit: float) -> TimeState | None:
    """Each item kept in its relaxation block, each block solved on its own (exactly if the
    budget allows); None if some block is infeasible or finds nothing."""
    members: dict[int, list[int]] = {}
    for i, k in sorted(relaxation.blocks.items()):
        members.setdefault(k, []).append(i)
    state = TimeState({}, {}, 0, 0)
    for n, (k, items) in enumerate(sorted(members.items())):
        share = (limit - budget.spent()) / (len(members) - n)
        g = build(prep, BuildOptions(rooms=False, soft=False, only=frozenset(items),
                                     blocks={i: frozenset({k}) for i in items}))
        g.model.minimize(time_objective(g, ceiling))
        solver, status = budget.run(f"time-block[{k}]", g, max(min(share, 1.0), 0.05))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        part = read_time(g, solver)
        state.starts.update(part.starts)
        state.classes.update(part.classes)
        state.medium += part.medium
    free = [i for i in prep.live if i not in state.starts]
    return state if not free else None


def _weighted(budget: Budget, prep: Prepared, lb: int, blockers: tuple[Blocker, ...]) -> Result:
    """The whole model once, levels folded into one objective."""
    g = build(prep, BuildOptions(rooms=True, soft=True))
    soft_top = soft_ceiling(prep) + 1
    medium_top = (medium_ceiling(prep) + 1) * soft_top
    if lb and _mandatory(prep):
        g.model.add(g.medium >= lb)
    g.model.minimize(
        cp_model.LinearExpr.weighted_sum(
            [g.unplaced, g.medium, g.soft], [medium_top, soft_top, 1]
        )
    )
    solver, status = budget.run("weighted", g, budget.left())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _result(budget, prep, STATUS.get(status, "UNKNOWN"), {}, lb, False, blockers)
    placements = read_placements(g, solver)
    if _mandatory(prep):
        lb = max(lb, int(solver.best_objective_bound + 1e-6) // soft_top)
    medium = evaluate(prep.problem, placements).medium
    status_name = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
    return _result(budget, prep, status_name, placements, lb, medium <= lb, blockers)
