"""Decomposition by month with a stitched horizon, for year-long and city-size scenarios.

The whole-horizon model grows with topics × the meetings each may go to × their half-days:
a city's year (3,000 topics, 1,200 meetings) takes minutes and gigabytes to build before
CP-SAT even starts. Yet the months hardly interact: every hard rule is about one half-day,
one meeting or one topic, and what ties months together is only that a topic left over in
May may go to a June meeting, and the Art. 43 (6) cadence. So the horizon is planned month
by month, in order, each month with the very same model on a sub-scenario:

* the meetings not yet held whose window (or fixed day) touches the month;
* the topics not yet placed whose deadline has not passed (leftovers carry forward);
* the cadence term only in the month that holds its last day, and only if not yet met.

The stitched plan keeps every hard rule over the whole horizon, but it is not proven
optimal (a month does not know what later months need, and a topic's weight is relative to
its month's topics). Score it with `planner.schedule.evaluate`, which uses the whole
horizon's objective; build the explained plan with `stitched_plan`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from planner.hard_rules import HardRules
from planner.model import Meeting, Slot
from planner.plan import Plan, SolverInfo
from planner.scenario import Loaded
from planner.schedule.candidates import build_candidates
from planner.schedule.evaluate import evaluate
from planner.schedule.objective import Reference, cadence_due
from planner.schedule.solve import Solved, SolveOptions, assemble_plan, build_and_solve


@dataclass(frozen=True)
class MonthResult:
    """What one month's solve did."""

    first: date
    last: date
    meetings: int
    topics: int
    size: int  # meetings × candidate half-days of the month's model
    pairs: int  # (topic, meeting) pairs the rules allow in the month's model
    status: str
    build_seconds: float
    solve_seconds: float


@dataclass
class Stitched:
    """The horizon's plan as chosen month by month."""

    chosen: dict[str, Slot] = field(default_factory=dict)
    agenda: dict[str, list[str]] = field(default_factory=dict)
    months: list[MonthResult] = field(default_factory=list)

    @property
    def placed(self) -> set[str]:
        return {tid for tids in self.agenda.values() for tid in tids}

    @property
    def solve_seconds(self) -> float:
        return sum(m.solve_seconds for m in self.months)

    @property
    def build_seconds(self) -> float:
        return sum(m.build_seconds for m in self.months)

    @property
    def all_optimal(self) -> bool:
        return all(m.status == "OPTIMAL" for m in self.months)


def month_spans(start: date, end: date) -> list[tuple[date, date]]:
    """Calendar months of [start, end], each clipped to it."""
    spans: list[tuple[date, date]] = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        last = min(end, following - timedelta(days=1))
        spans.append((first, last))
        first = following
    return spans


MonthHint = Callable[[Loaded], Reference | None]


def solve_by_month(
    loaded: Loaded,
    options: SolveOptions,
    hint: Reference | None = None,
    month_hint: MonthHint | None = None,
) -> Stitched:
    """Plan each month in turn; `options.time_limit` (if set) is the whole search's wall
    time. Earlier months hold more topics (every topic not yet placed is a candidate), so
    of the time left, the month with n months left to go (itself included) gets 2/(n+1):
    shares fall linearly over the horizon, and what a month does not use passes on.

    `month_hint`, if given, proposes a plan for each month's sub-scenario (a warm start, and
    the month's plan should CP-SAT find none in its share of the time); `hint` is one for the
    whole horizon.
    """
    spans = month_spans(loaded.scenario.start, loaded.scenario.end)
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, options.lang)
    due = cadence_due(loaded.scenario, loaded.rulebook)
    out = Stitched()
    spent = 0.0
    for i, (first, last) in enumerate(spans):
        started = time.perf_counter()
        sub = month_scenario(loaded, rules, first, last, out, due)
        warm = month_hint(sub) if month_hint is not None else hint
        opts = options
        if options.time_limit is not None:
            share = max(0.1, (options.time_limit - spent) * 2 / (len(spans) - i + 1))
            opts = dataclasses.replace(options, time_limit=share)
        solved = build_and_solve(sub, opts, hint=warm)
        total = time.perf_counter() - started
        spent += solved.solver.wall_time
        status = solved.solver.status_name(solved.status)
        if not _take(out, solved) and month_hint is not None and warm is not None:
            _take_hint(out, warm, sub)
            status = "HINT"
        out.months.append(
            MonthResult(
                first,
                last,
                len(sub.scenario.meetings),
                len(sub.scenario.topics),
                solved.cands.size,
                len(solved.variables.y),
                status,
                total - solved.solver.wall_time,
                solved.solver.wall_time,
            )
        )
    return out


def month_scenario(
    loaded: Loaded,
    rules: HardRules,
    first: date,
    last: date,
    done: Stitched,
    due: dict[str, tuple[date, date]],
) -> Loaded:
    """The sub-scenario of one month, given what earlier months already placed."""
    scenario = loaded.scenario
    meetings = [
        m for m in scenario.meetings if m.id not in done.chosen and _touches(rules, m, first, last)
    ]
    kinds = {m.kind for m in meetings}
    placed = done.placed
    topics = [
        t
        for t in scenario.topics
        if t.id not in placed
        and t.decided_by in kinds
        and (t.deadline is None or t.deadline >= first)
    ]
    live = {
        key
        for key, (_, by) in due.items()
        if first <= by <= last and not _met(loaded, done, key, by)
    }
    sub = scenario.replace(
        start=first,
        end=last,
        meetings=tuple(meetings),
        topics=tuple(topics),
        documents=(),
        history=tuple((k, d) for k, d in scenario.history if k in live),
    )
    return Loaded(sub, loaded.rulebook, loaded.calendar, [])


def _touches(rules: HardRules, m: Meeting, first: date, last: date) -> bool:
    """The meeting's fixed day or window lies (partly) in [first, last]."""
    if m.fixed is not None:
        return first <= m.fixed.day <= last
    start, end = rules.window(m)
    return start <= last and first <= end


def _met(loaded: Loaded, done: Stitched, key: str, by: date) -> bool:
    """An executive meeting already placed studies a topic of category `key` by `by`."""
    scenario = loaded.scenario
    for mid, slot in done.chosen.items():
        if scenario.meeting(mid).kind != "executive" or slot.day > by:
            continue
        if any(scenario.topic(tid).category == key for tid in done.agenda.get(mid, [])):
            return True
    return False


def _take(out: Stitched, solved: Solved) -> bool:
    """Add a month's chosen half-days and agendas to the stitched plan; False if CP-SAT
    found no plan for the month."""
    if solved.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    s = solved.solver
    for (mid, slot), lit in solved.variables.x.items():
        if s.boolean_value(lit):
            out.chosen[mid] = slot
    for (tid, mid), lit in solved.variables.y.items():
        if s.boolean_value(lit):
            out.agenda.setdefault(mid, []).append(tid)
    return True


def _take_hint(out: Stitched, warm: Reference, sub: Loaded) -> None:
    """Add a month's proposed plan (from `month_hint`, which must keep the hard rules)."""
    meetings = {m.id for m in sub.scenario.meetings}
    for mid, slot in warm.meeting_slot.items():
        if mid in meetings:
            out.chosen[mid] = slot
    for tid, mid in warm.topic_meeting.items():
        if mid in meetings:
            out.agenda.setdefault(mid, []).append(tid)


def stitched_plan(
    loaded: Loaded, stitched: Stitched, options: SolveOptions, seconds: float
) -> Plan:
    """The explained Plan of a stitched solve, scored with the whole horizon's objective
    (this builds the whole horizon's candidates once: the costly part on a large scenario)."""
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, options.lang)
    cands = build_candidates(rules)
    value = evaluate(loaded, stitched.chosen, stitched.agenda, lang=options.lang, cands=cands)
    info = SolverInfo(
        status="FEASIBLE",  # each month may be optimal, the stitched horizon is not proven
        objective=value.objective,
        bound=None,
        seconds=seconds,
        seed=options.seed,
        workers=options.workers,
        stopped_by="" if stitched.all_optimal else "time_limit",
    )
    return assemble_plan(
        loaded, rules, stitched.chosen, stitched.agenda, info, value.terms, cands, options.lang
    )


def plan_by_month(loaded: Loaded, options: SolveOptions | None = None) -> Plan:
    """Plan the horizon month by month and stitch the months into one explained plan."""
    options = options or SolveOptions()
    started = time.perf_counter()
    stitched = solve_by_month(loaded, options)
    return stitched_plan(loaded, stitched, options, time.perf_counter() - started)
