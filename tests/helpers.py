"""Helpers for tests: plan a tiny scenario and check the plan with `verify` every time."""

from __future__ import annotations

from typing import Any

from planner.plan import Plan
from planner.scenario import Loaded
from planner.schedule import SolveOptions, plan_scenario
from planner.verify import verify_plan

FAST = SolveOptions(work_budget=5.0)


def solve(loaded: Loaded, options: SolveOptions = FAST) -> Plan:
    """Plan, and fail the test if the solver's own plan breaks a hard rule."""
    plan = plan_scenario(loaded, options)
    violations = verify_plan(loaded, plan.to_json())
    assert violations == [], [v.message("en") for v in violations]
    return plan


def where(plan: Plan, mid: str) -> tuple[str, str] | None:
    """(date, half) of a meeting, or None if it is not held."""
    m = plan.meeting(mid)
    return None if m is None else (m.day.isoformat(), m.half)


def articles(plan: Plan, tid: str) -> set[int]:
    """Articles cited for a deferred topic (empty if it was placed)."""
    t = plan.topic(tid)
    assert t is not None
    return {r.article for r in t.reasons}


def meeting(mid: str, kind: str = "executive", **extra: Any) -> dict[str, Any]:
    return {"id": mid, "kind": kind, "minutes": extra.pop("minutes", 120), **extra}


def topic(tid: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": tid,
        "title": f"议题{tid}",
        "department": "a",
        "vice_mayor": "vm1",
        "decided_by": "executive",
        "category": "general",
        "minutes": 20,
        "materials": "2026-05-20",
        "priority": 3,
    }
    base.update(extra)
    return base


def leave(person: str, start: str, end: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"person": person, "from": start, "to": end or start, "reason": "出差", **extra}
