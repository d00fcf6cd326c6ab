"""Tests for the Timefold meeting-scheduling scorer (benchmarks/timefold).

The reference check: Timefold's own 30 s solution scores ``0hard/-128medium/-4638soft`` with
the per-constraint breakdown of ``TIMEFOLD-MEETING-SCORE.md`` section 5. Then tiny hand-built
instances, one group per constraint, each asserting every constraint's exact score and match
count, so that a broken constraint fails a test.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks.timefold.instance import (
    Attendance,
    FormatError,
    Instance,
    Meeting,
    Person,
    Placement,
    Room,
    Solution,
    TimeGrain,
    load_instance,
    load_solution,
    parse_instance,
    write_solution,
)
from benchmarks.timefold.score import CONSTRAINTS, LEVELS, Level, Score, main, score

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "timefold" / "data"
INSTANCE_FILE = DATA / "timefold-meeting-demo.json"
SOLUTION_30S_FILE = DATA / "timefold-solution-30s.json"

# Short keys for the twelve constraints, as numbered in the spec.
NAMES: dict[str, str] = {
    "H1": "Room conflict",
    "H2": "Don't go in overtime",
    "H3": "Required attendance conflict",
    "H4": "Required room capacity",
    "H5": "Start and end on same day",
    "M1": "Required and preferred attendance conflict",
    "M2": "Preferred attendance conflict",
    "S1": "Do all meetings as soon as possible",
    "S2": "One TimeGrain break between two consecutive meetings",
    "S3": "Overlapping meetings",
    "S4": "Assign larger rooms first",
    "S5": "Room stability",
}

MeetingSpec = tuple[str, int, Sequence[str], Sequence[str]]
"""(meeting id, duration in grains, required person ids, preferred person ids)"""


def build(
    meetings: Sequence[MeetingSpec],
    *,
    rooms: Sequence[tuple[str, int]] = (("R1", 10), ("R2", 10), ("R3", 10)),
    days: int = 1,
    grains_per_day: int = 20,
    grain_indices: Sequence[int] | None = None,
) -> Instance:
    """A small instance; grain g lies on day (g - 1) // grains_per_day."""
    indices = (
        list(grain_indices)
        if grain_indices is not None
        else list(range(1, days * grains_per_day + 1))
    )
    grains = tuple(
        TimeGrain(
            id=str(g),
            grain_index=g,
            day=(g - 1) // grains_per_day,
            starting_minute_of_day=480 + 15 * ((g - 1) % grains_per_day),
        )
        for g in indices
    )
    person_ids = sorted({p for _, _, req, pref in meetings for p in (*req, *pref)})
    built: list[Meeting] = []
    for meeting_id, duration, required, preferred in meetings:
        records = [(p, True) for p in required] + [(p, False) for p in preferred]
        attendances = [
            Attendance(id=f"{meeting_id}-{k}", person_id=p, meeting_id=meeting_id, required=req)
            for k, (p, req) in enumerate(records, start=1)
        ]
        built.append(
            Meeting(
                id=meeting_id,
                topic=f"topic {meeting_id}",
                duration_in_grains=duration,
                required_attendances=tuple(a for a in attendances if a.required),
                preferred_attendances=tuple(a for a in attendances if not a.required),
            )
        )
    return Instance(
        people=tuple(Person(id=p, name=f"person {p}") for p in person_ids),
        rooms=tuple(Room(id=r, name=f"room {r}", capacity=c) for r, c in rooms),
        time_grains=grains,
        meetings=tuple(built),
    )


def place(**placements: tuple[int, str]) -> Solution:
    """A solution from ``meeting_id=(start_grain, room_id)``."""
    return Solution({m: Placement(start_grain=s, room_id=r) for m, (s, r) in placements.items()})


def assert_score(result: Score, text: str, **expected: tuple[int, int]) -> None:
    """Assert the total and every constraint: ``KEY=(score, matches)``, unnamed ones (0, 0)."""
    want_breakdown = {name: 0 for name in NAMES.values()}
    want_matches = {name: 0 for name in NAMES.values()}
    for key, (value, count) in expected.items():
        want_breakdown[NAMES[key]] = value
        want_matches[NAMES[key]] = count
    assert dict(result.breakdown) == want_breakdown
    assert dict(result.matches) == want_matches
    assert str(result) == text
    for level, total in ((Level.HARD, result.hard), (Level.MEDIUM, result.medium)):
        assert total == sum(v for n, v in want_breakdown.items() if LEVELS[n] is level)


# --------------------------------------------------------------------------------------------
# The reference: Timefold's 30 s solution on the demo instance
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Instance:
    return load_instance(INSTANCE_FILE)


def test_demo_instance_shape(demo: Instance) -> None:
    assert len(demo.people) == 20
    assert [(r.id, r.capacity) for r in demo.rooms] == [("R1", 30), ("R2", 20), ("R3", 16)]
    assert [g.grain_index for g in demo.time_grains] == list(range(1, 161))
    assert {g.day for g in demo.time_grains} == {0, 1, 2, 3}
    assert len(demo.meetings) == 24
    assert sum(m.duration_in_grains for m in demo.meetings) == 288
    assert len(demo.required_attendances) == 84
    assert len(demo.preferred_attendances) == 65
    assert max(m.required_capacity for m in demo.meetings) == 12
    assert demo.meeting("0").required_attendances[0] == Attendance("0-1", "17", "0", True)
    assert demo.meeting("0").preferred_attendances[0] == Attendance("0-3", "5", "0", False)
    assert [a.meeting_id for a in demo.meeting_assignments] == [m.id for m in demo.meetings]


def test_timefold_30s_solution_reproduces_timefold_score(demo: Instance) -> None:
    result = score(demo, load_solution(SOLUTION_30S_FILE))
    assert (result.hard, result.medium, result.soft) == (0, -128, -4638)
    assert result.feasible
    assert_score(
        result,
        "0hard/-128medium/-4638soft",
        M1=(-73, 12),
        M2=(-55, 10),
        S1=(-2011, 24),
        S2=(-900, 9),
        S3=(-1560, 23),
        S4=(-162, 17),
        S5=(-5, 5),
    )
    assert list(result.breakdown) == [name for name, _, _ in CONSTRAINTS]


def test_timefold_60s_solution_from_spec_appendix(demo: Instance) -> None:
    appendix = (  # the spec's appendix: Timefold's best solution after 60 s
        '{"0": [94, "R1"], "1": [41, "R2"], "2": [83, "R2"], "3": [71, "R1"], "4": [1, "R2"], '
        '"5": [81, "R1"], "6": [104, "R1"], "7": [105, "R2"], "8": [96, "R2"], '
        '"9": [121, "R1"], "10": [41, "R1"], "11": [64, "R2"], "12": [55, "R3"], '
        '"13": [136, "R1"], "14": [2, "R1"], "15": [11, "R3"], "16": [153, "R2"], '
        '"17": [24, "R2"], "18": [22, "R1"], "19": [57, "R1"], "20": [135, "R3"], '
        '"21": [72, "R2"], "22": [135, "R2"], "23": [144, "R3"]}'
    )
    solution = Solution({m: Placement(s, r) for m, (s, r) in json.loads(appendix).items()})
    assert_score(
        score(demo, solution),
        "0hard/-86medium/-4235soft",
        M1=(-44, 9),
        M2=(-42, 7),
        S1=(-2112, 24),
        S2=(-500, 5),
        S3=(-1440, 21),
        S4=(-172, 18),
        S5=(-11, 11),
    )


def test_solution_round_trip(demo: Instance, tmp_path: Path) -> None:
    solution = load_solution(SOLUTION_30S_FILE)
    out = tmp_path / "solution.json"
    write_solution(out, solution)
    assert load_solution(out) == solution
    assert json.loads(out.read_text()) == json.loads(SOLUTION_30S_FILE.read_text())
    assert str(score(demo, load_solution(out))) == "0hard/-128medium/-4638soft"


def test_cli_prints_score_and_breakdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(INSTANCE_FILE), str(SOLUTION_30S_FILE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "0hard/-128medium/-4638soft"
    assert "Room stability: -5soft (5 matches)" in lines
    assert len(lines) == 13


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


def test_solution_must_place_every_meeting_on_known_grains_and_rooms(demo: Instance) -> None:
    good = dict(load_solution(SOLUTION_30S_FILE).placements)
    missing = {k: v for k, v in good.items() if k != "7"}
    with pytest.raises(ValueError, match=r"does not place meeting\(s\) \['7'\]"):
        score(demo, Solution(missing))
    with pytest.raises(ValueError, match="unknown meeting"):
        score(demo, Solution({**good, "99": Placement(1, "R1")}))
    with pytest.raises(ValueError, match="start_grain 161"):
        score(demo, Solution({**good, "3": Placement(161, "R1")}))
    with pytest.raises(ValueError, match="start_grain 0"):
        score(demo, Solution({**good, "3": Placement(0, "R1")}))
    with pytest.raises(ValueError, match="unknown room 'R4'"):
        score(demo, Solution({**good, "3": Placement(1, "R4")}))


def test_bad_files_name_the_file_and_place(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"0": {"start_grain": 1, "room": "R1"},}')
    with pytest.raises(FormatError, match=r"broken\.json: line 1"):
        load_solution(broken)
    wrong_type = tmp_path / "wrong.json"
    wrong_type.write_text('{"0": {"start_grain": "1", "room": "R1"}}')
    with pytest.raises(FormatError, match=r"wrong\.json: meeting '0'\.start_grain"):
        load_solution(wrong_type)
    data = json.loads(INSTANCE_FILE.read_text())
    data["meetings"][2]["duration_in_grains"] = 0
    bad_instance = tmp_path / "instance.json"
    bad_instance.write_text(json.dumps(data))
    with pytest.raises(FormatError, match=r"instance\.json: meetings\[2\]: .*below 1"):
        load_instance(bad_instance)


def test_cli_exits_2_on_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    partial = tmp_path / "partial.json"
    partial.write_text('{"0": {"start_grain": 1, "room": "R1"}}')
    assert main([str(INSTANCE_FILE), str(partial)]) == 2
    assert "partial.json" in capsys.readouterr().err


def test_instance_day_falls_back_to_day_of_year(demo: Instance) -> None:
    data = json.loads(INSTANCE_FILE.read_text())
    for grain in data["time_grains"]:
        grain["day_of_year"] = grain.pop("day_of_year_original")
        del grain["day"]
    fallback = parse_instance(data)
    assert [g.day for g in fallback.time_grains[::40]] == [332, 333, 334, 335]
    solution = load_solution(SOLUTION_30S_FILE)
    assert str(score(fallback, solution)) == str(score(demo, solution))


# --------------------------------------------------------------------------------------------
# One group per constraint, on tiny instances
# --------------------------------------------------------------------------------------------


def test_h1_room_conflict_weighs_overlapping_grains_in_the_same_room() -> None:
    instance = build([("a", 4, [], []), ("b", 4, [], []), ("c", 4, [], [])])
    # a [1,5) and b [3,7) share R1 for 2 grains; c [2,6) in R2 overlaps both by 3 (no H1).
    result = score(instance, place(a=(1, "R1"), b=(3, "R1"), c=(2, "R2")))
    assert_score(result, "-2hard/0medium/-95soft", H1=(-2, 1), S1=(-15, 3), S3=(-80, 3))


def test_h1_room_conflict_ignores_touching_meetings() -> None:
    instance = build([("a", 4, [], []), ("b", 4, [], [])])
    result = score(instance, place(a=(1, "R1"), b=(5, "R1")))
    assert_score(result, "0hard/0medium/-112soft", S1=(-12, 2), S2=(-100, 1))


def test_h2_overtime_costs_the_last_grain_index_itself() -> None:
    instance = build([("a", 4, [], [])], grains_per_day=8)
    result = score(instance, place(a=(7, "R1")))  # grains 7..10, only 1..8 exist
    assert_score(result, "-10hard/0medium/-10soft", H2=(-10, 1), S1=(-10, 1))
    assert_score(score(instance, place(a=(5, "R1"))), "0hard/0medium/-8soft", S1=(-8, 1))


def test_h2_overtime_fires_when_the_last_grain_falls_in_a_hole() -> None:
    instance = build([("a", 2, [], [])], grain_indices=[1, 2, 3, 5, 6], grains_per_day=20)
    assert_score(
        score(instance, place(a=(3, "R1"))), "-4hard/0medium/-4soft", H2=(-4, 1), S1=(-4, 1)
    )
    assert_score(score(instance, place(a=(5, "R1"))), "0hard/0medium/-6soft", S1=(-6, 1))


def test_h3_required_attendance_conflict_counts_every_pair_of_records() -> None:
    instance = build(
        [("a", 4, ["p1", "p2"], []), ("b", 4, ["p1"], []), ("c", 4, ["p1"], [])],
    )
    # p1 is required at a [1,5), b [2,6), c [3,7): pairs overlap by 3, 2 and 3.
    result = score(instance, place(a=(1, "R1"), b=(2, "R2"), c=(3, "R3")))
    assert_score(
        result,
        "-8hard/0medium/-98soft",
        H3=(-8, 3),
        S1=(-15, 3),
        S3=(-80, 3),
        S5=(-3, 3),
    )


def test_h3_a_person_listed_twice_in_one_meeting_overlaps_by_the_duration() -> None:
    instance = build([("a", 3, ["p1", "p1"], [])])
    result = score(instance, place(a=(1, "R1")))
    assert_score(result, "-3hard/0medium/-3soft", H3=(-3, 1), S1=(-3, 1))


def test_h3_ignores_preferred_records_and_other_people() -> None:
    instance = build([("a", 4, ["p1"], ["p2"]), ("b", 4, ["p2"], [])])
    result = score(instance, place(a=(1, "R1"), b=(1, "R2")))
    assert_score(result, "0hard/-4medium/-48soft", M1=(-4, 1), S1=(-8, 2), S3=(-40, 1))


def test_h4_required_room_capacity_counts_preferred_attendees_in_the_need() -> None:
    instance = build(
        [("a", 2, ["p1", "p2", "p3"], ["p4"]), ("b", 2, ["p1", "p2"], [])],
        rooms=(("R1", 2),),
    )
    # a needs 4 seats in a room of 2; b needs exactly 2.
    result = score(instance, place(a=(1, "R1"), b=(5, "R1")))
    assert_score(result, "-2hard/0medium/-8soft", H4=(-2, 1), S1=(-8, 2))


@pytest.mark.parametrize(
    ("start", "duration", "h2", "h5"),
    [
        (3, 2, 0, 0),  # grains 3-4, day 0
        (4, 2, 0, -1),  # grains 4-5 cross into day 1
        (2, 6, 0, -1),  # grains 2-7: flat 1 however far it spills
        (7, 2, 0, 0),  # grains 7-8: ends exactly on the last grain of day 1
        (8, 2, -9, 0),  # grain 9 does not exist: overtime only
        (1, 8, 0, -1),  # grains 1-8 end on the last existing grain, on day 1
    ],
)
def test_h5_start_and_end_on_same_day(start: int, duration: int, h2: int, h5: int) -> None:
    instance = build([("a", duration, [], [])], days=2, grains_per_day=4)
    result = score(instance, place(a=(start, "R1")))
    last = start + duration - 1
    expected = {"S1": (-last, 1)}
    if h2:
        expected["H2"] = (h2, 1)
    if h5:
        expected["H5"] = (h5, 1)
    assert_score(result, f"{h2 + h5}hard/0medium/{-last}soft", **expected)


def test_m1_required_and_preferred_attendance_conflict() -> None:
    instance = build([("a", 4, ["p1", "p2"], ["p2"]), ("b", 4, [], ["p1"])])
    # p1: required at a [1,5), preferred at b [3,7) -> 2; p2 required and preferred at a -> 4.
    result = score(instance, place(a=(1, "R1"), b=(3, "R2")))
    assert_score(result, "0hard/-6medium/-30soft", M1=(-6, 2), S1=(-10, 2), S3=(-20, 1))


def test_m2_preferred_attendance_conflict_and_room_stability_ignores_preferred() -> None:
    instance = build([("a", 4, [], ["p1"]), ("b", 4, [], ["p1"]), ("c", 4, [], ["p1"])])
    result = score(instance, place(a=(1, "R1"), b=(2, "R2"), c=(3, "R3")))
    assert_score(result, "0hard/-8medium/-95soft", M2=(-8, 3), S1=(-15, 3), S3=(-80, 3))


def test_s1_do_all_meetings_as_soon_as_possible_sums_last_grains() -> None:
    instance = build([("a", 3, [], []), ("b", 5, [], [])])
    result = score(instance, place(a=(2, "R1"), b=(10, "R2")))
    assert_score(result, "0hard/0medium/-18soft", S1=(-18, 2))


def test_s2_consecutive_meetings_any_room_across_days_k_times_j() -> None:
    instance = build(
        [("a", 2, [], []), ("b", 4, [], []), ("c", 2, [], []), ("e", 3, [], [])],
        days=2,
        grains_per_day=10,
    )
    # a and b end on grain 10 (day 0); c and e start on grain 11 (day 1): 2 x 2 matches.
    result = score(instance, place(a=(9, "R1"), b=(7, "R2"), c=(11, "R1"), e=(11, "R2")))
    assert_score(result, "0hard/0medium/-485soft", S1=(-45, 4), S2=(-400, 4), S3=(-40, 2))


def test_s2_a_one_grain_gap_breaks_the_chain() -> None:
    instance = build([("a", 2, [], []), ("b", 2, [], []), ("c", 2, [], [])])
    result = score(instance, place(a=(1, "R1"), b=(3, "R1"), c=(6, "R1")))
    assert_score(result, "0hard/0medium/-113soft", S1=(-13, 3), S2=(-100, 1))


def test_s3_overlapping_meetings_ten_per_grain_in_any_room() -> None:
    instance = build([("a", 4, [], []), ("b", 6, [], [])])
    # a [1,5) and b [2,8) share grains 2-4.
    result = score(instance, place(a=(1, "R1"), b=(2, "R2")))
    assert_score(result, "0hard/0medium/-41soft", S1=(-11, 2), S3=(-30, 1))


def test_s4_assign_larger_rooms_first_per_strictly_larger_room() -> None:
    instance = build(
        [("a", 2, [], []), ("b", 2, [], []), ("c", 2, [], []), ("e", 2, [], [])],
        rooms=(("R1", 30), ("R2", 20), ("R3", 16), ("R4", 16)),
    )
    # R1: 0; R2: 10 (1 match); R3 and R4: 14 + 4 (2 matches each; equal rooms do not count).
    result = score(instance, place(a=(1, "R1"), b=(4, "R2"), c=(7, "R3"), e=(10, "R4")))
    assert_score(result, "0hard/0medium/-72soft", S1=(-26, 4), S4=(-46, 5))


@pytest.mark.parametrize(
    ("b_start", "b_room", "text", "expected"),
    [
        # a occupies grains 1-2 in R1 (end 3); p1 is required at a and b.
        (3, "R2", "0hard/0medium/-107soft", {"S1": (-6, 2), "S2": (-100, 1), "S5": (-1, 1)}),
        (4, "R2", "0hard/0medium/-8soft", {"S1": (-7, 2), "S5": (-1, 1)}),  # gap 1
        (5, "R2", "0hard/0medium/-9soft", {"S1": (-8, 2), "S5": (-1, 1)}),  # gap 2
        (6, "R2", "0hard/0medium/-9soft", {"S1": (-9, 2)}),  # gap 3: too far
        (4, "R1", "0hard/0medium/-7soft", {"S1": (-7, 2)}),  # same room
        (  # overlapping by one grain still counts
            2,
            "R2",
            "-1hard/0medium/-16soft",
            {"H3": (-1, 1), "S1": (-5, 2), "S3": (-10, 1), "S5": (-1, 1)},
        ),
        (  # equal starts never match
            1,
            "R2",
            "-2hard/0medium/-24soft",
            {"H3": (-2, 1), "S1": (-4, 2), "S3": (-20, 1)},
        ),
    ],
)
def test_s5_room_stability(
    b_start: int, b_room: str, text: str, expected: dict[str, tuple[int, int]]
) -> None:
    instance = build([("a", 2, ["p1"], []), ("b", 2, ["p1"], [])])
    assert_score(score(instance, place(a=(1, "R1"), b=(b_start, b_room))), text, **expected)


def test_s5_room_stability_counts_per_person_and_across_days() -> None:
    instance = build(
        [("a", 2, ["p1", "p2", "p3"], ["p4"]), ("b", 2, ["p1", "p2", "p3"], ["p4"])],
        days=2,
        grains_per_day=4,
    )
    # a: grains 3-4 (day 0, end 5); b starts on grain 6 (day 1): gap 1, three required people.
    result = score(instance, place(a=(3, "R1"), b=(6, "R2")))
    assert_score(result, "0hard/0medium/-14soft", S1=(-11, 2), S5=(-3, 3))
