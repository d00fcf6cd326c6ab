"""Build the CP-SAT model, run it within a deterministic work budget, read the plan back.

Determinism: CP-SAT's parallel portfolio is not reproducible, so by default the workers are
interleaved in one deterministic sequence (`interleave_search`) and the search stops on a
*deterministic* time budget (`max_deterministic_time`, CP-SAT's own count of work done),
not on the wall clock. The same input and seed then give the same plan on any machine,
fast or slow. A wall-clock `time_limit` can be added as a safety net; if it is what stops
the search, the plan records `stopped_by: "time_limit"` and is no longer guaranteed to be
reproducible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.hard_rules import HardRules
from planner.model import Slot
from planner.plan import Absence, Plan, PlannedMeeting, PlannedTopic, SolverInfo
from planner.scenario import Loaded
from planner.schedule.candidates import Candidates, build_candidates
from planner.schedule.constraints import add_constraints, not_again
from planner.schedule.explain import explain
from planner.schedule.objective import Objective, Reference, build_objective
from planner.schedule.rooms import Placed, place_rooms
from planner.schedule.variables import Variables, create_variables


@dataclass(frozen=True)
class SolveOptions:
    """How hard and how long to search."""

    seed: int = 0
    work_budget: float = 20.0  # deterministic seconds (CP-SAT's work units)
    time_limit: float | None = None  # wall-clock seconds, a safety net only
    workers: int = 1  # interleaved subsolvers (deterministic) or threads (parallel=True)
    parallel: bool = False  # real threads: faster, not reproducible
    lang: str = "zh"
    log: bool = False
    # CP-SAT's LP: 2 puts every Boolean constraint in the relaxation (a strong bound);
    # None keeps CP-SAT's default. Applies to single-worker and interleaved runs.
    linearization_level: int | None = None
    # Full-problem subsolvers of the portfolio (e.g. ("max_lp", "default_lp")); () keeps
    # CP-SAT's choice for the number of workers.
    subsolvers: tuple[str, ...] = ()


@dataclass
class Solved:
    """The model and the raw solver result, for callers that need more than the plan."""

    cands: Candidates
    variables: Variables
    objective: Objective
    solver: cp_model.CpSolver
    status: cp_model.CpSolverStatus


def build_and_solve(
    loaded: Loaded,
    options: SolveOptions,
    reference: Reference | None = None,
    hint: Reference | None = None,
) -> Solved:
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, options.lang)
    cands = build_candidates(rules)
    model = cp_model.CpModel()
    v = create_variables(model, cands)
    add_constraints(v)
    obj = build_objective(v, reference)
    if hint is not None:
        _add_hints(v, hint)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = options.seed
    p.max_deterministic_time = options.work_budget
    if options.time_limit is not None:
        p.max_time_in_seconds = options.time_limit
    if options.parallel:
        p.num_workers = max(1, options.workers)
    else:
        p.num_workers = max(1, options.workers)
        p.interleave_search = True
    p.log_search_progress = options.log
    if options.linearization_level is not None:
        p.linearization_level = options.linearization_level
    if options.subsolvers:
        p.subsolvers.extend(options.subsolvers)
    status = solver.solve(model)
    return Solved(cands, v, obj, solver, status)


def _add_hints(v: Variables, hint: Reference) -> None:
    """Warm start: suggest the reference plan's choices to the solver."""
    for (mid, s), lit in v.x.items():
        v.model.add_hint(lit, hint.meeting_slot.get(mid) == s)
    for (tid, mid), lit in v.y.items():
        v.model.add_hint(lit, hint.topic_meeting.get(tid) == mid)
    for mid, held in v.held.items():
        v.model.add_hint(held, mid in hint.meeting_slot)


def plan_scenario(
    loaded: Loaded,
    options: SolveOptions | None = None,
    reference: Reference | None = None,
    hint: Reference | None = None,
) -> Plan:
    """Plan the scenario's horizon: place meetings and topics, explain the rest."""
    options = options or SolveOptions()
    started = time.perf_counter()
    solved = build_and_solve(loaded, options, reference, hint)
    placed = place_with_rooms(solved, options) if loaded.scenario.rooms else None
    seconds = time.perf_counter() - started
    return read_plan(loaded, solved, options, seconds, placed)


ROOM_ROUNDS = 5


def assignment(solved: Solved) -> tuple[dict[str, Slot], dict[str, list[str]]]:
    """The half-day of each held meeting and the topics of each meeting."""
    s, v = solved.solver, solved.variables
    chosen: dict[str, Slot] = {}
    agenda: dict[str, list[str]] = {}
    if solved.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return chosen, agenda
    for (mid, slot), lit in v.x.items():
        if s.boolean_value(lit):
            chosen[mid] = slot
    for (tid, mid), lit in v.y.items():
        if s.boolean_value(lit):
            agenda.setdefault(mid, []).append(tid)
    return chosen, agenda


def place_with_rooms(solved: Solved, options: SolveOptions) -> dict[str, Placed]:
    """Place each half-day's meetings in rooms and times; when a half-day's meetings do not
    fit, forbid that combination in the half-day model and solve it again."""
    rules = solved.cands.rules
    placed: dict[str, Placed] = {}
    for _ in range(ROOM_ROUNDS):
        chosen, agenda = assignment(solved)
        placed, failed = place_rooms(
            rules, chosen, agenda, options.seed, max(1.0, options.work_budget / 4)
        )
        if not failed:
            return placed
        for slot, meetings in failed:
            not_again(solved.variables, slot, meetings)
        _add_hints_from(solved, chosen, agenda)
        solved.status = solved.solver.solve(solved.variables.model)
    return placed


def _add_hints_from(solved: Solved, chosen: dict[str, Slot], agenda: dict[str, list[str]]) -> None:
    v = solved.variables
    v.model.clear_hints()  # type: ignore[no-untyped-call]
    for (mid, s), lit in v.x.items():
        v.model.add_hint(lit, chosen.get(mid) == s)
    for (tid, mid), lit in v.y.items():
        v.model.add_hint(lit, tid in agenda.get(mid, []))


_STATUS: dict[cp_model.CpSolverStatus, str] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


def read_plan(
    loaded: Loaded,
    solved: Solved,
    options: SolveOptions,
    seconds: float,
    placed: dict[str, Placed] | None = None,
) -> Plan:
    """Turn the solver's assignment into a Plan with explanations."""
    s = solved.solver
    rules = solved.cands.rules
    have = solved.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    chosen, agenda = assignment(solved)
    if placed is not None:  # with rooms: a meeting that found no room and time is not held
        for mid in [m for m in chosen if m not in placed]:
            del chosen[mid]
            agenda.pop(mid, None)
    stopped_by = (
        ""
        if solved.status == cp_model.OPTIMAL
        else (
            "time_limit"
            if options.time_limit is not None and s.wall_time >= options.time_limit * 0.99
            else "work_budget"
        )
    )
    info = SolverInfo(
        status=_STATUS.get(solved.status, "UNKNOWN"),
        objective=int(s.objective_value) if have else None,
        bound=int(s.best_objective_bound) if have else None,
        seconds=seconds,
        deterministic_time=s.deterministic_time,
        seed=options.seed,
        workers=options.workers,
        stopped_by=stopped_by,
    )
    terms = (
        {
            name: int(s.value(expr)) + solved.objective.constants.get(name, 0)
            for name, expr in solved.objective.terms.items()
        }
        if have
        else {}
    )
    return assemble_plan(
        loaded, rules, chosen, agenda, info, terms, solved.cands, options.lang, placed
    )


def assemble_plan(
    loaded: Loaded,
    rules: HardRules,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    info: SolverInfo,
    terms: dict[str, int],
    cands: Candidates,
    lang: str,
    placed: dict[str, Placed] | None = None,
) -> Plan:
    """Build the Plan for given meeting half-days and agendas (also used by baselines)."""
    scenario = loaded.scenario
    avail = rules.avail
    meetings: list[PlannedMeeting] = []
    topics: dict[str, PlannedTopic] = {}
    for m in scenario.meetings:
        slot = chosen.get(m.id)
        if slot is None:
            continue
        start, end = scenario.calendar.hours.of(slot.half)
        end = _add_minutes(start, m.minutes, end)
        room = None
        if placed is not None and m.id in placed:
            start, end, room = placed[m.id].start, placed[m.id].end, placed[m.id].room
        chair = rules.chair_of(m, slot) or ""
        acting_for = None
        if m.kind != "topic" and scenario.mayor and chair != scenario.mayor.id:
            acting_for = scenario.mayor.id
        members = avail.members() if m.kind != "topic" else list(m.attendees)
        if m.kind == "topic" and m.chair and m.chair not in members:
            members = [m.chair, *members]
        present = [p for p in members if avail.present(p, slot)]
        absent = []
        for p in members:
            leave = avail.leave_of(p, slot)
            if leave is not None:
                absent.append(Absence(p, avail.acting(p, slot), leave.reason))
        items = sorted(
            agenda.get(m.id, []),
            key=lambda tid: (-scenario.topic(tid).priority, scenario.topic(tid).id),
        )
        attending: list[str] = []
        for tid in items:
            for d in scenario.topic(tid).attending:
                if d not in attending:
                    attending.append(d)
        due = rules.materials_due(slot.day)
        for order, tid in enumerate(items, start=1):
            t = scenario.topic(tid)
            presenter = rules.presenter(t, slot)
            topics[tid] = PlannedTopic(
                tid,
                m.id,
                presenter,
                t.vice_mayor if presenter != t.vice_mayor else None,
                due,
                order,
            )
        meetings.append(
            PlannedMeeting(
                m.id,
                m.kind,
                slot.day,
                slot.half,
                start,
                end,
                chair,
                acting_for,
                tuple(present),
                tuple(absent),
                tuple(attending),
                tuple(items),
                m.title,
                room,
                m.location,
                m.attendees,
                m.optional_attendees,
            )
        )
    meetings.sort(key=lambda pm: (pm.day, pm.half, pm.start, pm.id))
    plan = Plan(
        scenario=scenario.title,
        solver=info,
        meetings=meetings,
        unscheduled=[],
        topics=[],
        horizon=(scenario.start, scenario.end),
        objective_terms=terms,
    )
    explain(plan, loaded, rules, cands, chosen, agenda, topics, lang)
    return plan


def _add_minutes(start: str, minutes: int, limit: str) -> str:
    h, m = (int(x) for x in start.split(":"))
    total = h * 60 + m + minutes
    end = f"{total // 60:02d}:{total % 60:02d}"
    return min(end, limit)
