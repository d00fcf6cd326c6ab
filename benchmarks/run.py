"""The benchmark: CP-SAT against the clerk's greedy baseline, at three sizes, reproducibly.

For each size (S a district month, M a district year, L a city year; see generate.py) it
generates the scenario from the seed, plans it with the greedy baseline and with CP-SAT at
each time limit, scores every plan with the planner's own objective
(`planner.schedule.evaluate`), checks every plan with `planner verify`'s `verify_plan`, and
writes `benchmarks/results.md`: the results table, the ablation (what each modelling change
bought) and how cost grows with meetings × candidate half-days.

Every solve runs in a fresh child process, so that its peak memory (the child's
`ru_maxrss`, which counts CP-SAT's C++ memory too) and its wall time are its own; scoring
and checking run in a separate child and are not counted.

    python benchmarks/run.py --seed 1                        # everything (about 45 minutes)
    python benchmarks/run.py --seed 1 --sizes S --limits 1 10 --no-ablation --no-growth
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402
from benchmarks.report import write_results  # noqa: E402

INSTANCES = ROOT / "benchmarks" / "instances"
Result = dict[str, Any]


@dataclass(frozen=True)
class Config:
    """One way of running CP-SAT on a scenario."""

    name: str
    what: str
    subsolvers: tuple[str, ...] = ()
    hint: bool = False
    by_month: bool = False


CONFIGS: dict[str, Config] = {
    c.name: c
    for c in (
        Config("plain", "the whole horizon in one model, CP-SAT's default 2-worker portfolio"),
        Config(
            "max_lp",
            "+ LP with every Boolean constraint (portfolio max_lp + default_lp)",
            ("max_lp", "default_lp"),
        ),
        Config(
            "max_lp+hint",
            "+ the greedy plan as a solution hint",
            ("max_lp", "default_lp"),
            hint=True,
        ),
        Config(
            "by_month",
            "month by month, stitched (max_lp portfolio, no hint)",
            ("max_lp", "default_lp"),
            by_month=True,
        ),
        Config(
            "by_month+hint",
            "month by month, each month warm-started with the clerk's plan for it",
            ("max_lp", "default_lp"),
            hint=True,
            by_month=True,
        ),
    )
}
FINAL = {"S": ("max_lp+hint",), "M": ("max_lp+hint", "by_month+hint"), "L": ("by_month+hint",)}
ABLATION_LIMIT = {"S": 10.0, "M": 60.0, "L": 120.0}
ABLATION = {
    "S": ("plain", "max_lp", "max_lp+hint", "by_month"),
    "M": ("plain", "max_lp", "max_lp+hint", "by_month", "by_month+hint"),
    "L": ("plain", "max_lp+hint", "by_month", "by_month+hint"),
}
GROWTH_MONTHS = (1, 2, 3, 6)
GROWTH_LIMIT = 60.0


# ---------------------------------------------------------------- child processes
def in_child(task: Callable[..., Result], *args: Any) -> Result:
    """Run `task(*args)` in a fresh interpreter; its result gains the child's peak RSS."""
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, task, args))
    process.start()
    send.close()
    try:
        result: Result = receive.recv()
    except EOFError:
        result = {"error": f"child died (exit code {process.exitcode})"}
    process.join()
    return result


def _child(send: Connection, task: Callable[..., Result], args: tuple[Any, ...]) -> None:
    try:
        result = task(*args)
    except Exception as exc:  # reported in the table, never hidden
        result = {"error": f"{type(exc).__name__}: {exc}"}
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    send.send(result)
    send.close()


def _plain(chosen: dict[str, Any], agenda: dict[str, list[str]]) -> Result:
    """Chosen half-days and agendas as picklable plain data."""
    return {
        "chosen": {mid: (s.day.isoformat(), s.half) for mid, s in chosen.items()},
        "agenda": {mid: list(tids) for mid, tids in agenda.items()},
    }


def greedy_task(path: str) -> Result:
    """The clerk's plan (its time includes working out what the rules allow)."""
    from benchmarks.greedy import greedy_choices
    from planner.scenario import load_scenario

    loaded = load_scenario(Path(path))
    started = time.perf_counter()
    clerk, _ = greedy_choices(loaded)
    wall = time.perf_counter() - started
    return {**_plain(clerk.chosen, clerk.agenda), "wall_s": wall, "status": "GREEDY"}


def greedy_hint(loaded: Any) -> Any:
    """The clerk's plan as a CP-SAT solution hint (a `Reference`)."""
    from benchmarks.greedy import greedy_choices
    from planner.schedule.objective import Reference

    clerk, _ = greedy_choices(loaded)
    topic_meeting = {tid: mid for mid, tids in clerk.agenda.items() for tid in tids}
    return Reference(dict(clerk.chosen), {}, topic_meeting)


def solve_task(path: str, config: str, limit: float, seed: int) -> Result:
    """One CP-SAT run: `limit` is the wall time of the search (all months together)."""
    from planner.scenario import load_scenario
    from planner.schedule.decompose import solve_by_month
    from planner.schedule.solve import SolveOptions, build_and_solve

    cfg = CONFIGS[config]
    loaded = load_scenario(Path(path))
    options = SolveOptions(
        seed=seed,
        work_budget=1e9,
        time_limit=limit,
        workers=2,
        parallel=True,
        lang="en",
        subsolvers=cfg.subsolvers,
    )
    started = time.perf_counter()
    hint, hint_s = None, 0.0
    if cfg.by_month:
        stitched = solve_by_month(loaded, options, month_hint=greedy_hint if cfg.hint else None)
        return {
            **_plain(stitched.chosen, stitched.agenda),
            "status": "FEASIBLE",
            "months_optimal": sum(m.status == "OPTIMAL" for m in stitched.months),
            "months_from_hint": sum(m.status == "HINT" for m in stitched.months),
            "month_solves": len(stitched.months),
            "bound": None,
            "build_s": stitched.build_seconds,
            "solve_s": stitched.solve_seconds,
            "hint_s": 0.0,
            "wall_s": time.perf_counter() - started,
            "size": sum(m.size for m in stitched.months),
            "y": sum(m.pairs for m in stitched.months),
        }
    if cfg.hint:
        hint = greedy_hint(loaded)
        hint_s = time.perf_counter() - started
    solved = build_and_solve(loaded, options, hint=hint)
    wall = time.perf_counter() - started
    s = solved.solver
    have = s.status_name(solved.status) in ("OPTIMAL", "FEASIBLE")
    chosen = {
        mid: slot
        for (mid, slot), lit in solved.variables.x.items()
        if have and s.boolean_value(lit)
    }
    agenda: dict[str, list[str]] = {}
    for (tid, mid), lit in solved.variables.y.items():
        if have and s.boolean_value(lit):
            agenda.setdefault(mid, []).append(tid)
    return {
        **_plain(chosen, agenda),
        "status": s.status_name(solved.status),
        "bound": int(s.best_objective_bound) if have else None,
        "build_s": wall - s.wall_time - hint_s,
        "solve_s": s.wall_time,
        "hint_s": hint_s,
        "wall_s": wall,
        "size": solved.cands.size,
        "y": len(solved.variables.y),
    }


def evaluate_task(path: str, chosen: dict[str, Any], agenda: dict[str, list[str]]) -> Result:
    """Score a plan with the planner's objective and check it with `verify_plan`."""
    from planner.hard_rules import HardRules
    from planner.model import Slot
    from planner.plan import SolverInfo
    from planner.scenario import load_scenario
    from planner.schedule.candidates import build_candidates
    from planner.schedule.evaluate import evaluate
    from planner.schedule.solve import assemble_plan
    from planner.verify import verify_plan

    loaded = load_scenario(Path(path))
    started = time.perf_counter()
    slots = {mid: Slot(date.fromisoformat(d), h) for mid, (d, h) in chosen.items()}
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, "en")
    cands = build_candidates(rules)
    value = evaluate(loaded, slots, agenda, cands=cands)
    info = SolverInfo("EVALUATED", value.objective, None, 0.0)
    plan = assemble_plan(loaded, rules, slots, agenda, info, value.terms, cands, "en")
    violations = verify_plan(loaded, plan.to_json("en"), "en")
    placed = {tid for tids in agenda.values() for tid in tids}
    deferred: dict[str, int] = {}
    placeable: dict[str, int] = {}
    for t in loaded.scenario.topics:
        if t.id not in placed:
            deferred[str(t.priority)] = deferred.get(str(t.priority), 0) + 1
            if cands.topic_slots[t.id]:
                placeable[str(t.priority)] = placeable.get(str(t.priority), 0) + 1
    return {
        "objective": value.objective,
        "terms": value.terms,
        "constant": value.constant,
        "violations": len(violations),
        "violation_text": [v.message("en") for v in violations[:3]],
        "deferred": deferred,
        "deferred_placeable": placeable,
        "meetings_held": len(slots),
        "meetings": len(loaded.scenario.meetings),
        "topics": len(loaded.scenario.topics),
        "eval_s": time.perf_counter() - started,
    }


# ---------------------------------------------------------------- the runs
def instance(size: str, seed: int, months: int | None = None) -> Path:
    """Generate (deterministically) the scenario file of a size, seed and months."""
    tag = f"{size}-{seed}" + (f"-m{months}" if months else "")
    return generate.write(size, seed, INSTANCES / f"{tag}.yaml", months)


def run_one(
    path: Path, kind: str, limit: float | None, seed: int, log: Callable[[str], None]
) -> Result:
    """Solve (or greedy) in one child, then score and check in another."""
    if kind == "greedy":
        solved = in_child(greedy_task, str(path))
    else:
        solved = in_child(solve_task, str(path), kind, float(limit or 0), seed)
    if "error" in solved:
        log(f"  {path.name} {kind} {limit}: {solved['error']}")
        return {"kind": kind, "limit": limit, "path": str(path.relative_to(ROOT)), **solved}
    scored = in_child(evaluate_task, str(path), solved["chosen"], solved["agenda"])
    scored["eval_rss_mb"] = scored.pop("rss_mb", None)
    result = {"kind": kind, "limit": limit, "path": str(path.relative_to(ROOT)), **solved, **scored}
    result.pop("chosen")
    result.pop("agenda")
    log(
        f"  {path.name} {kind} {limit}: objective {result.get('objective')} bound "
        f"{result.get('bound')} status {result.get('status')} wall {result.get('wall_s', 0):.1f}s "
        f"rss {result.get('rss_mb', 0):.0f}MB violations {result.get('violations')}"
    )
    return result


def run(args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    """Every run the arguments ask for; the data behind results.md."""
    data: dict[str, Any] = {
        "sizes": {},
        "ablation": {},
        "growth": [],
        "configs": {name: cfg.what for name, cfg in CONFIGS.items()},
        "growth_limit": GROWTH_LIMIT,
    }
    for size in args.sizes:
        path = instance(size, args.seed)
        log(f"{size}: {path}")
        runs = [run_one(path, "greedy", None, args.seed, log)]
        for config in FINAL[size]:
            for limit in args.limits:
                runs.append(run_one(path, config, limit, args.seed, log))
        data["sizes"][size] = {"path": str(path.relative_to(ROOT)), "runs": runs}
        if args.ablation:
            limit = ABLATION_LIMIT[size]
            rows = []
            for config in ABLATION[size]:
                done = [r for r in runs if r["kind"] == config and r["limit"] == limit]
                rows.append(done[0] if done else run_one(path, config, limit, args.seed, log))
            data["ablation"][size] = rows
    if args.growth:
        for months in GROWTH_MONTHS:
            path = instance("L", args.seed, months)
            log(f"growth: {path}")
            for config in ("max_lp", "by_month"):
                result = run_one(path, config, GROWTH_LIMIT, args.seed, log)
                data["growth"].append({"horizon_months": months, **result})
    return data


def environment(argv: list[str]) -> dict[str, Any]:
    """Machine, library versions and the exact command."""
    from importlib.metadata import version

    libs = {}
    for name in ("ortools", "pydantic", "pyyaml", "chinesecalendar"):
        try:
            libs[name] = version(name)
        except Exception:
            libs[name] = "?"
    return {
        "cores": os.cpu_count(),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "libs": libs,
        "command": "python benchmarks/run.py " + " ".join(argv),
        "started": datetime.now().isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="CP-SAT against the greedy baseline.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--sizes", nargs="+", default=["S", "M", "L"], choices=sorted(generate.SIZES)
    )
    parser.add_argument("--limits", nargs="+", type=float, default=[10.0, 60.0, 120.0])
    parser.add_argument("--no-ablation", dest="ablation", action="store_false")
    parser.add_argument("--no-growth", dest="growth", action="store_false")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args(argv)
    env = environment(argv)

    def log(line: str) -> None:
        print(line, flush=True)

    started = time.perf_counter()
    data = run(args, log)
    env["minutes"] = round((time.perf_counter() - started) / 60, 1)
    data["env"] = env
    data["seed"] = args.seed
    write_results(args.out, data)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
