"""Loader errors, one test per kind: each names the file, the place and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.scenario import InputError, Problem, check_scenario, load_scenario
from tests.conftest import DEMO, OCTOBER, write_scenario
from tests.helpers import leave, meeting, topic


def errors_of(tmp_path: Path, data: dict[str, Any]) -> list[Problem]:
    path = write_scenario(tmp_path, data)
    with pytest.raises(InputError) as err:
        load_scenario(path)
    for p in err.value.problems:
        assert p.file == str(path)
    return err.value.problems


def places(problems: list[Problem]) -> list[str]:
    return [p.where().split(": ", 1)[1] if ": " in p.where() else "" for p in problems]


def test_bundled_scenarios_are_valid() -> None:
    for path in (DEMO, OCTOBER):
        loaded, problems = check_scenario(path)
        assert loaded is not None
        assert all(p.severity == "warning" for p in problems)


def test_unknown_person(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", vice_mayor="ghost")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[0].vice_mayor"]
    assert p.message("en") == "unknown person: ghost"
    assert p.line is not None


def test_unknown_department(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", attending=["a", "zzz"])]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[0].attending[1]"]
    assert "zzz" in p.message("en")


def test_unknown_stand_in(tmp_path: Path, base: dict[str, Any]) -> None:
    base["people"][2]["stand_in"] = "ghost"
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["people[2].stand_in"]


def test_stand_in_must_be_a_leader(tmp_path: Path, base: dict[str, Any]) -> None:
    base["people"][2]["stand_in"] = "h_a"
    [p] = errors_of(tmp_path, base)
    assert (places([p]), p.article) == (["people[2].stand_in"], 8)


def test_unknown_meeting_and_topic(tmp_path: Path, base: dict[str, Any]) -> None:
    base["documents"] = [
        {
            "id": "d1",
            "title": "x",
            "kind": "request",
            "drafter": "a",
            "start": "2026-06-01",
            "decided_at": "nope",
            "topic": "t9",
        }
    ]
    problems = errors_of(tmp_path, base)
    assert places(problems) == ["documents[0].decided_at", "documents[0].topic"]


def test_unknown_leave_person(tmp_path: Path, base: dict[str, Any]) -> None:
    base["leaves"] = [leave("ghost", "2026-06-01")]
    assert places(errors_of(tmp_path, base)) == ["leaves[0].person"]


def test_date_that_does_not_exist(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", materials="2026-02-30")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[0].materials"]
    assert "2026-02-30" in p.message("en")


def test_ends_before_it_starts(tmp_path: Path, base: dict[str, Any]) -> None:
    base["leaves"] = [leave("vm1", "2026-06-03", "2026-06-01")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["leaves[0]"] and p.message("en") == "ends before it starts"


def test_missing_required_field(tmp_path: Path, base: dict[str, Any]) -> None:
    del base["horizon"]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["horizon"] and p.message("en") == "required field is missing"


def test_unknown_field_is_a_typo(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", vicemayor="vm1")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[0].vicemayor"]


def test_value_out_of_range(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", priority=9)]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[0].priority"] and "at most 5" in p.message("en")


def test_duplicate_ids(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1"), topic("t1")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["topics[1].id"] and "topics[0]" in p.message("en")


def test_id_must_be_a_slug(tmp_path: Path, base: dict[str, Any]) -> None:
    base["meetings"] = [meeting("../../etc/x")]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["meetings[0].id"]


def test_topic_meeting_needs_a_chair(tmp_path: Path, base: dict[str, Any]) -> None:
    base["meetings"] = [meeting("m", kind="topic")]
    [p] = errors_of(tmp_path, base)
    assert (places([p]), p.article) == (["meetings[0].chair"], 45)


def test_fixed_slot_on_a_holiday(tmp_path: Path, base: dict[str, Any]) -> None:
    base["horizon"] = {"from": "2026-06-15", "to": "2026-06-26"}
    base["meetings"] = [meeting("m", fixed={"date": "2026-06-19", "half": "am"})]
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["meetings[0].fixed.date"]


def test_unknown_rule_parameter(tmp_path: Path, base: dict[str, Any]) -> None:
    base["rules"] = {"materials_lead_days": 3}
    [p] = errors_of(tmp_path, base)
    assert places([p]) == ["rules.materials_lead_days"]


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("scenario: x\nhorizon: {from: 2026-06-01, to: 2026-06-30\npeople: []\n")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    [p] = err.value.problems
    assert p.key == "yaml.syntax" and p.line == 3


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert [p.key for p in err.value.problems] == ["yaml.not_mapping"]


def test_check_lists_every_error_at_once(tmp_path: Path, base: dict[str, Any]) -> None:
    """Malformed entries do not hide the reference errors of the well-formed ones."""
    base["topics"] = [topic("t1", priority=9), topic("t2", vice_mayor="ghost")]
    base["leaves"] = [leave("nobody", "2026-06-01")]
    _, problems = check_scenario(write_scenario(tmp_path, base))
    # in the order of the file's lines (leaves come after topics in this file)
    assert places(problems) == ["topics[0].priority", "topics[1].vice_mayor", "leaves[0].person"]


def test_late_leave_request_is_a_warning(tmp_path: Path, base: dict[str, Any]) -> None:
    """Art. 78: a department head asks 3 days ahead; one day ahead is flagged, not refused."""
    base["leaves"] = [leave("h_a", "2026-06-03", requested="2026-06-02")]
    loaded, problems = check_scenario(write_scenario(tmp_path, base))
    assert loaded is not None
    [p] = problems
    assert (p.severity, p.article, p.subject) == ("warning", 78, "h_a")
    base["leaves"] = [leave("h_a", "2026-06-05", requested="2026-06-02")]
    _, problems = check_scenario(write_scenario(tmp_path, base))
    assert problems == []
