"""Properties of every route, for random documents over one scenario with leaves, holidays
and planned meetings: the route is acyclic, every edge goes from an earlier stage to a later
one, dates follow FORMATS.md's stage rule, and `issue_by` is on or after every due date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model import CLASSIFICATIONS, DOCUMENT_KINDS, ISSUERS, Document
from planner.plan import Plan
from planner.routing import Router
from planner.scenario import Loaded, load_scenario
from tests.conftest import base_data, write_scenario
from tests.helpers import leave, meeting, solve, topic

DEPARTMENTS = ["a", "b", "sfj", "c"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Loaded, Plan]:
    data: dict[str, Any] = base_data()
    data["horizon"] = {"from": "2026-06-01", "to": "2026-06-30"}
    data["departments"].append({"id": "c", "name": "区丙局"})  # no head, no leader
    data["meetings"] = [
        meeting("ex1", fixed={"date": "2026-06-10", "half": "am"}),
        meeting("ex2", fixed={"date": "2026-06-24", "half": "am"}),
        meeting("tm", "topic", chair="vm2", minutes=60),
    ]
    data["topics"] = [topic("t1", materials="2026-06-15"), topic("t2", materials=None)]
    data["leaves"] = [
        leave("vm1", "2026-06-08", "2026-06-12"),
        leave("vm2", "2026-06-10", "2026-06-16"),
        leave("may", "2026-06-15", "2026-06-17"),
        leave("evm", "2026-06-16", "2026-06-17"),
        leave("h_b", "2026-06-03", "2026-06-09"),
        leave("dir", "2026-06-22", "2026-06-23"),
    ]
    path = write_scenario(tmp_path_factory.mktemp("props"), data)
    loaded = load_scenario(Path(path))
    return loaded, solve(loaded)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    return Document(
        id="dx",
        title=draw(st.sampled_from(["关于某事项的通知", "关于涉密事项的请示"])),
        kind=draw(st.sampled_from(DOCUMENT_KINDS)),
        issuer=draw(st.sampled_from(ISSUERS)),
        drafter=draw(st.sampled_from([None, *DEPARTMENTS])),
        start=date(2026, 5, 1) + timedelta(draw(st.integers(0, 92))),
        to=tuple(draw(st.lists(st.sampled_from(["city_government", "towns"]), max_size=2))),
        involves=tuple(draw(st.lists(st.sampled_from(DEPARTMENTS), max_size=4, unique=True))),
        complex=draw(st.booleans()),
        decided_at=draw(st.sampled_from([None, "ex1", "tm"])),
        routine=draw(st.booleans()),
        scope=draw(st.sampled_from(["normal", "broad"])),
        urgent=draw(st.booleans()),
        classification=draw(st.sampled_from(CLASSIFICATIONS)),
        market_entities=draw(st.booleans()),
        matters=draw(st.integers(1, 3)),
        asks=draw(st.booleans()),
        via_office=draw(st.booleans()),
        topic=draw(st.sampled_from([None, "t1", "t2"])),
    )


@settings(max_examples=300, deadline=None)
@given(doc=documents())
def test_every_route_is_a_dag_in_stages_that_ends_on_issue_by(
    world: tuple[Loaded, Plan], doc: Document
) -> None:
    loaded, plan = world
    route = Router(loaded, plan).route(doc)
    graph = route.graph
    assert nx.is_directed_acyclic_graph(graph)
    stage = {s.key: s.stage for s in route.steps}
    assert set(stage) == set(graph.nodes)
    assert all(stage[u] < stage[v] for u, v in graph.edges)
    assert [s.step for s in route.steps].count("sign") == 1
    dues = [s.due for s in route.steps]
    if route.issue_by is None:
        assert None in dues
    else:
        assert all(d is not None and d <= route.issue_by for d in dues)
        assert route.issue_by == max(d for d in dues if d is not None)
        assert route.critical_path and route.step(route.critical_path[-1]).due == route.issue_by
    for s in route.steps:
        if s.start is not None and s.due is not None:
            assert s.start <= s.due
    # FORMATS.md: stage 1 starts on `start`, each later stage on the latest due of the one before.
    by_stage: dict[int, list[date | None]] = {}
    for s in route.steps:
        by_stage.setdefault(s.stage, []).append(s.due)
    for s in route.steps:
        if s.stage == 1:
            assert s.start == doc.start
        elif None not in by_stage[s.stage - 1]:
            assert s.start == max(d for d in by_stage[s.stage - 1] if d is not None)
