"""Sweeps: many variants of one base plan, planned in parallel: how fragile is the plan?

The base is planned once; each variant is planned warm-started from it, with the stability
term (as `planner whatif` does), and compared with it. The result says, for each meeting,
the share of runs in which it cannot be held or must move, and for each topic the share of
runs in which it is deferred.

Variants are either given what-if files, or drawn at random: `K` random leaves of the base's
people per run. The random leaves model (run `i` of seed `S` draws from its own
`random.Random(f"planner-sweep:{S}:{i}")`, for each of its K leaves in this order):

- person: uniform over the base's people (every role);
- first day: uniform over the horizon's working days;
- length: 1 working day, then one more with probability 1/2, at most 3 (P = 1/2, 1/4, 1/4);
  the leave runs from the first day to that working day (clipped to the horizon), so a
  weekend or holiday inside it is part of it;
- half-day: with probability 1/5 only one half-day of each of its days (am or pm, even odds);
- reason: uniform over `REASONS`; requested 7 days before it starts.

Every run is a deterministic function of the base, the seed, its index and the solver's
deterministic work budget (no wall-clock limit), so a seed gives the same sweep on one
process or many, on local processes or a Dask cluster (`dask.distributed`, the optional
extra `planner[dask]`, imported only when used). Dask workers need the planner installed;
variants travel to them whole, so they need no access to the scenario files.
"""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from planner.diff import compare, reference_of
from planner.model import HALVES, Leave, Slot
from planner.output import OutputError, write_file
from planner.pipeline import dump_json
from planner.plan import Plan
from planner.scenario import Loaded
from planner.schedule import SolveOptions, plan_scenario
from planner.schedule.objective import Reference

REASONS: tuple[str, ...] = ("出差", "参加上级会议", "外出学习培训", "病假", "事假")
MAX_LENGTH = 3  # working days
LONGER = 0.5  # probability of one more working day
HALF_DAY = 0.2  # probability that a leave takes one half-day of each of its days
NOTICE_DAYS = 7
SWEEP_WORK_BUDGET = 5.0  # deterministic seconds per variant (a base gets the usual budget)

MODEL: dict[str, Any] = {
    "person": "uniform over the base's people",
    "start": "uniform over the horizon's working days",
    "length_workdays": {"1": 0.5, "2": 0.25, "3": 0.25},
    "half_day": HALF_DAY,
    "reasons": list(REASONS),
    "requested_days_before": NOTICE_DAYS,
}


class SweepError(Exception):
    """A sweep cannot run as asked (exit status 2)."""


@dataclass(frozen=True)
class Job:
    """One variant to plan: everything a worker needs, picklable."""

    index: int
    name: str
    loaded: Loaded
    options: SolveOptions
    reference: Reference
    leaves: tuple[tuple[tuple[str, str], ...], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the variant plan's choices, compactly."""

    index: int
    name: str
    status: str
    seconds: float
    plan: Reference
    meetings: tuple[str, ...]  # ids of the variant's meetings
    topics: tuple[str, ...]  # ids of the variant's topics
    leaves: tuple[tuple[tuple[str, str], ...], ...] = ()


def run_job(job: Job) -> Outcome:
    """Plan one variant warm-started from the base plan (runs in a worker process)."""
    plan = plan_scenario(job.loaded, job.options, reference=job.reference, hint=job.reference)
    scenario = job.loaded.scenario
    return Outcome(
        job.index,
        job.name,
        plan.solver.status,
        plan.solver.seconds,
        reference_of(plan),
        tuple(m.id for m in scenario.meetings),
        tuple(t.id for t in scenario.topics),
        job.leaves,
    )


# ---- drawing variants ----


def draw_leaves(base: Loaded, k: int, seed: int, index: int) -> list[Leave]:
    """The K random leaves of run `index` (see the module's model)."""
    rng = random.Random(f"planner-sweep:{seed}:{index}")
    scenario = base.scenario
    people = [p.id for p in scenario.people]
    days = base.calendar.workdays(scenario.start, scenario.end)
    leaves: list[Leave] = []
    if not people or not days:
        return leaves
    for _ in range(k):
        person = rng.choice(people)
        start = rng.choice(days)
        length = 1
        while length < MAX_LENGTH and rng.random() < LONGER:
            length += 1
        end = min(base.calendar.add_workdays(start, length - 1), scenario.end)
        half = rng.choice(HALVES) if rng.random() < HALF_DAY else None
        reason = rng.choice(REASONS)
        leaves.append(Leave(person, start, end, half, reason, start - timedelta(days=NOTICE_DAYS)))
    return leaves


def _leave_json(lv: Leave) -> tuple[tuple[str, str], ...]:
    out = {"person": lv.person, "from": lv.start.isoformat(), "to": lv.end.isoformat()}
    if lv.half:
        out["half"] = lv.half
    out["reason"] = lv.reason
    return tuple(out.items())


def random_jobs(
    base: Loaded, k: int, runs: int, seed: int, options: SolveOptions, reference: Reference
) -> list[Job]:
    jobs: list[Job] = []
    for i in range(runs):
        leaves = draw_leaves(base, k, seed, i)
        scenario = base.scenario.replace(leaves=(*base.scenario.leaves, *leaves))
        variant = dataclasses.replace(base, scenario=scenario)
        jobs.append(
            Job(
                i,
                f"run-{i:04d}",
                variant,
                options,
                reference,
                tuple(_leave_json(lv) for lv in leaves),
            )
        )
    return jobs


def loaded_jobs(
    variants: Sequence[tuple[str, Loaded]], options: SolveOptions, reference: Reference
) -> list[Job]:
    return [Job(i, name, loaded, options, reference) for i, (name, loaded) in enumerate(variants)]


# ---- running them ----


def execute(
    jobs: Sequence[Job],
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Outcome]:
    """Plan every job on local processes (or in this one, with workers=0) or on a Dask
    cluster; outcomes in job order, whatever order they finish in."""
    done = progress or (lambda: None)
    results: list[Outcome] = []
    if dask is not None:
        results = _on_dask(jobs, dask, done)
    elif workers <= 0:
        for job in jobs:
            results.append(run_job(job))
            done()
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(run_job, job) for job in jobs]
            for future in as_completed(futures):
                results.append(future.result())
                done()
    return sorted(results, key=lambda o: o.index)


def _on_dask(jobs: Sequence[Job], address: str, done: Callable[[], None]) -> list[Outcome]:
    try:
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError:
        raise SweepError("sweep.no_dask") from None
    results: list[Outcome] = []
    with distributed.Client(address) as client:
        futures = client.map(run_job, list(jobs), pure=False)
        for future in distributed.as_completed(futures):
            results.append(future.result())
            done()
    return results


# ---- the result ----


@dataclass
class SweepResult:
    base: str
    base_loaded: Loaded
    base_plan: Plan
    outcomes: list[Outcome]
    mode: str  # "random_leaves" or "whatif"
    seed: int
    k: int
    work_budget: float
    seconds: float = 0.0
    workers: str = ""
    meetings: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    variants: list[dict[str, Any]] = field(default_factory=list)

    def aggregate(self) -> SweepResult:
        """Fragility per meeting and per topic; one summary per variant."""
        scenario = self.base_loaded.scenario
        base = reference_of(self.base_plan)
        mids = [m.id for m in scenario.meetings]
        tids = [t.id for t in scenario.topics]
        n = max(1, len(self.outcomes))
        not_held = dict.fromkeys(mids, 0)
        moved = dict.fromkeys(mids, 0)
        deferred = dict.fromkeys(tids, 0)
        newly = dict.fromkeys(tids, 0)
        self.variants = []
        for o in self.outcomes:
            diff = compare(base, o.plan, (mids, o.meetings), (tids, o.topics))
            for mid in mids:
                a, b = base.meeting_slot.get(mid), o.plan.meeting_slot.get(mid)
                if a is not None and b is None:
                    not_held[mid] += 1
                elif a != b:
                    moved[mid] += 1
            for tid in tids:
                if o.plan.topic_meeting.get(tid) is None:
                    deferred[tid] += 1
                    if base.topic_meeting.get(tid) is not None:
                        newly[tid] += 1
            entry: dict[str, Any] = {"run": o.index, "name": o.name}
            if o.leaves:
                entry["leaves"] = [dict(lv) for lv in o.leaves]
            entry["status"] = o.status
            entry["changes"] = diff.counts()
            entry["moved"] = [
                {"id": c.id, "from": _slot(c.before), "to": _slot(c.after)}
                for c in diff.of("meetings_moved")
            ]
            entry["newly_deferred"] = [c.id for c in diff.of("newly_deferred")]
            self.variants.append(entry)
        self.meetings = [
            {
                "id": m.id,
                "title": m.title,
                "base": _slot(base.meeting_slot.get(m.id)),
                "not_held": round(not_held[m.id] / n, 4),
                "moved": round(moved[m.id] / n, 4),
                "affected": round((not_held[m.id] + moved[m.id]) / n, 4),
            }
            for m in scenario.meetings
        ]
        self.topics = [
            {
                "id": t.id,
                "title": t.title,
                "base_meeting": base.topic_meeting.get(t.id),
                "deferred": round(deferred[t.id] / n, 4),
                "newly_deferred": round(newly[t.id] / n, 4),
            }
            for t in scenario.topics
        ]
        return self

    def to_json(self, timing: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "base": self.base,
            "mode": self.mode,
            "runs": len(self.outcomes),
            "seed": self.seed,
        }
        if self.mode == "random_leaves":
            out["random_leaves"] = self.k
            out["model"] = MODEL
        out["work_budget"] = self.work_budget
        out["base_plan"] = {
            "status": self.base_plan.solver.status,
            "objective": self.base_plan.solver.objective,
        }
        out["meetings"] = self.meetings
        out["topics"] = self.topics
        out["variants"] = self.variants
        if timing:
            out["timing"] = {
                "seconds": round(self.seconds, 3),
                "variants_per_second": round(len(self.outcomes) / self.seconds, 3)
                if self.seconds
                else None,
                "workers": self.workers,
                "solve_seconds": [round(o.seconds, 3) for o in self.outcomes],
            }
        return out


def _slot(value: Slot | str | None) -> dict[str, str] | None:
    if isinstance(value, Slot):
        return {"date": value.day.isoformat(), "half": value.half}
    return None


def run_sweep(
    base_path: Path,
    base: Loaded,
    variants: Sequence[tuple[str, Loaded]] | None,
    *,
    k: int = 0,
    runs: int = 0,
    seed: int = 0,
    options: SolveOptions | None = None,
    base_options: SolveOptions | None = None,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[], None] | None = None,
    on_jobs: Callable[[int], None] | None = None,
) -> SweepResult:
    """Plan the base, then the variants (given, or `runs` draws of `k` random leaves)."""
    options = options or SolveOptions(seed=seed, work_budget=SWEEP_WORK_BUDGET)
    base_plan = plan_scenario(base, base_options or dataclasses.replace(options, work_budget=20.0))
    reference = reference_of(base_plan)
    if variants is None:
        jobs = random_jobs(base, k, runs, seed, options, reference)
        mode = "random_leaves"
    else:
        jobs = loaded_jobs(variants, options, reference)
        mode = "whatif"
    if on_jobs is not None:
        on_jobs(len(jobs))
    started = time.perf_counter()
    outcomes = execute(jobs, workers, dask, progress)
    seconds = time.perf_counter() - started
    label = f"dask:{dask}" if dask else f"local:{max(workers, 0)}"
    return SweepResult(
        str(base_path),
        base,
        base_plan,
        outcomes,
        mode,
        seed,
        k,
        options.work_budget,
        seconds,
        label,
    ).aggregate()


def write_sweep(out: Path, result: SweepResult) -> Path:
    """Write OUT/sweep.json atomically."""
    if out.exists() and not out.is_dir():
        raise OutputError("out.not_folder", out)
    target = out / "sweep.json"
    write_file(target, dump_json(result.to_json()))
    return target


def plan_sweep(
    paths: Sequence[Path],
    *,
    k: int = 0,
    runs: int = 0,
    seed: int = 0,
    options: SolveOptions | None = None,
    base_options: SolveOptions | None = None,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[], None] | None = None,
    on_jobs: Callable[[int], None] | None = None,
    lang: str = "zh",
) -> SweepResult:
    """`planner sweep`: one scenario with random leaves, or what-if files sharing a base.
    Raises SweepError (a catalogue key) for a sweep asked wrongly, InputError for bad files."""
    from planner.scenario import load_scenario
    from planner.whatif import is_whatif, load_whatifs

    kinds = {is_whatif(p) for p in paths}
    if not paths or len(kinds) > 1:
        raise SweepError("sweep.mixed")
    variants: list[tuple[str, Loaded]] | None = None
    if kinds == {True}:
        if k:
            raise SweepError("sweep.random_needs_scenario")
        whatifs = load_whatifs(paths, lang)
        base_path, base = whatifs[0].base, whatifs[0].base_loaded
        variants = [(wi.stem, wi.loaded) for wi in whatifs]
    else:
        if len(paths) != 1 or k < 1 or runs < 1:
            raise SweepError("sweep.random_needs_scenario")
        base_path, base = paths[0], load_scenario(paths[0])
    return run_sweep(
        base_path,
        base,
        variants,
        k=k,
        runs=runs,
        seed=seed,
        options=options,
        base_options=base_options,
        workers=workers,
        dask=dask,
        progress=progress,
        on_jobs=on_jobs,
    )
