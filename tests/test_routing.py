"""Document routing (Chapter 9): each rule decides the route of a tiny scenario, and the test
asserts the exact outcome (signer id, due dates, who acts, the warning and its article).

Base leadership (conftest.base_data): mayor `may`, executive vice-mayor `evm` (portfolio
sfj, stand-in vm1), `vm1` (portfolio a, stand-in vm2), `vm2` (portfolio b, stand-in vm1),
office director `dir`, heads `h_a`, `h_b`, `h_j` (justice bureau sfj, does legality review).
Limits (working days): draft approval 2, countersign 3 (complex: 7 calendar days),
legality review 5, office review 2, sign 2, co-sign 2, seal 1. June 2026: Fri 06-19 is the
Dragon Boat Festival.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli import app
from planner.export.calendar_md import calendar_markdown
from planner.plan import Plan
from planner.routing import Route, Router, finish
from planner.routing.command import run_route, write_graphs
from planner.routing.table import YANZHOU_2022
from planner.scenario import InputError, Loaded
from planner.schedule import SolveOptions
from tests.conftest import write_scenario
from tests.helpers import leave, meeting, solve, topic

Build = Callable[[dict[str, Any]], Loaded]
runner = CliRunner()


def doc(did: str = "d1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": did,
        "title": f"公文{did}",
        "kind": "notice",
        "issuer": "government",
        "to": ["towns"],
        "drafter": "a",
        "start": "2026-06-01",
    }
    base.update(extra)
    return base


def routed(
    build: Build, data: dict[str, Any], *docs: dict[str, Any], plan: Plan | None = None
) -> list[Route]:
    data["documents"] = list(docs)
    loaded = build(data)
    return Router(loaded, plan).route_all(loaded.scenario.documents)


def one(build: Build, data: dict[str, Any], document: dict[str, Any]) -> Route:
    [route] = routed(build, data, document)
    return route


def dues(route: Route) -> list[tuple[str, int, str | None]]:
    return [(s.key, s.stage, s.due.isoformat() if s.due else None) for s in route.steps]


def codes(route: Route) -> list[tuple[int, str]]:
    return [(w.article, w.key) for w in route.warnings]


def june(base: dict[str, Any]) -> dict[str, Any]:
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-30"}
    return base


# ---- Art. 59: who signs, one case each ---------------------------------------------------


def test_59_1_request_to_the_city_is_signed_by_the_executive_vice_mayor(
    base: dict[str, Any], build: Build
) -> None:
    route = one(build, base, doc(kind="request", to=["city_government"]))
    assert (route.signing.signer, route.signing.clause) == ("evm", 1)
    assert dues(route) == [
        ("draft_approval", 1, "2026-06-03"),
        ("office_review", 2, "2026-06-05"),
        ("sign", 3, "2026-06-09"),
        ("seal", 4, "2026-06-10"),
    ]
    assert route.issue_by is not None and route.issue_by.isoformat() == "2026-06-10"
    assert route.step("sign").article == 59


def test_59_1_the_mayors_own_portfolio_goes_to_the_mayor(
    base: dict[str, Any], build: Build
) -> None:
    base["people"][0]["portfolio"] = ["m"]
    base["departments"].append({"id": "m", "name": "区审计局"})
    route = one(build, base, doc(kind="report", to=["city_government"], drafter="m"))
    assert (route.signing.signer, route.signing.clause) == ("may", 1)


@pytest.mark.parametrize(
    ("kind", "clause"), [("motion", 2), ("appointment", 3), ("travel_abroad", 4)]
)
def test_59_2_to_4_are_signed_by_the_mayor(
    base: dict[str, Any], build: Build, kind: str, clause: int
) -> None:
    route = one(build, base, doc(kind=kind, involves=["b"]))
    assert (route.signing.signer, route.signing.article, route.signing.clause) == (
        "may",
        59,
        clause,
    )
    assert route.signing.co_signers == ()


def test_59_5_the_vice_mayor_in_charge_signs_and_the_others_co_sign(
    base: dict[str, Any], build: Build
) -> None:
    route = one(build, base, doc(involves=["b", "sfj"]))
    assert (route.signing.signer, route.signing.clause) == ("vm1", 5)
    assert route.signing.co_signers == ("vm2", "evm")
    co_signs = [s for s in route.steps if s.step == "co_sign"]
    assert [(s.key, s.assignee, s.stage) for s in co_signs] == [
        ("co_sign:evm", "evm", 5),
        ("co_sign:vm2", "vm2", 5),
    ]
    assert route.step("sign").stage == 4 and route.step("seal").stage == 6


def test_59_5_a_broad_document_goes_to_the_executive_vice_mayor(
    base: dict[str, Any], build: Build
) -> None:
    route = one(build, base, doc(scope="broad", involves=["b"]))
    assert (route.signing.signer, route.signing.clause) == ("evm", 5)
    assert route.signing.co_signers == ("vm1", "vm2")


def test_59_6_a_decided_matter_and_a_routine_approval_go_to_the_mayor(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("m")]
    decided, routine = routed(build, base, doc("d1", decided_at="m"), doc("d2", routine=True))
    assert (decided.signing.signer, decided.signing.clause) == ("may", 6)
    assert (routine.signing.signer, routine.signing.clause) == ("may", 6)


def test_59_7_an_urgent_government_document_goes_to_the_office_director(
    base: dict[str, Any], build: Build
) -> None:
    route = one(build, base, doc(urgent=True))
    assert (route.signing.signer, route.signing.clause) == ("dir", 7)
    # Art. 62: the government's seal still needs a leader's consent: the leader in charge.
    assert route.step("seal").owner == "vm1"


def test_59_8_the_office_business_and_routine(base: dict[str, Any], build: Build) -> None:
    business, own = routed(
        build,
        base,
        doc("d1", issuer="office", drafter="b"),
        doc("d2", issuer="office", drafter=None, routine=True),
    )
    assert (business.signing.signer, business.signing.clause) == ("vm2", 8)
    assert (own.signing.signer, own.signing.clause) == ("dir", 8)
    # Drafted by the office itself: no draft approval; the office's seal is the director's.
    assert [s.key for s in own.steps] == ["office_review", "sign", "seal"]
    assert own.step("seal").owner == "dir"


def test_50_minutes_of_a_topic_meeting_are_signed_by_its_chair(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("tm", "topic", chair="vm2"), meeting("ex")]
    topic_minutes, exec_minutes = routed(
        build,
        base,
        doc("d1", kind="minutes", issuer="office", decided_at="tm"),
        doc("d2", kind="minutes", issuer="office", decided_at="ex"),
    )
    assert (topic_minutes.signing.signer, topic_minutes.signing.article) == ("vm2", 50)
    assert (exec_minutes.signing.signer, exec_minutes.signing.article) == ("may", 50)


def test_55_a_department_submission_is_approved_by_the_leader_in_charge(
    base: dict[str, Any], build: Build
) -> None:
    normal, broad = routed(
        build,
        base,
        doc("d1", kind="report", issuer="department", drafter="b", to=["district_government"]),
        doc("d2", kind="report", issuer="department", drafter="b", scope="broad"),
    )
    assert (normal.signing.signer, normal.signing.article) == ("vm2", 55)
    assert (broad.signing.signer, broad.signing.article) == ("may", 55)
    # Art. 54 and 55 for a department's own submission; no seal of the government.
    assert [(s.key, s.article) for s in normal.steps] == [
        ("draft_approval", 54),
        ("office_review", 55),
        ("sign", 55),
    ]


# ---- countersigns (Art. 54, 57) ----------------------------------------------------------


def test_countersigns_run_in_parallel_and_cross_the_holiday(
    base: dict[str, Any], build: Build
) -> None:
    """Draft approved Thu 06-18; three working days after it skip Fri 06-19 (端午) and the
    weekend: 06-22, 06-23, 06-24."""
    route = one(build, june(base), doc(start="2026-06-16", drafter="a", involves=["b", "sfj"]))
    assert dues(route)[:3] == [
        ("draft_approval", 1, "2026-06-18"),
        ("countersign:b", 2, "2026-06-24"),
        ("countersign:sfj", 2, "2026-06-24"),
    ]
    assert not route.graph.has_edge("countersign:b", "countersign:sfj")
    assert set(route.graph.successors("draft_approval")) == {"countersign:b", "countersign:sfj"}
    assert route.step("countersign:b").assignee == "h_b"
    assert route.step("countersign:sfj").assignee == "h_j"
    assert route.step("office_review").start is not None
    assert route.step("office_review").start.isoformat() == "2026-06-24"


def test_a_complex_countersign_takes_one_calendar_week(base: dict[str, Any], build: Build) -> None:
    route = one(build, june(base), doc(start="2026-06-16", involves=["b"], complex=True))
    assert route.step("countersign:b").due is not None
    assert route.step("countersign:b").due.isoformat() == "2026-06-25"  # Thu 06-18 + 7 days


def test_a_complex_countersign_ending_on_a_holiday_ends_the_next_working_day(
    base: dict[str, Any], build: Build
) -> None:
    """Draft approved Fri 06-12; seven days on is Fri 06-19 (端午), then the weekend."""
    route = one(build, june(base), doc(start="2026-06-10", involves=["b"], complex=True))
    assert dues(route)[:2] == [
        ("draft_approval", 1, "2026-06-12"),
        ("countersign:b", 2, "2026-06-22"),
    ]


def test_a_countersign_nobody_answers_counts_as_no_objection(
    base: dict[str, Any], build: Build
) -> None:
    base["leaves"] = [leave("h_b", "2026-06-04", "2026-06-08")]
    route = one(build, base, doc(involves=["b"]))
    step = route.step("countersign:b")
    assert (step.assignee, step.lapsed, step.due and step.due.isoformat()) == (
        "h_b",
        True,
        "2026-06-08",
    )
    assert codes(route) == [(57, "route.warn.silence")]


# ---- stand-ins (Art. 6, 8) ---------------------------------------------------------------


def test_a_stand_in_chain_signs_for_the_mayor(base: dict[str, Any], build: Build) -> None:
    """The mayor and the executive vice-mayor (his stand-in) are away over the signing days
    06-08 and 06-09: evm's stand-in vm1 signs for the mayor."""
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-12"}
    base["leaves"] = [
        leave("may", "2026-06-08", "2026-06-09"),
        leave("evm", "2026-06-01", "2026-06-10"),
    ]
    route = one(build, base, doc(kind="motion"))
    sign = route.step("sign")
    assert (sign.owner, sign.assignee, sign.acting_for) == ("may", "vm1", "may")
    assert sign.due is not None and sign.due.isoformat() == "2026-06-09"
    assert codes(route) == []


def test_the_owner_present_on_one_day_of_the_step_acts(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-08", "2026-06-08")]
    route = one(build, base, doc())
    sign = route.step("sign")
    assert (sign.assignee, sign.acting_for) == ("vm1", None)


def test_with_nobody_along_the_chain_the_step_waits(base: dict[str, Any], build: Build) -> None:
    """vm1 and vm2 stand in for each other and are both away until Wed 06-10: the signing
    (due Tue 06-09) waits for vm1 on 06-11; the seal follows on 06-12."""
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-12"}
    base["leaves"] = [
        leave("vm1", "2026-06-08", "2026-06-10"),
        leave("vm2", "2026-06-05", "2026-06-11"),
    ]
    route = one(build, base, doc())
    sign = route.step("sign")
    assert (sign.assignee, sign.acting_for, sign.waited) == ("vm1", None, True)
    assert sign.due is not None and sign.due.isoformat() == "2026-06-11"
    assert route.issue_by is not None and route.issue_by.isoformat() == "2026-06-12"
    assert codes(route) == [(8, "route.warn.waits")]
    assert "2026-06-11" in route.warnings[0].message("en")


# ---- reviews before signing (Art. 19, 58, 26) --------------------------------------------


def test_legality_review_comes_before_signing_normative_documents_and_contracts(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("m", fixed={"date": "2026-06-26", "half": "am"})]
    normative, contract, department = routed(
        build,
        june(base),
        doc("d1", kind="normative", involves=["b"]),
        doc("d2", kind="contract", involves=["b"], market_entities=True),
        doc("d3", kind="contract", issuer="department"),
    )
    for route, article in ((normative, 19), (contract, 58)):
        review = route.step("legality_review")
        assert (review.owner, review.department, review.article) == ("h_j", "sfj", article)
        assert nx.has_path(route.graph, "legality_review", "sign")
        assert review.stage < route.step("sign").stage
        assert review.stage > route.step("countersign:b").stage
    # 06-01 → draft 06-03 → countersign 06-08 → legality 06-15 → office 06-17
    assert contract.step("legality_review").due is not None
    assert contract.step("legality_review").due.isoformat() == "2026-06-15"
    fair = contract.step("fair_competition_review")
    assert (fair.stage, fair.department, fair.article) == (3, "a", 26)
    assert "legality_review" not in {s.key for s in department.steps}
    # a normative document is deliberated (Art. 19): the route has a meeting step
    assert nx.has_path(normative.graph, "legality_review", "meeting")


# ---- meetings and documents (Art. 19) ----------------------------------------------------


def meeting_scenario(base: dict[str, Any]) -> dict[str, Any]:
    base = june(base)
    base["meetings"] = [
        meeting("ex1", fixed={"date": "2026-06-10", "half": "am"}),
        meeting("ex2", fixed={"date": "2026-06-24", "half": "am"}),
    ]
    base["topics"] = [topic("t1", materials="2026-06-15"), topic("t2")]
    return base


def test_the_meeting_step_takes_the_planned_meeting_of_its_topic(
    base: dict[str, Any], build: Build
) -> None:
    """t1's materials arrive 06-15: it goes to ex2 on 06-24, and so does the document."""
    data = meeting_scenario(base)
    data["documents"] = [doc("d1", topic="t1", start="2026-06-05")]
    loaded = build(data)
    plan = solve(loaded)
    assert plan.topic("t1") is not None and plan.topic("t1").meeting == "ex2"  # type: ignore[union-attr]
    [route] = Router(loaded, plan).route_all(loaded.scenario.documents)
    step = route.step("meeting")
    assert (step.meeting, step.due and step.due.isoformat(), step.assignee) == (
        "ex2",
        "2026-06-24",
        "may",
    )
    assert step.article == 43
    assert route.step("sign").start is not None
    assert route.step("sign").start.isoformat() == "2026-06-24"
    assert codes(route) == []


def test_a_normative_document_goes_to_the_first_meeting_it_can_reach(
    base: dict[str, Any], build: Build
) -> None:
    """Draft 06-09, legality review 06-16, office review 06-18: ex1 on 06-10 is past, ex2 on
    06-24 takes it; one ready only in July finds no meeting and is told the earliest month."""
    data = meeting_scenario(base)
    data["documents"] = [
        doc("d1", kind="normative", start="2026-06-05"),
        doc("d2", kind="normative", start="2026-06-22"),
    ]
    loaded = build(data)
    plan = solve(loaded)
    first, late = Router(loaded, plan).route_all(loaded.scenario.documents)
    assert first.step("office_review").due is not None
    assert first.step("office_review").due.isoformat() == "2026-06-18"
    assert first.step("meeting").meeting == "ex2"
    assert late.step("meeting").due is None and late.issue_by is None
    assert codes(late) == [(19, "route.warn.no_meeting")]
    assert "2026-07" in late.warnings[0].message("en")
    assert "2026年7月" in late.warnings[0].message("zh")


def test_a_document_its_topic_meeting_cannot_take_goes_to_a_later_meeting(
    base: dict[str, Any], build: Build
) -> None:
    """t2 is deferred (no materials): its document goes to ex1, the first meeting after it is
    ready (06-05); t1 sits on ex2 (06-24), but a document ready only on 06-29 misses it."""
    data = meeting_scenario(base)
    data["topics"][1]["materials"] = None
    data["documents"] = [
        doc("d1", topic="t2", start="2026-06-01"),
        doc("d2", topic="t1", start="2026-06-23"),
    ]
    loaded = build(data)
    plan = solve(loaded)
    deferred, late = Router(loaded, plan).route_all(loaded.scenario.documents)
    assert deferred.step("meeting").meeting == "ex1"
    assert codes(deferred) == [(25, "route.warn.topic_deferred")]
    assert late.step("office_review").due is not None
    assert late.step("office_review").due.isoformat() == "2026-06-29"
    assert late.step("meeting").due is None
    assert codes(late) == [(25, "route.warn.topic_meeting_early"), (25, "route.warn.no_meeting")]
    assert "2026-06-24" in late.warnings[0].message("en")


# ---- warnings (Art. 53, 54, 59) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"to": ["city_government", "city_fgw"], "kind": "request"},
            [(53, "route.warn.several_recipients")],
        ),
        ({"via_office": False}, [(53, "route.warn.straight_to_leader")]),
        ({"via_office": False, "classification": "secret"}, []),
        ({"kind": "request", "matters": 2}, [(54, "route.warn.several_matters")]),
        ({"kind": "report", "asks": True}, [(54, "route.warn.report_asks")]),
        ({"title": "关于涉密载体管理的通知"}, [(54, "route.warn.unmarked_classified")]),
        ({"title": "关于涉密载体管理的通知", "classification": "confidential"}, []),
        ({"drafter": None}, [(59, "route.warn.no_drafter_vice_mayor")]),
    ],
)
def test_each_warning_names_its_article(
    base: dict[str, Any], build: Build, extra: dict[str, Any], expected: list[tuple[int, str]]
) -> None:
    route = one(build, base, doc(**extra))
    assert codes(route) == expected
    assert all(w.subject == "d1" for w in route.warnings)


def test_no_vice_mayor_for_the_drafter_means_the_mayor_signs(
    base: dict[str, Any], build: Build
) -> None:
    base["departments"].append({"id": "c", "name": "区丙局"})
    route = one(build, base, doc(drafter="c"))
    assert (route.signing.signer, route.signing.clause) == ("may", 5)
    assert codes(route) == [(59, "route.warn.no_vice_mayor"), (57, "route.warn.no_head")]
    assert "区丙局" in route.warnings[0].message("zh")


# ---- the routing table as data -----------------------------------------------------------


def cycle_table() -> list[dict[str, Any]]:
    rows = [dict(r) for r in YANZHOU_2022]
    rows[0]["after"] = ["seal"]
    return rows


@pytest.mark.parametrize(
    ("rows", "key"),
    [
        (cycle_table(), "route.table.cycle"),
        ([dict(r) for r in YANZHOU_2022 if r["step"] != "sign"], "route.table.unknown_step"),
        ([dict(r, after=[]) for r in YANZHOU_2022 if r["step"] != "sign"], "route.table.no_sign"),
        ([dict(r, owner="nobody") for r in YANZHOU_2022], "route.table.choice"),
        ([dict(r, limit="quorum_fraction") for r in YANZHOU_2022], "route.table.parameter"),
    ],
)
def test_a_routing_table_with_a_cycle_or_no_sign_step_is_an_input_error(
    tmp_path: Path, base: dict[str, Any], rows: list[dict[str, Any]], key: str
) -> None:
    base["rules"] = {"document_routes": rows}
    base["documents"] = [doc()]
    path = write_scenario(tmp_path, base)
    with pytest.raises(InputError) as err:
        run_route(path, None, SolveOptions(work_budget=1.0))
    [problem] = err.value.problems
    assert problem.key == key
    assert problem.place[:2] == ("rules", "document_routes")
    result = runner.invoke(app, ["route", str(path)])
    assert result.exit_code == 2
    assert "rules.document_routes" in result.stderr


def test_a_table_from_the_rulebook_changes_the_route(base: dict[str, Any], build: Build) -> None:
    """A government without an office review: the row goes, the meeting follows the reviews
    and the route joins up."""
    rows = [dict(r) for r in YANZHOU_2022 if r["step"] != "office_review"]
    for row in rows:
        if row["step"] == "meeting":
            row["after"] = ["legality_review", "fair_competition_review"]
    base["rules"] = {"document_routes": rows}
    route = one(build, base, doc(involves=["b"]))
    assert [s.key for s in route.steps] == [
        "draft_approval",
        "countersign:b",
        "sign",
        "co_sign:vm2",
        "seal",
    ]
    assert route.graph.has_edge("countersign:b", "sign")


# ---- outputs -----------------------------------------------------------------------------


def test_finish_fills_plan_json_and_calendar_md(base: dict[str, Any], build: Build) -> None:
    base["documents"] = [doc(involves=["b"], to=["towns"]), doc("d2", start="2026-06-04")]
    loaded = build(base)
    plan = solve(loaded)
    assert finish(loaded, plan, "zh", None) == {}
    first = plan.documents[0]
    assert {k: first[k] for k in ("id", "signer", "co_signers", "issue_by")} == {
        "id": "d1",
        "signer": "vm1",
        "co_signers": ["vm2"],
        "issue_by": "2026-06-17",
    }
    assert first["steps"][1] == {
        "step": "countersign",
        "stage": 2,
        "department": "b",
        "assignee": "h_b",
        "acting_for": None,
        "due": "2026-06-08",
        "article": 57,
        "owner": "h_b",
        "start": "2026-06-03",
    }
    text = calendar_markdown(loaded, plan, "zh")
    section = text[text.index("## 公文办理") :]
    assert "| 2 | 会签（区乙局） | 局长B | 2026-06-08 | 第57条 |" not in section  # after 06-05
    assert "| 1 | 起草部门负责人审核 | 局长A | 2026-06-03 | 第57条 |" in section
    assert "本期没有到期的环节" in section  # d2: every step after the horizon


def test_route_command_prints_the_route_and_writes_graphs(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    """vm1 is away over the signing days 06-11 and 06-12: vm2 signs for vm1."""
    base["leaves"] = [leave("vm1", "2026-06-10", "2026-06-12")]
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-12"}
    base["documents"] = [doc(involves=["b"], title="关于[bold]“1号”:100:的通知")]
    path = write_scenario(tmp_path, base)
    dot, mmd = tmp_path / "r.dot", tmp_path / "r.md"
    result = runner.invoke(app, ["route", str(path), "--dot", str(dot), "--mermaid", str(mmd)])
    assert result.exit_code == 0, result.output
    assert "关键路径（12 个工作日）" in result.stdout
    assert "d1 关于[bold]“1号”:100:的通知" in result.stdout  # no markup, no emoji
    as_json = runner.invoke(app, ["route", str(path), "--json"])
    [sign] = [s for s in json.loads(as_json.stdout)["documents"][0]["steps"] if s["step"] == "sign"]
    assert (sign["assignee"], sign["acting_for"], sign["due"]) == ("vm2", "vm1", "2026-06-12")
    dot_text = dot.read_text(encoding="utf-8")
    assert (
        'fontname="Noto Sans CJK SC"' in dot_text
        and '"d1/draft_approval" -> "d1/countersign:b"' in dot_text
    )
    mmd_text = mmd.read_text(encoding="utf-8")
    assert "```mermaid\nflowchart LR" in mmd_text and "d1__sign ==> d1__co_sign_vm2" in mmd_text
    unknown = runner.invoke(app, ["route", str(path), "--document", "nope"])
    assert unknown.exit_code == 2 and "nope" in unknown.stderr


def test_a_bare_mermaid_file_holds_one_flowchart(
    base: dict[str, Any], build: Build, tmp_path: Path
) -> None:
    base["documents"] = [doc("d1"), doc("d2")]
    loaded = build(base)
    run = run_route(Path(loaded.scenario.source), None, SolveOptions(work_budget=1.0))
    [written] = write_graphs(run, "en", None, tmp_path / "r.mmd")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("flowchart LR\n") and text.count("flowchart") == 1
    assert "d2__sign" in text


def test_a_route_running_into_a_year_without_holiday_data_says_so(
    base: dict[str, Any], build: Build
) -> None:
    """The sealing would fall in January 2027, for which no holiday data is bundled."""
    base["horizon"] = {"from": "2026-12-01", "to": "2026-12-31"}
    route = one(build, base, doc(start="2026-12-24"))
    assert route.step("office_review").due is not None
    assert route.step("office_review").due.isoformat() == "2026-12-30"
    assert route.step("sign").due is None and route.issue_by is None
    assert codes(route) == [(59, "route.warn.uncovered_year")]
    assert "2027" in route.warnings[0].message("en")
