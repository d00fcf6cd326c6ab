"""Routing documents: signer, steps, stages, due dates, stand-ins, critical path, warnings.

Dates follow FORMATS.md "Document steps": a step starts on the latest due date of the steps
it follows (the first on the document's `start`); a limit of n working days ends on the n-th
working day after the start (the start not counted); a complex countersign ends 7 calendar
days after its start, or the first working day after that. In the built-in table every step
of a stage follows every step of the stage before, so this is exactly "each later stage
starts on the latest due of the stage before". `issue_by` is the end of the longest path.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import networkx as nx

from planner.availability import Availability
from planner.model import Document, Scenario
from planner.plan import Plan
from planner.reasons import Reason, Term
from planner.routing.checks import document_warnings
from planner.routing.graph import build_graph, in_order, stages
from planner.routing.meetings import deliberation, meeting_article
from planner.routing.owners import Owner, countersigning, owners
from planner.routing.signer import SignContext, Signing, choose_signer
from planner.routing.standins import Acting, StandIns
from planner.routing.table import SIGNER_CASES, StepRule, Table, table_for
from planner.scenario import Loaded
from planner.workdays import UncoveredYear, WorkCalendar

START = "__start__"


@dataclass(frozen=True)
class Step:
    """One step of a route, as the office reads it."""

    key: str
    step: str
    stage: int
    article: int
    owner: str | None
    assignee: str | None
    acting_for: str | None
    start: date | None
    due: date | None
    department: str | None = None
    meeting: str | None = None
    waited: bool = False
    lapsed: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.step, "stage": self.stage}
        if self.department is not None:
            out["department"] = self.department
        out["assignee"] = self.assignee
        out["acting_for"] = self.acting_for
        out["due"] = self.due.isoformat() if self.due else None
        out["article"] = self.article
        out["owner"] = self.owner
        out["start"] = self.start.isoformat() if self.start else None
        if self.meeting is not None:
            out["meeting"] = self.meeting
        if self.waited:
            out["waited"] = True
        if self.lapsed:
            out["lapsed"] = True
        return out


@dataclass(frozen=True)
class Route:
    """A document's route: its graph, steps in stage order, signer and issue date."""

    document: Document
    signing: Signing
    graph: nx.DiGraph
    steps: tuple[Step, ...]
    issue_by: date | None
    critical_path: tuple[str, ...]
    warnings: tuple[Reason, ...] = field(default=())

    def step(self, key: str) -> Step:
        for s in self.steps:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": doc.id,
            "title": doc.title,
            "kind": doc.kind,
            "issuer": doc.issuer,
            "signer": self.signing.signer,
            "signer_article": self.signing.article,
            "signer_clause": self.signing.clause,
            "co_signers": list(self.signing.co_signers),
            "issue_by": self.issue_by.isoformat() if self.issue_by else None,
            "critical_path": list(self.critical_path),
            "steps": [s.to_json() for s in self.steps],
        }


def facts_of(doc: Document, signing: Signing) -> frozenset[str]:
    """The flags of the routing table that hold for a document."""
    flags = {
        "drafter": doc.drafter is not None,
        "involves": bool(countersigning(doc)),
        "market_entities": doc.market_entities,
        "topic": doc.topic is not None,
        "co_signers": bool(signing.co_signers),
        "complex": doc.complex,
        "urgent": doc.urgent,
        "routine": doc.routine,
        "decided": doc.decided_at is not None,
        "classified": doc.classification != "none",
    }
    return frozenset(k for k, v in flags.items() if v)


def workdays_between(calendar: WorkCalendar, start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    return sum(
        1 for n in range(1, (end - start).days + 1) if calendar.is_workday(start + timedelta(n))
    )


class Router:
    """Routes the documents of one scenario (and, for deliberation, one plan)."""

    def __init__(
        self, loaded: Loaded, plan: Plan | None = None, table: Table | None = None
    ) -> None:
        self.scenario: Scenario = loaded.scenario
        self.rulebook = loaded.rulebook
        self.calendar = loaded.calendar
        self.plan = plan
        self.table = table or table_for(loaded.rulebook.document_routes)
        self.sign_context = SignContext(self.scenario, self.rulebook)
        self.stand_ins = StandIns(Availability(self.scenario, self.calendar), self.calendar)
        horizon = plan.horizon if plan is not None and plan.horizon else None
        self.horizon_end = horizon[1] if horizon else self.scenario.end

    # ---- names for warnings ----
    def person_name(self, pid: str | None) -> str:
        if pid is None:
            return ""
        return self.scenario.person(pid).name if self.scenario.has_person(pid) else pid

    def department_name(self, did: str | None) -> str:
        if did is None:
            return ""
        try:
            return self.scenario.department(did).name
        except KeyError:
            return did

    def route_all(self, docs: tuple[Document, ...] | list[Document]) -> list[Route]:
        return [self.route(d) for d in docs]

    def needs_deliberation(self, doc: Document) -> bool:
        """Whether the document's route has a step dated by a meeting (needs a plan)."""
        signing = choose_signer(doc, self.sign_context, SIGNER_CASES)
        facts = facts_of(doc, signing)
        return any(
            r.timing == "meeting" and r.applies(doc.kind, doc.issuer, facts)
            for r in self.table.rules
        )

    # ---- one route ----
    def route(self, doc: Document) -> Route:
        signing = choose_signer(doc, self.sign_context, SIGNER_CASES)
        facts = facts_of(doc, signing)
        graph = build_graph(
            doc, self.table, facts, lambda r: owners(r.owner, doc, self.sign_context, signing)
        )
        stage = stages(graph)
        warnings: list[Reason] = [*document_warnings(doc, self.rulebook), *signing.warnings]
        due: dict[str, date | None] = {}
        steps: list[Step] = []
        for key in in_order(graph, stage):
            rule: StepRule = graph.nodes[key]["rule"]
            owner: Owner = graph.nodes[key]["owner"]
            preds = [due[p] for p in graph.predecessors(key)]
            start = None if None in preds else max([d for d in preds if d], default=doc.start)
            article = rule.article_for(doc.kind, doc.issuer, facts)
            if rule.owner == "signer":
                article = signing.article
            step, found = self._step(doc, key, rule, owner, stage[key], article, start)
            warnings.extend(found)
            due[key] = step.due
            steps.append(step)
        path, issue_by = self._critical(graph, steps, doc.start)
        return Route(doc, signing, graph, tuple(steps), issue_by, path, tuple(warnings))

    def _step(
        self,
        doc: Document,
        key: str,
        rule: StepRule,
        owner: Owner,
        stage: int,
        article: int,
        start: date | None,
    ) -> tuple[Step, list[Reason]]:
        base = Step(
            key,
            rule.step,
            stage,
            article,
            owner.person,
            owner.person,
            None,
            start,
            None,
            owner.department,
        )
        warnings: list[Reason] = []
        if owner.person is None:
            warnings.append(self._no_owner(doc, rule, owner, article))
        if start is None:
            return base, warnings
        try:
            if rule.timing == "meeting":
                step, found = self._meeting_step(doc, base, start)
                return step, warnings + found
            limit = self._limit(doc, rule, start)
            if owner.person is None:
                return _with(base, due=limit), warnings
            acting = self.stand_ins.acting(owner.person, start, limit, rule.silence_is_consent)
        except UncoveredYear as exc:
            step_term = Term(f"step.{rule.step}")
            warnings.append(
                Reason.of(
                    article, "route.warn.uncovered_year", doc.id, year=exc.year, step=step_term
                )
            )
            return base, warnings
        warnings.extend(self._acting_warnings(doc, rule, owner, article, start, limit, acting))
        step = _with(
            base,
            assignee=acting.assignee,
            acting_for=acting.acting_for,
            due=acting.due,
            waited=acting.waited,
            lapsed=acting.lapsed,
        )
        return step, warnings

    def _limit(self, doc: Document, rule: StepRule, start: date) -> date:
        """The last day a step may take: n working days, or calendar days if complex."""
        if doc.complex and rule.complex_limit_days is not None:
            days = int(getattr(self.rulebook, rule.complex_limit_days))
            return self.calendar.next_workday_on_or_after(start + timedelta(days))
        assert rule.limit is not None
        return self.calendar.add_workdays(start, int(getattr(self.rulebook, rule.limit)))

    def _meeting_step(self, doc: Document, base: Step, ready: date) -> tuple[Step, list[Reason]]:
        found = deliberation(doc, ready, self.plan, self.scenario, self.horizon_end)
        m = found.meeting
        if m is None:
            return base, list(found.warnings)
        step = _with(
            base,
            article=meeting_article(doc, m),
            owner=m.chair_acting_for or m.chair,
            assignee=m.chair,
            acting_for=m.chair_acting_for,
            due=m.day,
            meeting=m.id,
        )
        return step, list(found.warnings)

    def _no_owner(self, doc: Document, rule: StepRule, owner: Owner, article: int) -> Reason:
        step = Term(f"step.{rule.step}")
        if owner.department is not None:
            return Reason.of(
                article,
                "route.warn.no_head",
                doc.id,
                step=step,
                department=self.department_name(owner.department),
            )
        return Reason.of(
            article,
            "route.warn.no_owner",
            doc.id,
            step=step,
            owner=Term(f"route.owner.{rule.owner}"),
        )

    def _acting_warnings(
        self,
        doc: Document,
        rule: StepRule,
        owner: Owner,
        article: int,
        start: date,
        limit: date,
        acting: Acting,
    ) -> list[Reason]:
        step = Term(f"step.{rule.step}")
        person = self.person_name(owner.person)
        chain_article = 6 if owner.person == self.sign_context.mayor else 8
        if acting.lapsed:
            return [
                Reason.of(
                    article,
                    "route.warn.silence",
                    doc.id,
                    step=step,
                    person=person,
                    department=self.department_name(owner.department),
                    due=limit.isoformat(),
                )
            ]
        if not acting.waited:
            return []
        if acting.due is None:
            return [Reason.of(chain_article, "route.warn.nobody", doc.id, step=step, person=person)]
        return [
            Reason.of(
                chain_article,
                "route.warn.waits",
                doc.id,
                step=step,
                person=person,
                start=self.stand_ins.window(start, limit)[0].isoformat(),
                limit=limit.isoformat(),
                until=acting.due.isoformat(),
                acting=self.person_name(acting.assignee),
            )
        ]

    def _critical(
        self, graph: nx.DiGraph, steps: list[Step], start: date
    ) -> tuple[tuple[str, ...], date | None]:
        """The longest path in working days (calendar days break ties) and its end date."""
        timed = nx.DiGraph()
        by_key = {s.key: s for s in steps}

        def weight(key: str) -> int:
            s = by_key[key]
            if s.start is None or s.due is None:
                return 0
            try:
                work = workdays_between(self.calendar, s.start, s.due)
            except UncoveredYear:
                work = 0
            return work * 1000 + max((s.due - s.start).days, 0)

        timed.add_node(START)
        for key in graph.nodes:
            timed.add_node(key)
            if graph.in_degree(key) == 0:
                timed.add_edge(START, key, weight=weight(key))
        for u, v in graph.edges:
            timed.add_edge(u, v, weight=weight(v))
        path = [k for k in nx.dag_longest_path(timed, weight="weight") if k != START]
        dues = [s.due for s in steps]
        if not steps or None in dues:
            return tuple(path), None
        return tuple(path), by_key[path[-1]].due if path else start


def _with(step: Step, **changes: Any) -> Step:
    return replace(step, **changes)


def route_documents(
    loaded: Loaded, plan: Plan | None = None, only: str | None = None
) -> list[Route]:
    """The route of every document of the scenario (or only the one with id `only`)."""
    docs = [d for d in loaded.scenario.documents if only is None or d.id == only]
    return Router(loaded, plan).route_all(docs)
