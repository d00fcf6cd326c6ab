"""Property-based fuzzing of the loader and the planner: for mutations of a valid scenario
(fields dropped, types swapped, ids dangling, dates shifted), the result is either a plan
that `verify` accepts, or problems each with a place and a message; never an exception.

The suite runs a bounded number of examples; for a long session:
    FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import copy
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.pipeline import render_outputs
from planner.scenario import check_scenario
from planner.schedule import SolveOptions, plan_scenario
from planner.verify import verify_plan
from tests.conftest import base_data, write_scenario
from tests.helpers import leave, meeting, topic

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))


def seed_scenario() -> dict[str, Any]:
    data = base_data()
    data["meetings"] = [
        meeting("exec", minutes=90),
        meeting("tm", kind="topic", chair="vm1", minutes=60, attendees=["h_a"]),
    ]
    data["topics"] = [
        topic("t1", category="normative", reviews={"legality": "2026-05-10"}),
        topic("t2", decided_by="topic", minutes=30),
        topic("t3", vice_mayor="vm2", department="b", priority=5, deadline="2026-06-03"),
    ]
    data["leaves"] = [leave("may", "2026-06-01", "2026-06-02"), leave("h_a", "2026-06-03")]
    data["documents"] = [
        {
            "id": "d1",
            "title": "请示",
            "kind": "request",
            "drafter": "a",
            "involves": ["b"],
            "start": "2026-06-01",
        }
    ]
    return data


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*prefix, i))
    return out


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


ODD_VALUES = st.sampled_from(
    [
        None,
        0,
        -1,
        10**9,
        "",
        "ghost",
        "2026-02-30",
        "2026-06-07",
        [],
        {},
        True,
        3.5,
        "../../x",
        "a\nb",
        "长" * 50,
        ["ghost"],
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = seed_scenario()
    for _ in range(draw(st.integers(1, 3))):
        targets = [p for p in paths(data) if p]
        path = draw(st.sampled_from(targets))
        parent = get(data, path[:-1])
        kind = draw(st.sampled_from(["drop", "swap", "dangle", "shift"]))
        value = parent[path[-1]]
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "swap":
            parent[path[-1]] = draw(ODD_VALUES)
        elif kind == "dangle" and isinstance(value, str):
            parent[path[-1]] = value + "_x"
        elif kind == "shift" and isinstance(value, str) and value[:2] == "20":
            try:
                shifted = date.fromisoformat(value) + timedelta(days=draw(st.integers(-40, 40)))
                parent[path[-1]] = shifted.isoformat()
            except ValueError:
                pass
    return data


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_mutations_plan_or_explain(tmp_path_factory: Any, data: dict[str, Any]) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    path = write_scenario(folder, copy.deepcopy(data))
    loaded, problems = check_scenario(path)
    if loaded is None:
        errors = [p for p in problems if p.severity == "error"]
        assert errors
        for p in errors:
            assert p.file == str(path)
            assert p.message("zh") and p.message("en")
            assert not p.message("en").startswith(p.key)
        return
    plan = plan_scenario(loaded, SolveOptions(work_budget=2.0))
    files = render_outputs(loaded, plan, "zh", None)  # routes, calendars, calendar.md
    assert {"plan.json", "calendar.md", "ics/office.ics"} <= set(files)
    assert verify_plan(loaded, plan.to_json()) == []
    for t in plan.topics:
        if t.meeting is None:
            assert t.reasons and all(r.article > 0 for r in t.reasons)
