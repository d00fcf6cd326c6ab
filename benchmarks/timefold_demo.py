"""Solve Timefold's meeting-scheduling demo with the project's own engine, and score it.

    python -m benchmarks.timefold_demo \
        --instance benchmarks/timefold/data/timefold-meeting-demo.json \
        --time-limit 10 --out /tmp/solution.json

maps the instance onto :mod:`planner.schedule.timegrid` (days → blocks, Timefold's grains →
the grid, its rooms and meetings → rooms and items), solves it with Timefold's score as the
objective profile (below), writes the solution in the format of ``TIMEFOLD-MEETING-SCORE.md``
section 3, and prints its score as computed by :mod:`benchmarks.timefold.score`, CP-SAT's
bounds (the medium lower bound of the block–clique relaxation; the soft bound of the last,
whole-model call, valid for solutions with at least as good a medium), the time to the
first feasible solution, the wall time and the peak memory.

The *Timefold profile* (benchmark only): hard constraints stay hard; medium is one per grain
of overlap per required/preferred or preferred/preferred attendance pair (M1 + M2); soft is
S1 "as soon as possible" (grains from the day's start plus the day's first grain index, i.e.
the start index; the constant Σ(duration − 1) is added back by the scorer), S2 100 per
ordered pair of meetings that touch, S3 10 per grain of overlap of any two meetings, S4 the
"larger rooms first" cost of each room, S5 1 per person required at two meetings in different
rooms with at most 2 grains between them. Medium and soft are solved lexicographically.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.timefold.instance import (
    Instance,
    Placement,
    Solution,
    load_instance,
    write_solution,
)
from benchmarks.timefold.score import Score, score
from planner.schedule.timegrid import (
    Block,
    Item,
    Problem,
    Result,
    Room,
    SolveOptions,
    Weights,
    solve,
)

__all__ = ["TIMEFOLD_WEIGHTS", "main", "to_problem", "to_solution"]

TIMEFOLD_WEIGHTS = Weights(
    clash=1,
    early=1,
    block_cost=1,
    room_cost=1,
    touching=100,
    overlap=10,
    room_switch=1,
    switch_gap=2,
)
"""Timefold's soft constraints S1–S5 as engine weights (see the module docstring)."""


def _blocks(instance: Instance) -> tuple[Block, ...]:
    """One block per day, from its first to its last grain index; cost = its first index."""
    days: dict[int, list[int]] = {}
    for grain in instance.time_grains:
        days.setdefault(grain.day, []).append(grain.grain_index)
    return tuple(
        Block(id=f"day{day}", start=min(idx), end=max(idx) + 1, cost=min(idx))
        for day, idx in sorted(days.items())
    )


def _starts(instance: Instance, duration: int) -> frozenset[int]:
    """Grains where a meeting of this length starts and ends on existing grains of one day."""
    out = set()
    for grain in instance.time_grains:
        last = instance.grain(grain.grain_index + duration - 1)
        if last is not None and last.day == grain.day:
            out.add(grain.grain_index)
    return frozenset(out)


def _room_cost(instance: Instance, capacity: int) -> int:
    """S4: what a meeting in a room of this capacity costs (sum over larger rooms)."""
    return sum(r.capacity - capacity for r in instance.rooms if r.capacity > capacity)


def to_problem(instance: Instance, weights: Weights = TIMEFOLD_WEIGHTS) -> Problem:
    """The engine's problem for a Timefold instance (one item per meeting)."""
    rooms = tuple(Room(r.id, r.capacity, _room_cost(instance, r.capacity)) for r in instance.rooms)
    items = tuple(
        Item(
            id=m.id,
            duration=m.duration_in_grains,
            required=frozenset(m.required_attendee_ids),
            optional=frozenset(m.preferred_attendee_ids),
            seats=m.required_capacity,
            starts=_starts(instance, m.duration_in_grains),
        )
        for m in instance.meetings
    )
    return Problem(blocks=_blocks(instance), rooms=rooms, items=items, weights=weights)


def to_solution(instance: Instance, result: Result) -> Solution:
    """The engine's placements as a Timefold solution (meetings in instance order)."""
    return Solution(
        {
            m.id: Placement(result.placements[m.id].start, result.placements[m.id].room)
            for m in instance.meetings
        }
    )


def _parser() -> argparse.ArgumentParser:
    """Command-line options."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.timefold_demo",
        description="Solve Timefold's meeting-scheduling demo with the timegrid engine.",
    )
    p.add_argument("--instance", required=True, help="instance JSON (spec section 2)")
    p.add_argument("--time-limit", type=float, default=10.0, help="wall seconds for the solve")
    p.add_argument("--out", required=True, help="solution JSON to write (spec section 3)")
    p.add_argument("--workers", type=int, default=2, help="CP-SAT threads (default 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--strategy", choices=("staged", "weighted"), default="staged")
    p.add_argument("--time-share", type=float, default=0.7,
                   help="part of the time for the medium (time) stage")
    p.add_argument("--step", type=float, default=1.0,
                   help="budget of one block neighbourhood (seconds or work units)")
    p.add_argument("--deterministic", action="store_true",
                   help="reproducible search on a budget of --work-limit CP-SAT work units "
                   "(one worker, or interleaved workers), --time-limit only as a safety net")
    p.add_argument("--work-limit", type=float, default=None,
                   help="work units for --deterministic (default: --time-limit)")
    p.add_argument("--no-bound", action="store_true", help="skip the medium lower bound")
    p.add_argument("--json", action="store_true", help="print a JSON summary instead")
    p.add_argument("--log", action="store_true", help="CP-SAT search log on stderr")
    return p


def _summary(result: Result, tf: Score, wall: float, peak_mb: float,
             constant: int) -> dict[str, object]:
    """Everything the benchmark reports, as plain data (bounds in Timefold's signs)."""
    soft_bound = None if result.soft_bound is None else -(result.soft_bound + constant)
    return {
        "score": str(tf),
        "hard": tf.hard,
        "medium": tf.medium,
        "soft": tf.soft,
        "medium_bound": -result.medium_bound,
        "medium_proven_optimal": result.medium_proven,
        "soft_bound_at_that_medium": soft_bound,
        "status": result.status,
        "first_feasible_s": result.first_feasible,
        "solve_s": round(result.seconds, 3),
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(peak_mb, 1),
        "breakdown": dict(tf.breakdown),
        "stages": [
            {"name": s.name, "status": s.status, "objective": s.objective, "bound": s.bound,
             "seconds": round(s.seconds, 3)}
            for s in result.stages
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Solve, write the solution, print its score and the bounds; 2 on bad input."""
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        instance = load_instance(args.instance)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problem = to_problem(instance)
    options = SolveOptions(
        time_limit=args.time_limit,
        work_limit=args.time_limit if args.work_limit is None else args.work_limit,
        deterministic=args.deterministic,
        workers=args.workers,
        seed=args.seed,
        strategy=args.strategy,
        time_share=args.time_share,
        step=args.step,
        bound=not args.no_bound,
        log=args.log,
    )
    result = solve(problem, options)
    if not result.placements:
        print(f"no solution ({result.status}) within {args.time_limit} s", file=sys.stderr)
        return 1
    solution = to_solution(instance, result)
    write_solution(Path(args.out), solution)
    tf = score(instance, solution)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    constant = sum(m.duration_in_grains - 1 for m in instance.meetings)
    summary = _summary(result, tf, wall, peak_mb, constant)
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    _print(summary, args)
    return 0


def _print(summary: dict[str, object], args: argparse.Namespace) -> None:
    """The human-readable report."""
    if args.deterministic:
        mode = f"deterministic, {args.workers} {'worker' if args.workers == 1 else 'interleaved'}"
    else:
        mode = f"{args.workers} threads, not reproducible"
    print(summary["score"])
    proven = "reached: medium optimal" if summary["medium_proven_optimal"] else "not reached"
    print(f"bound (CP-SAT): {summary['medium_bound']}medium, no solution scores better on "
          f"medium ({proven})")
    if summary["soft_bound_at_that_medium"] is not None:
        print(f"bound (CP-SAT): {summary['soft_bound_at_that_medium']}soft for solutions with "
              f"{summary['medium']}medium or better")
    first = summary["first_feasible_s"]
    print(f"status {summary['status']}; first feasible after "
          f"{'-' if first is None else f'{first:.2f}'} s; solve {summary['solve_s']} s; "
          f"wall {summary['wall_s']} s; peak RSS {summary['peak_rss_mb']} MB; {mode}, "
          f"seed {args.seed}")
    breakdown = summary["breakdown"]
    assert isinstance(breakdown, dict)
    for name, value in breakdown.items():
        print(f"  {name}: {value}")


if __name__ == "__main__":
    sys.exit(main())
