"""The benchmark's generator and greedy baseline, and the planner's plan evaluation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.generate import SIZES, dump, generate, write
from benchmarks.greedy import greedy_choices, greedy_plan, meeting_order
from planner.model import Slot
from planner.scenario import Loaded, load_scenario
from planner.schedule.decompose import month_spans, solve_by_month, stitched_plan
from planner.schedule.evaluate import PlanNotAllowed, evaluate
from planner.schedule.solve import SolveOptions, plan_scenario
from planner.verify import verify_plan

from .conftest import DEMO

FAST = SolveOptions(lang="en", work_budget=5.0, linearization_level=2)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """An S scenario (a district month), written and loaded for real."""
    path = write("S", 7, tmp_path_factory.mktemp("bench") / "S-7.yaml")
    return load_scenario(path)


def _choices(plan_json: dict[str, object]) -> tuple[dict[str, Slot], dict[str, list[str]]]:
    from datetime import date

    chosen: dict[str, Slot] = {}
    agenda: dict[str, list[str]] = {}
    for m in plan_json["meetings"]:  # type: ignore[attr-defined]
        chosen[m["id"]] = Slot(date.fromisoformat(m["date"]), m["half"])
        agenda[m["id"]] = list(m["agenda"])
    return chosen, agenda


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = write("S", 3, tmp_path / "a.yaml").read_bytes()
    b = write("S", 3, tmp_path / "b.yaml").read_bytes()
    assert a == b
    assert dump(generate("S", 4)) != dump(generate("S", 3))
    assert dump(generate("M", 3, months=1)) == dump(generate("M", 3, months=1))


def test_small_loads_with_the_sizes_proportions(small: Loaded) -> None:
    scenario = small.scenario
    size = SIZES["S"]
    leaders = [p for p in scenario.people if p.is_leader]
    assert len(leaders) == size.leaders
    assert len(scenario.departments) == size.departments
    assert len(scenario.meetings) == 12
    assert len(scenario.topics) == size.topics
    assert len(scenario.leaves) == size.leaves
    kinds = Counter(t.decided_by for t in scenario.topics)
    assert kinds["executive"] > kinds["mayor_office"] > 0 and kinds["topic"] > 0
    assert any(t.materials is None for t in scenario.topics) or any(
        t.lead_time_waived for t in scenario.topics
    )
    # every vice-mayor has a stand-in who is a leader (mutual pairs, one odd one out)
    ids = {p.id for p in leaders}
    assert all(p.stand_in in ids for p in leaders if p.role != "mayor")


def test_year_sizes_count_what_the_issue_asks() -> None:
    data = generate("M", 1)
    kinds = Counter(m["kind"] for m in data["meetings"])
    assert kinds["executive"] == 12 and kinds["mayor_office"] == 24 and kinds["topic"] == 250
    assert abs(len(data["topics"]) - 600) <= 5 and len(data["leaves"]) == 80
    one_month = generate("L", 1, months=1)
    assert len(one_month["meetings"]) == 100 and len({p["id"] for p in one_month["people"]}) > 70


@pytest.mark.parametrize("which", ["demo", "small"])
def test_greedy_plan_passes_verify(which: str, small: Loaded) -> None:
    loaded = load_scenario(DEMO) if which == "demo" else small
    plan = greedy_plan(loaded, "en")
    assert plan.solver.status == "GREEDY" and plan.solver.objective is not None
    assert verify_plan(loaded, plan.to_json("en"), "en") == []
    # the clerk holds an optional meeting only for an urgent topic, never twice a topic
    placed = [tid for m in plan.meetings for tid in m.agenda]
    assert len(placed) == len(set(placed))


def test_greedy_books_first_allowed_half_day(small: Loaded) -> None:
    clerk, rules = greedy_choices(small)
    order = sorted(
        (m for m in small.scenario.meetings if not m.optional),
        key=lambda m: meeting_order(m, rules),
    )
    first = order[0]  # nothing is booked before it: it takes its first allowed half-day
    assert clerk.chosen[first.id] == clerk.cands.meeting_slots[first.id][0]


@pytest.mark.parametrize("which", ["demo", "small"])
def test_evaluate_matches_the_solvers_objective(which: str, small: Loaded) -> None:
    loaded = load_scenario(DEMO) if which == "demo" else small
    plan = plan_scenario(loaded, FAST)
    chosen, agenda = _choices(plan.to_json("en"))
    value = evaluate(loaded, chosen, agenda)
    assert value.objective == plan.solver.objective
    assert value.terms == plan.objective_terms
    assert 0 <= value.constant <= value.objective


def test_evaluate_refuses_a_forbidden_plan() -> None:
    loaded = load_scenario(DEMO)
    plan = plan_scenario(loaded, FAST)
    chosen, agenda = _choices(plan.to_json("en"))
    mid = next(iter(chosen))
    chosen[mid] = Slot(loaded.scenario.start.replace(day=6), "am")  # a Saturday
    with pytest.raises(PlanNotAllowed):
        evaluate(loaded, chosen, agenda)


def test_month_spans_cover_the_horizon() -> None:
    from datetime import date

    spans = month_spans(date(2026, 1, 15), date(2026, 3, 3))
    assert spans == [
        (date(2026, 1, 15), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 3)),
    ]


def test_by_month_stitches_a_plan_that_passes_verify(tmp_path: Path) -> None:
    loaded = load_scenario(write("M", 2, tmp_path / "M-2-m2.yaml", months=2))
    options = SolveOptions(lang="en", work_budget=1.0, linearization_level=2)
    stitched = solve_by_month(loaded, options)
    assert [(m.first.month, m.last.day) for m in stitched.months] == [(1, 31), (2, 28)]
    placed = [tid for tids in stitched.agenda.values() for tid in tids]
    assert len(placed) == len(set(placed))
    plan = stitched_plan(loaded, stitched, options, 0.0)
    assert verify_plan(loaded, plan.to_json("en"), "en") == []
    assert plan.solver.objective == evaluate(loaded, stitched.chosen, stitched.agenda).objective
