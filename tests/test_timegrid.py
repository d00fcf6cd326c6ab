"""Tests for the rooms-and-time-grid engine (planner/schedule/timegrid).

Each tiny instance is built so that one rule decides the outcome, and the test asserts the
exact placement or cost. The Timefold mapping is checked against Timefold's own 30 s solution
(the engine's exact evaluation must agree with benchmarks/timefold/score.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from benchmarks.timefold.instance import load_instance, load_solution
from benchmarks.timefold.score import score
from benchmarks.timefold_demo import to_problem
from planner.schedule.timegrid import (
    Block,
    BuildOptions,
    Item,
    Placement,
    Prepared,
    Problem,
    Result,
    Room,
    SolveOptions,
    Weights,
    build,
    diagnose,
    evaluate,
    medium_lower_bound,
    solve,
)
from planner.schedule.timegrid.blocks import best_arrangement, interchangeable
from planner.schedule.timegrid.rooms import assign_rooms

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "timefold" / "data"

FAST = SolveOptions(deterministic=True, work_limit=5.0, time_limit=20.0, workers=1, seed=0)
EARLY = Weights(early=1)


def run(problem: Problem) -> Result:
    """Solve deterministically and check the result is feasible."""
    result = solve(problem, FAST)
    assert result.evaluation.feasible, result.evaluation.violations
    return result


def where(result: Result) -> dict[str, tuple[int, str]]:
    """Item id → (start, room)."""
    return {k: (p.start, p.room) for k, p in result.placements.items()}


def test_room_holds_one_item_at_a_time() -> None:
    """One room, two items: they run one after the other, the short one first (earlier)."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r", 10),),
        items=(Item("long", 3), Item("short", 1)),
        weights=EARLY,
    )
    result = run(problem)
    assert where(result) == {"short": (0, "r"), "long": (1, "r")}
    assert result.evaluation.soft == 1


def test_two_rooms_let_items_run_at_once() -> None:
    """With a second room both items start at once."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r1", 10), Room("r2", 10, cost=1)),
        items=(Item("long", 3), Item("short", 1)),
        weights=EARLY,
    )
    result = run(problem)
    assert {p.start for p in result.placements.values()} == {0}
    assert result.evaluation.soft == 1  # one item pays r2's cost


def test_room_must_seat_everyone() -> None:
    """Three people do not fit the cheap two-seat room; one person does."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("small", 2), Room("big", 10, cost=5)),
        items=(
            Item("crowd", 2, required=frozenset({"a", "b", "c"})),
            Item("solo", 2, required=frozenset({"d"})),
        ),
        weights=Weights(early=1, room_cost=1),
    )
    result = run(problem)
    assert where(result) == {"crowd": (0, "big"), "solo": (0, "small")}
    assert result.evaluation.soft == 5


def test_seats_override_the_head_count() -> None:
    """An item's explicit seats, not its people, decide which rooms it fits."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("small", 2), Room("big", 10, cost=5)),
        items=(Item("m", 2, required=frozenset({"a"}), seats=8),),
        weights=Weights(room_cost=1),
    )
    assert where(run(problem)) == {"m": (0, "big")}


def test_starts_stay_on_the_grid() -> None:
    """The room is free from grain 4, but the item may only start on 3 or 6: it takes 6."""
    problem = Problem(
        blocks=(Block("am", 0, 8),),
        rooms=(Room("r", 10),),
        items=(
            Item("first", 4, starts=frozenset({0})),
            Item("second", 2, starts=frozenset({3, 6})),
        ),
        weights=EARLY,
    )
    assert where(run(problem)) == {"first": (0, "r"), "second": (6, "r")}


def test_item_never_crosses_a_block_end() -> None:
    """Grains 1..3 of the morning are free but too short for 4 grains: the item goes to the
    afternoon block, although it costs more."""
    problem = Problem(
        blocks=(Block("am", 0, 4), Block("pm", 4, 10, cost=10)),
        rooms=(Room("r", 10),),
        items=(Item("short", 1, starts=frozenset({0})), Item("long", 4)),
        weights=Weights(early=1, block_cost=1),
    )
    result = run(problem)
    assert where(result) == {"short": (0, "r"), "long": (4, "r")}
    assert result.evaluation.soft == 10


def test_candidate_starts_that_cross_a_block_end_are_dropped() -> None:
    """A start whose item would run past its block's end is no candidate."""
    problem = Problem(
        blocks=(Block("am", 0, 4), Block("pm", 4, 8)),
        rooms=(Room("r", 10),),
        items=(Item("m", 3, starts=frozenset({2, 5})),),
    )
    prep = Prepared(problem)
    assert prep.starts[0] == (5,)
    assert evaluate(problem, {"m": Placement(2, "r")}).violations == (
        "m: start 2 does not fit inside a block",
    )


def test_required_person_is_never_in_two_items_at_once() -> None:
    """Two rooms, but p is required at both: they run one after the other."""
    problem = Problem(
        blocks=(Block("am", 0, 6),),
        rooms=(Room("r1", 10), Room("r2", 10, cost=1)),
        items=(
            Item("a", 3, required=frozenset({"p"})),
            Item("b", 2, required=frozenset({"p"})),
        ),
        weights=Weights(early=1, room_cost=1),
    )
    result = run(problem)
    assert where(result) == {"b": (0, "r1"), "a": (2, "r1")}
    assert result.evaluation.medium == 0


def test_required_clash_that_cannot_be_avoided_is_infeasible() -> None:
    """Six grains of p's required items in a block of four: no placement."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r1", 10), Room("r2", 10)),
        items=(
            Item("a", 3, required=frozenset({"p"})),
            Item("b", 3, required=frozenset({"p"})),
        ),
    )
    result = solve(problem, FAST)
    assert result.status == "INFEASIBLE"
    assert not result.placements


def test_optional_clash_is_penalised_not_forbidden() -> None:
    """p is required at a and optional at b; six grains in four: they overlap by the least
    possible, two grains, which costs medium 2 × clash weight; the bound proves it."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r1", 10), Room("r2", 10)),
        items=(
            Item("a", 3, required=frozenset({"p"})),
            Item("b", 3, optional=frozenset({"p"})),
        ),
        weights=Weights(clash=5),
    )
    result = run(problem)
    assert result.evaluation.medium == 10
    assert result.medium_bound == 10
    assert result.medium_proven
    starts = sorted(p.start for p in result.placements.values())
    assert starts == [0, 1]


def test_optional_clash_is_avoided_when_possible() -> None:
    """With room for both one after the other, the optional attendee's clash disappears."""
    problem = Problem(
        blocks=(Block("am", 0, 6),),
        rooms=(Room("r1", 10), Room("r2", 10)),
        items=(
            Item("a", 3, required=frozenset({"p"})),
            Item("b", 3, optional=frozenset({"p"})),
        ),
    )
    result = run(problem)
    assert result.evaluation.medium == 0
    assert sorted(p.start for p in result.placements.values()) == [0, 3]


def test_medium_lower_bound_counts_clique_excess() -> None:
    """Three items pairwise sharing an optional person, 9 grains in a block of 6: at least
    three grains of clash."""
    people = frozenset({"p"})
    problem = Problem(
        blocks=(Block("am", 0, 6),),
        rooms=(Room("r1", 10), Room("r2", 10), Room("r3", 10)),
        items=tuple(Item(f"m{k}", 3, optional=people) for k in range(3)),
    )
    assert medium_lower_bound(Prepared(problem)) == 3
    result = run(problem)
    assert result.evaluation.medium == 3
    assert result.medium_proven


def test_back_to_back_and_room_switch() -> None:
    """p is required at both; a break of one grain costs less than back-to-back, and the
    second item stays in the first one's room."""
    problem = Problem(
        blocks=(Block("am", 0, 6),),
        rooms=(Room("r1", 10), Room("r2", 10)),
        items=(
            Item("a", 2, required=frozenset({"p"}), starts=frozenset({0})),
            Item("b", 2, required=frozenset({"p"})),
        ),
        weights=Weights(early=1, back_to_back=10, break_grains=2, room_switch=3, switch_gap=2),
    )
    result = run(problem)
    assert result.placements["b"].start == 4
    assert result.placements["a"].room == result.placements["b"].room
    assert result.evaluation.terms["back_to_back"] == 0
    assert result.evaluation.soft == 4


def test_unplaceable_items_are_diagnosed() -> None:
    """No room seats five people; no start fits a six-grain item in a four-grain block."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r", 4),),
        items=(
            Item("big", 1, required=frozenset("abcde")),
            Item("long", 6),
        ),
    )
    blockers = diagnose(problem)
    assert [(b.item_id, b.kind, b.need, b.largest) for b in blockers] == [
        ("big", "no_room", 5, 4),
        ("long", "no_start", 0, 0),
    ]
    assert solve(problem, FAST).status == "INFEASIBLE"


def test_alternatives_place_at_most_one_of_a_group() -> None:
    """Two alternatives of one meeting (one per block): exactly one is placed, the cheaper."""
    problem = Problem(
        blocks=(Block("mon", 0, 4, cost=3), Block("tue", 4, 8)),
        rooms=(Room("r", 10),),
        items=(
            Item("m@mon", 2, starts=frozenset({0}), mandatory=False, group="m"),
            Item("m@tue", 2, starts=frozenset({4}), mandatory=False, group="m"),
        ),
        weights=Weights(block_cost=1),
    )
    result = run(problem)
    assert where(result) == {"m@tue": (4, "r")}
    assert result.evaluation.unplaced == 0


def test_engine_builds_into_a_callers_model() -> None:
    """A caller links its own decision to the engine's block literal."""
    problem = Problem(
        blocks=(Block("am", 0, 4), Block("pm", 4, 8)),
        rooms=(Room("r", 10),),
        items=(Item("m", 2),),
        weights=EARLY,
    )
    model = cp_model.CpModel()
    afternoon = model.new_bool_var("held in the afternoon")
    g = build(Prepared(problem), BuildOptions(), model)
    model.add(g.in_block[0][1] == afternoon)
    model.add(afternoon == 1)
    model.minimize(g.soft)
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    assert g.read_starts(solver) == {0: 4}


def test_interchangeable_blocks_are_reordered_and_mirrored() -> None:
    """The contents of the costly block move to the free one, then are mirrored so the
    item starts first thing; medium is unchanged."""
    problem = Problem(
        blocks=(Block("mon", 0, 6), Block("tue", 6, 12, cost=10)),
        rooms=(Room("r", 10),),
        items=(Item("m", 2),),
        weights=Weights(early=1, block_cost=1),
    )
    prep = Prepared(problem)
    assert interchangeable(prep) == [[0, 1]]
    arranged = best_arrangement(prep, {"m": Placement(10, "r")})
    assert arranged == {"m": Placement(0, "r")}


def test_rooms_follow_the_time_stage() -> None:
    """Times chosen without rooms always get rooms (interval colouring, cheapest first)."""
    problem = Problem(
        blocks=(Block("am", 0, 8),),
        rooms=(Room("r1", 10, cost=1), Room("r2", 10)),
        items=(Item("a", 4), Item("b", 4), Item("c", 4)),
    )
    prep = Prepared(problem)
    placements = assign_rooms(prep, {0: 0, 1: 2, 2: 4}, {0: 0, 1: 0, 2: 0})
    assert placements == {
        "a": Placement(0, "r2"),
        "b": Placement(2, "r1"),
        "c": Placement(4, "r2"),
    }
    assert evaluate(problem, placements).feasible


def test_caller_decided_attendance_keeps_a_person_in_one_place() -> None:
    """A stand-in who attends both items only by the caller's decision: when the caller's
    literal holds, the two items no longer overlap."""
    problem = Problem(
        blocks=(Block("am", 0, 4),),
        rooms=(Room("r1", 10), Room("r2", 10)),
        items=(Item("a", 2, starts=frozenset({0})), Item("b", 2)),
        weights=EARLY,
    )
    prep = Prepared(problem)
    model = cp_model.CpModel()
    stands_in = model.new_bool_var("stand-in attends b")
    attendance = {"s": [(0, true_literal(model)), (1, stands_in)]}
    g = build(prep, BuildOptions(), model, attendance=attendance)
    model.add(stands_in == 1)
    model.minimize(g.soft)
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    assert g.read_starts(solver) == {0: 0, 1: 2}


def true_literal(model: cp_model.CpModel) -> cp_model.IntVar:
    """A literal fixed to true."""
    lit = model.new_bool_var("true")
    model.add(lit == 1)
    return lit


def test_same_seed_same_result() -> None:
    """Deterministic mode: two solves of the same problem give the same placement."""
    people = [frozenset({"p", "q"}), frozenset({"q"}), frozenset({"p"}), frozenset({"r"})]
    problem = Problem(
        blocks=(Block("d0", 0, 8), Block("d1", 8, 16, cost=8)),
        rooms=(Room("r1", 10), Room("r2", 10, cost=2)),
        items=tuple(
            Item(f"m{k}", 3, required=people[k], optional=people[(k + 1) % 4] - people[k])
            for k in range(4)
        ),
        weights=Weights(early=1, block_cost=1, room_cost=1, touching=5, overlap=2),
    )
    first, second = run(problem), run(problem)
    assert first.placements == second.placements
    assert first.objective == second.objective


def test_model_costs_match_the_evaluation() -> None:
    """At a fixed placement, the model's medium and soft equal the exact evaluation."""
    instance = load_instance(DATA / "timefold-meeting-demo.json")
    problem = to_problem(instance)
    prep = Prepared(problem)
    solution = load_solution(DATA / "timefold-solution-30s.json")
    rooms = {r.id: k for k, r in enumerate(prep.rooms)}
    fixed = {prep.index[m]: p.start_grain for m, p in solution.placements.items()}
    room_of = {prep.index[m]: rooms[p.room_id] for m, p in solution.placements.items()}
    g = build(prep, BuildOptions(fixed=fixed, room_of=room_of))
    g.model.minimize(cp_model.LinearExpr.weighted_sum([g.medium, g.soft], [100_000, 1]))
    solver = cp_model.CpSolver()
    assert solver.solve(g.model) == cp_model.OPTIMAL
    placements = {m: Placement(p.start_grain, p.room_id) for m, p in solution.placements.items()}
    exact = evaluate(problem, placements)
    assert solver.value(g.medium) == exact.medium == 128
    assert solver.value(g.soft) == exact.soft


def test_timefold_mapping_scores_like_timefold() -> None:
    """The engine's evaluation of Timefold's 30 s solution under the Timefold profile equals
    the scorer's 0hard/-128medium/-4638soft (soft up to the constant Σ(duration − 1))."""
    instance = load_instance(DATA / "timefold-meeting-demo.json")
    solution = load_solution(DATA / "timefold-solution-30s.json")
    expected = score(instance, solution)
    assert str(expected) == "0hard/-128medium/-4638soft"
    placements = {m: Placement(p.start_grain, p.room_id) for m, p in solution.placements.items()}
    exact = evaluate(to_problem(instance), placements)
    constant = sum(m.duration_in_grains - 1 for m in instance.meetings)
    assert exact.feasible
    assert exact.medium == -expected.medium
    assert exact.soft + constant == -expected.soft


@pytest.mark.parametrize("weights", [Weights(), Weights(clash=0)])
def test_weights_reject_negative_values(weights: Weights) -> None:
    """Weights are non-negative; a negative one is refused."""
    with pytest.raises(ValueError, match="negative"):
        Weights(early=-1)
    assert weights.clash in (0, 1)
