"""What-if: variants re-planned with as few changes as possible, and why each change happened.

Base week (conftest.base_data): Mon 2026-06-01 .. Fri 06-05; mayor `may`, executive
vice-mayor `evm`, vice-mayors `vm1`, `vm2`, heads `h_a`, `h_b`, `h_j`. Executive members:
may, evm, vm1, vm2 (quorum: more than 2 present). Materials lead time: 5 working days
(Mon 06-01 needs materials by Mon 05-25, Wed 06-03 by 05-27, Thu 06-04 by 05-28).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from planner.diff import Change, PlanDiff
from planner.rules import Rulebook
from planner.scenario import InputError
from planner.schedule import SolveOptions
from planner.whatif import WhatIfRun, load_whatif, run_whatifs
from tests.conftest import write_scenario
from tests.helpers import leave, meeting, topic

FAST = SolveOptions(work_budget=3.0)
runner = CliRunner()


def write_whatif(tmp_path: Path, name: str = "w", **sections: Any) -> Path:
    path = tmp_path / f"{name}.yaml"
    data = {"base": "base.yaml", "name": name, **sections}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(tmp_path: Path, base: dict[str, Any], **sections: Any) -> WhatIfRun:
    write_scenario(tmp_path, base, "base.yaml")
    return run_whatifs([write_whatif(tmp_path, **sections)], tmp_path / "out", FAST)


def diff_of(result: WhatIfRun) -> PlanDiff:
    [variant] = result.variants
    return variant.diff


def moves(diff: PlanDiff) -> list[tuple[str, str | None, str | None]]:
    return [(c.id, _slot(c.before), _slot(c.after)) for c in diff.of("meetings_moved")]


def _slot(value: object) -> str | None:
    return None if value is None else str(value)


def summary(diff: PlanDiff) -> dict[str, list[str]]:
    return {kind: [c.id for c in diff.of(kind)] for kind in diff.counts() if diff.of(kind)}


def why(change: Change) -> list[tuple[tuple[int, ...], str, list[str]]]:
    return [(w.articles, w.code, [c.place for c in w.causes]) for w in change.reasons]


def week(base: dict[str, Any]) -> dict[str, Any]:
    """An executive meeting and two topic meetings; vm1's has only Wednesday."""
    base["meetings"] = [
        meeting("ex", minutes=120),
        meeting(
            "tm1",
            kind="topic",
            chair="vm1",
            minutes=60,
            attendees=["h_a"],
            window={"from": "2026-06-03", "to": "2026-06-03"},
        ),
        meeting("tm2", kind="topic", chair="vm2", minutes=60, attendees=["h_b"]),
    ]
    base["topics"] = [
        topic("t1", decided_by="executive"),
        topic("t2", decided_by="topic", minutes=30),
        topic("t3", decided_by="topic", department="b", vice_mayor="vm2", minutes=30),
    ]
    return base


# ---- minimality ----


def test_a_change_that_touches_nothing_gives_an_empty_diff(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """h_b attends nothing of vm1's or the executive's; their leave falls on Thursday and
    Friday, when nothing is planned (h_b's own tm2 sits on Monday)."""
    result = run(tmp_path, week(base), add={"leaves": [leave("h_b", "2026-06-04", "2026-06-05")]})
    days = {m.day.isoformat() for m in result.base.plan.meetings}
    assert days.isdisjoint({"2026-06-04", "2026-06-05"})
    diff = diff_of(result)
    assert diff.is_empty
    assert diff.to_json()["counts"] == dict.fromkeys(diff.counts(), 0)
    variant = result.variants[0].plan
    assert [(m.id, m.day, m.half, m.chair, m.agenda) for m in variant.meetings] == [
        (m.id, m.day, m.half, m.chair, m.agenda) for m in result.base.plan.meetings
    ]


def test_taking_the_only_day_of_a_meeting_cancels_it_and_what_depends_on_it(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """tm1 can only be on Wednesday; vm1, its chair, is away all Wednesday: tm1 is not held
    (Art. 45) and its topic t2 is deferred. Nothing else moves."""
    result = run(tmp_path, week(base), add={"leaves": [leave("vm1", "2026-06-03")]})
    assert result.base.plan.meeting("tm1") is not None
    diff = diff_of(result)
    assert moves(diff) == [("tm1", "2026-06-03 am", None)]
    assert summary(diff) == {"meetings_moved": ["tm1"], "newly_deferred": ["t2"]}
    [moved] = diff.of("meetings_moved")
    assert why(moved) == [((45,), "whatif.why.slot_lost", ["add.leaves[0]"])]
    [deferred] = diff.of("newly_deferred")
    assert why(deferred) == [((45,), "whatif.why.meeting_not_held", ["add.leaves[0]"])]


def test_a_meeting_moves_to_its_next_possible_day_and_only_its_deadline_topic_follows(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """tm1 may be on Wednesday or Thursday; with vm1 away on Wednesday it moves to Thursday
    morning. t2 must be decided by Wednesday: deferred (Art. 45). t4 stays on tm1's agenda."""
    data = week(base)
    data["meetings"][1]["window"] = {"from": "2026-06-03", "to": "2026-06-04"}
    data["topics"][1]["deadline"] = "2026-06-03"
    data["topics"].append(topic("t4", decided_by="topic", minutes=20))
    result = run(tmp_path, data, add={"leaves": [leave("vm1", "2026-06-03")]})
    diff = diff_of(result)
    assert moves(diff) == [("tm1", "2026-06-03 am", "2026-06-04 am")]
    assert summary(diff) == {"meetings_moved": ["tm1"], "newly_deferred": ["t2"]}
    [deferred] = diff.of("newly_deferred")
    assert why(deferred) == [((45,), "whatif.why.meeting_moved_away", ["add.leaves[0]"])]
    assert "2026-06-04" in deferred.reasons[0].message


def late_topic_week(base: dict[str, Any]) -> dict[str, Any]:
    """One executive meeting of 60 minutes. x (urgent, materials 05-28) can go no earlier
    than Thursday; y (40 minutes, priority 3) does not fit beside it and is deferred."""
    base["meetings"] = [
        meeting("ex", minutes=60),
        meeting("tm2", kind="topic", chair="vm2", minutes=60, attendees=["h_b"]),
    ]
    base["topics"] = [
        topic("x", priority=5, minutes=40, materials="2026-05-28"),
        topic("y", priority=3, minutes=40, department="b", vice_mayor="vm2"),
        topic("z", decided_by="topic", department="b", vice_mayor="vm2"),
    ]
    return base


def test_removing_a_topic_never_moves_a_meeting_that_need_not_move(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """Without x the executive meeting could be on Monday (earlier is better), but it stays on
    Thursday: moving it is not needed. y takes the freed time (Art. 52)."""
    result = run(tmp_path, late_topic_week(base), remove={"topics": ["x"]})
    assert [(m.id, str(m.day), m.half) for m in result.base.plan.meetings if m.id == "ex"] == [
        ("ex", "2026-06-04", "am")
    ]
    diff = diff_of(result)
    assert moves(diff) == []
    assert summary(diff) == {"newly_scheduled": ["y"], "removed": ["x"]}
    [scheduled] = diff.of("newly_scheduled")
    assert why(scheduled) == [((52,), "whatif.why.room_freed", ["remove.topics[0]"])]
    [removed] = diff.of("removed")
    assert why(removed) == [((43,), "whatif.why.removed", ["remove.topics[0]"])]


def test_removing_a_topic_of_a_full_agenda_moves_nothing(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    result = run(tmp_path, late_topic_week(base), remove={"topics": ["z"]})
    assert summary(diff_of(result)) == {"removed": ["z"]}


# ---- reasons ----


def one_meeting(base: dict[str, Any]) -> dict[str, Any]:
    """The executive meeting on Monday morning (the mayor chairs), with topic x."""
    base["meetings"] = [meeting("ex", minutes=120)]
    base["topics"] = [topic("x", minutes=30, materials="2026-05-25")]
    return base


def test_the_mayor_away_changes_the_chair_art_6_43(tmp_path: Path, base: dict[str, Any]) -> None:
    result = run(
        tmp_path, one_meeting(base), add={"leaves": [leave("may", "2026-06-01", "2026-06-05")]}
    )
    diff = diff_of(result)
    assert summary(diff) == {"chairs_changed": ["ex"]}
    [chair] = diff.of("chairs_changed")
    assert (chair.before, chair.after) == ("may", "evm")
    assert why(chair) == [((6, 43), "whatif.why.chair_away", ["add.leaves[0]"])]
    assert "区长甲" in chair.reasons[0].message and "常务乙" in chair.reasons[0].message


def test_no_quorum_moves_the_meeting_and_blames_both_leaves_art_43(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """vm1 and vm2 away on Monday: 2 of 4 members, not more than half. Neither leave alone
    breaks the quorum: both are named."""
    leaves = [leave("vm1", "2026-06-01"), leave("vm2", "2026-06-01")]
    diff = diff_of(run(tmp_path, one_meeting(base), add={"leaves": leaves}))
    assert moves(diff) == [("ex", "2026-06-01 am", "2026-06-02 am")]
    [moved] = diff.of("meetings_moved")
    assert why(moved) == [((43,), "whatif.why.slot_lost", ["add.leaves[0]", "add.leaves[1]"])]
    assert "2/4" in moved.reasons[0].message


def test_a_longer_lead_time_moves_the_meeting_to_the_topic_art_47(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """Seven working days: x's materials (05-25) make Wednesday at the earliest."""
    diff = diff_of(run(tmp_path, one_meeting(base), rules={"materials_lead_workdays": 7}))
    assert moves(diff) == [("ex", "2026-06-01 am", "2026-06-03 am")]
    [moved] = diff.of("meetings_moved")
    assert why(moved) == [((47,), "whatif.why.for_topic", ["rules.materials_lead_workdays"])]


def test_late_materials_defer_the_topic_and_keep_the_meeting_art_47(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    diff = diff_of(
        run(tmp_path, one_meeting(base), change={"topics": {"x": {"materials": "2026-06-10"}}})
    )
    assert summary(diff) == {"newly_deferred": ["x"]}
    [deferred] = diff.of("newly_deferred")
    assert why(deferred) == [((47,), "whatif.why.topic_rule", ["change.topics.x.materials"])]


def test_a_shorter_lead_time_schedules_a_topic_art_47(tmp_path: Path, base: dict[str, Any]) -> None:
    """The meeting is on Monday only. w's materials (05-28) miss Monday with 5 days (due
    05-25) and with 3 days (due 05-27) alike; with 3 days and materials a day earlier, w makes
    it: both edits are needed, and both are named."""
    data = one_meeting(base)
    data["meetings"][0]["window"] = {"from": "2026-06-01", "to": "2026-06-01"}
    data["topics"].append(
        topic("w", minutes=30, materials="2026-05-28", department="b", vice_mayor="vm2")
    )
    result = run(
        tmp_path,
        data,
        rules={"materials_lead_workdays": 3},
        change={"topics": {"w": {"materials": "2026-05-27"}}},
    )
    diff = diff_of(result)
    assert summary(diff) == {"newly_scheduled": ["w"]}
    [scheduled] = diff.of("newly_scheduled")
    assert why(scheduled) == [
        ((47,), "whatif.why.lifted", ["change.topics.w.materials", "rules.materials_lead_workdays"])
    ]


def test_added_topic_is_placed_and_named(tmp_path: Path, base: dict[str, Any]) -> None:
    diff = diff_of(run(tmp_path, one_meeting(base), add={"topics": [topic("n", minutes=20)]}))
    assert summary(diff) == {"newly_scheduled": ["n"]}
    assert why(diff.of("newly_scheduled")[0]) == [
        ((43,), "whatif.why.topic_added", ["add.topics[0]"])
    ]


# ---- files and validation ----


def problems(tmp_path: Path, base: dict[str, Any], **sections: Any) -> list[tuple[str, str, str]]:
    write_scenario(tmp_path, base, "base.yaml")
    with pytest.raises(InputError) as exc:
        load_whatif(write_whatif(tmp_path, **sections), "en")
    return [(Path(p.file).name, p.where().split(": ", 1)[-1], p.key) for p in exc.value.problems]


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ({"add": {"foos": []}}, ("w.yaml", "add.foos", "ref.whatif_unknown_list")),
        ({"remove": {"topics": ["nope"]}}, ("w.yaml", "remove.topics[0]", "ref.whatif_unknown_id")),
        ({"remove": {"leaves": [3]}}, ("w.yaml", "remove.leaves[0]", "whatif.expected_index")),
        (
            {"change": {"topics": {"nope": {"minutes": 10}}}},
            ("w.yaml", "change.topics.nope", "ref.whatif_unknown_id"),
        ),
        (
            {"change": {"topics": {"x": {"id": "y"}}}},
            ("w.yaml", "change.topics.x.id", "ref.whatif_field"),
        ),
        (
            {"change": {"topics": {"x": {"materialz": "2026-06-01"}}}},
            ("w.yaml", "change.topics.x.materialz", "field.unknown"),
        ),
        (
            {"change": {"topics": {"x": {"materials": "2026-13-01"}}}},
            ("w.yaml", "change.topics.x.materials", "field.date"),
        ),
        (
            {"add": {"leaves": [leave("nobody", "2026-06-01")]}},
            ("w.yaml", "add.leaves[0].person", "ref.unknown_person"),
        ),
        ({"rules": {"nope": 3}}, ("w.yaml", "rules.nope", "ref.unknown_rule")),
        (
            {"add": {"calendar": {"holidays": []}}},
            ("w.yaml", "add.calendar.holidays", "ref.whatif_unknown_list"),
        ),
    ],
)
def test_what_if_problems_name_their_place_in_the_what_if_file(
    tmp_path: Path, base: dict[str, Any], sections: dict[str, Any], expected: tuple[str, str, str]
) -> None:
    found = problems(tmp_path, one_meeting(base), **sections)
    assert expected in found, found


def test_a_problem_of_the_merged_scenario_names_the_base_after_applying(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """Removing vm1, who is in charge of topic x: the problem is in the base's topics[0],
    at its line, "after applying" the what-if."""
    write_scenario(tmp_path, one_meeting(base), "base.yaml")
    path = write_whatif(tmp_path, remove={"people": ["vm1"]})
    with pytest.raises(InputError) as exc:
        load_whatif(path, "en")
    rendered = [p.render("en") for p in exc.value.problems]
    hits = [r for r in rendered if "topics[0].vice_mayor" in r]
    assert hits and "after applying" in hits[0] and str(path) in hits[0], rendered
    [problem] = [p for p in exc.value.problems if p.place == ("topics", 0, "vice_mayor")]
    assert problem.line is not None and problem.key == "ref.unknown_person"


def test_the_base_must_exist(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("base: missing.yaml\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_whatif(path)
    assert [(p.place, p.key, p.line) for p in exc.value.problems] == [
        (("base",), "ref.base_missing", 1)
    ]


def test_whatif_command_writes_base_and_variant_and_prints_why(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    write_scenario(tmp_path, one_meeting(base), "base.yaml")
    leaves = [leave("vm1", "2026-06-01"), leave("vm2", "2026-06-01")]
    path = write_whatif(tmp_path, "quorum", add={"leaves": leaves})
    out = tmp_path / "out"
    result = runner.invoke(app, ["whatif", str(path), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Art. 43" in result.output and "add.leaves[1]" in result.output
    for folder in ("base", "quorum"):
        assert (out / folder / "plan.json").is_file()
        assert (out / folder / "calendar.md").is_file()
    diff = json.loads((out / "quorum" / "diff.json").read_text(encoding="utf-8"))
    assert diff["counts"]["meetings_moved"] == 1
    [moved] = diff["meetings_moved"]
    assert (moved["id"], moved["from"], moved["to"]) == (
        "ex",
        {"date": "2026-06-01", "half": "am"},
        {"date": "2026-06-02", "half": "am"},
    )
    assert moved["reasons"][0]["article"] == 43
    assert moved["reasons"][0]["causes"] == ["add.leaves[0]", "add.leaves[1]"]
    plan = json.loads((out / "quorum" / "plan.json").read_text(encoding="utf-8"))
    # one moved meeting costs the rulebook's stability weight
    assert plan["solver"]["terms"]["stability"] == Rulebook().stability_meeting_weight


def test_variant_calendars_keep_the_base_uids_and_raise_sequence(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    pytest.importorskip("planner.export.ics")
    result = run(
        tmp_path,
        one_meeting(base),
        add={"leaves": [leave("vm1", "2026-06-01"), leave("vm2", "2026-06-01")]},
    )
    assert not diff_of(result).is_empty
    out = tmp_path / "out"
    base_ics = (out / "base" / "ics" / "office.ics").read_text(encoding="utf-8")
    variant_ics = (out / "w" / "ics" / "office.ics").read_text(encoding="utf-8")
    uids = {line for line in base_ics.splitlines() if line.startswith("UID:")}
    assert uids and uids <= set(variant_ics.splitlines())
    assert "SEQUENCE:1" in variant_ics


def test_invalid_what_if_exits_2_and_writes_nothing(tmp_path: Path, base: dict[str, Any]) -> None:
    write_scenario(tmp_path, one_meeting(base), "base.yaml")
    path = write_whatif(tmp_path, change={"topics": {"nope": {"minutes": 10}}})
    out = tmp_path / "out"
    result = runner.invoke(app, ["whatif", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert "change.topics.nope" in result.output
    assert not out.exists()


def test_what_ifs_of_one_run_share_their_base(tmp_path: Path, base: dict[str, Any]) -> None:
    write_scenario(tmp_path, one_meeting(base), "base.yaml")
    write_scenario(tmp_path, one_meeting(base), "other.yaml")
    a = write_whatif(tmp_path, "a")
    b = tmp_path / "b.yaml"
    b.write_text("base: other.yaml\n", encoding="utf-8")
    result = runner.invoke(app, ["whatif", str(a), str(b), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "b.yaml:1: base" in result.output


def test_an_added_meeting_is_held_and_a_changed_chair_is_named(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    data = week(base)
    added = meeting("tm9", kind="topic", chair="vm2", minutes=60, attendees=["h_b"])
    diff = diff_of(
        run(
            tmp_path,
            data,
            add={"meetings": [added]},
            change={"meetings": {"tm1": {"chair": "may"}}},
        )
    )
    assert [(c.id, c.before) for c in diff.of("meetings_moved")] == [("tm9", None)]
    assert why(diff.of("meetings_moved")[0]) == [
        ((45,), "whatif.why.meeting_added", ["add.meetings[0]"])
    ]
    [chair] = diff.of("chairs_changed")
    assert (chair.id, chair.before, chair.after) == ("tm1", "vm1", "may")
    assert why(chair) == [((45,), "whatif.why.chair_set", ["change.meetings.tm1.chair"])]


BUNDLED = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("whatif-*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_what_ifs_are_valid(path: Path) -> None:
    wi = load_whatif(path)
    assert wi.edits and wi.name and wi.base.name == "yanzhou-2026-06.yaml"


def test_the_mayors_trip_moves_only_what_nobody_can_chair(tmp_path: Path) -> None:
    """Demo month: the mayor is away 06-15..18 and the executive vice-mayor 06-16..17. Only
    meetings the base plan put on the 16th or 17th move; every change is blamed on the trip."""
    [path] = [p for p in BUNDLED if p.stem == "whatif-mayor-trip"]
    result = run_whatifs([path], tmp_path / "out", SolveOptions())
    diff = diff_of(result)
    assert len(BUNDLED) == 3 and diff.of("meetings_moved")
    for change in diff.of("meetings_moved"):
        assert str(change.before)[:10] in ("2026-06-16", "2026-06-17")
    assert not diff.of("newly_deferred") and not diff.of("topics_moved")
    for change in diff.changes:
        for reason in change.reasons:
            assert {c.place for c in reason.causes} <= {"add.leaves[0]", "add.leaves[1]"}
            assert reason.article in (6, 43, 44)
