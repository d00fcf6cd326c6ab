"""The planner's objective for any given plan: the same CP-SAT model, its choices fixed.

A plan made elsewhere (a clerk's baseline, a decomposed solve, an edited plan) is scored
by the very function the solver minimises: the model is built as for a solve, every
meeting-slot and topic-meeting decision is fixed to the plan's, and CP-SAT settles the
auxiliary variables (stand-in penalties, cadence witnesses). A plan that breaks a hard rule
has no value: the fixed model is infeasible and `evaluate` says so.
"""

from __future__ import annotations

from typing import NamedTuple

from ortools.sat.python import cp_model

from planner.hard_rules import HardRules
from planner.model import Slot
from planner.scenario import Loaded
from planner.schedule.candidates import Candidates, build_candidates
from planner.schedule.constraints import add_constraints
from planner.schedule.objective import Objective, Reference, build_objective
from planner.schedule.variables import Variables, create_variables


class Evaluation(NamedTuple):
    """The objective of a plan, in total and per named term (constants folded in), and the
    constant part: what no plan can change (topics no meeting may take)."""

    objective: int
    terms: dict[str, int]
    constant: int = 0


class PlanNotAllowed(ValueError):
    """The plan makes a choice the hard rules forbid."""


def evaluate(
    loaded: Loaded,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    reference: Reference | None = None,
    lang: str = "en",
    cands: Candidates | None = None,
) -> Evaluation:
    """Score meeting half-days `chosen` and `agenda` (meeting id -> topic ids) with the
    solver's objective; raise PlanNotAllowed if a hard rule forbids the plan.

    `cands`, if given, are the scenario's candidates already built (they are the costly
    part on a large scenario, and `assemble_plan` needs them too).
    """
    if cands is None:
        rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, lang)
        cands = build_candidates(rules)
    model = cp_model.CpModel()
    v = create_variables(model, cands)
    add_constraints(v)
    obj = build_objective(v, reference)
    _fix(v, chosen, agenda)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status != cp_model.OPTIMAL:
        raise PlanNotAllowed(
            f"the plan breaks a hard rule (fixed model: {solver.status_name(status)})"
        )
    return _read(solver, obj)


def _fix(v: Variables, chosen: dict[str, Slot], agenda: dict[str, list[str]]) -> None:
    """Fix every decision variable to the plan's choice; reject choices with no variable."""
    for mid, slot in chosen.items():
        if (mid, slot) not in v.x:
            raise PlanNotAllowed(f"meeting {mid} may not be held on {slot}")
    placed = {(tid, mid) for mid, tids in agenda.items() for tid in tids}
    for tid, mid in placed:
        if (tid, mid) not in v.y:
            raise PlanNotAllowed(f"topic {tid} may not go to meeting {mid}")
        if mid not in chosen:
            raise PlanNotAllowed(f"topic {tid} is on the agenda of {mid}, which is not held")
    for (mid, slot), lit in v.x.items():
        v.model.add(lit == int(chosen.get(mid) == slot))
    for mid, held in v.held.items():
        v.model.add(held == int(mid in chosen))
    for key, lit in v.y.items():
        v.model.add(lit == int(key in placed))


def _read(solver: cp_model.CpSolver, obj: Objective) -> Evaluation:
    """Exact integer terms (the solver's objective_value is a double: it rounds above 2**53)."""
    terms = {name: int(solver.value(expr)) for name, expr in obj.terms.items()}
    for name, constant in obj.constants.items():
        terms[name] = terms.get(name, 0) + constant
    return Evaluation(sum(terms.values()), terms, sum(obj.constants.values()))
