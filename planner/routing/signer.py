"""Who signs a document: one function per case of Art. 59 (and Art. 50, 55).

Each case returns a `Signing` when it applies to the document, else None; the routing
table's `SIGNER_CASES` gives the order in which they are tried, and the first that applies
decides. Where the rules allow "the mayor or the executive vice-mayor", the executive
vice-mayor (负责常务工作的副区长) signs unless the drafting department is in the mayor's own
portfolio or there is no executive vice-mayor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.model import Document, Scenario
from planner.reasons import Reason
from planner.rules import Rulebook

KIND_OF_MEETING_MINUTES_BY_MAYOR = ("plenary", "executive", "mayor_office")


@dataclass(frozen=True)
class Signing:
    """The signer a case decides, the article and clause it cites, and any co-signers."""

    signer: str | None
    article: int
    clause: int | None = None
    co_signers: tuple[str, ...] = ()
    warnings: tuple[Reason, ...] = ()


class SignContext:
    """The people a signer is chosen from: the scenario's roles, heads and portfolios."""

    def __init__(self, scenario: Scenario, rulebook: Rulebook) -> None:
        self.scenario = scenario
        self.rulebook = rulebook
        mayor = scenario.mayor
        self.mayor: str | None = mayor.id if mayor else None
        self.office_director: str | None = next(
            (p.id for role in ("office_director", "office_deputy") for p in scenario.by_role(role)),
            None,
        )
        self._leaders: dict[str, str] = {}
        self._heads: dict[str, str] = {}
        for p in scenario.people:
            if p.is_leader:
                for d in p.portfolio:
                    self._leaders.setdefault(d, p.id)
            if p.role == "department_head" and p.department is not None:
                self._heads.setdefault(p.department, p.id)

    def leader_of(self, department: str | None) -> str | None:
        """The leader whose portfolio holds the department (分管领导)."""
        return self._leaders.get(department) if department is not None else None

    def head_of(self, department: str | None) -> str | None:
        """The department's head (主要负责人)."""
        return self._heads.get(department) if department is not None else None

    def mayor_or_executive(self, doc: Document) -> str | None:
        """The executive vice-mayor, or the mayor for the mayor's own portfolio."""
        evm = self.scenario.executive_vice_mayor
        mayor = self.scenario.mayor
        if evm is None or (mayor is not None and doc.drafter in mayor.portfolio):
            return self.mayor
        return evm.id


Case = Callable[[Document, SignContext], Signing | None]


def minutes(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 50: minutes: the mayor; a topic meeting's: its chair or the leader in charge."""
    if doc.kind != "minutes" or doc.issuer == "department":
        return None
    meeting = None
    if doc.decided_at is not None:
        try:
            meeting = ctx.scenario.meeting(doc.decided_at)
        except KeyError:
            meeting = None
    if meeting is not None and meeting.kind in KIND_OF_MEETING_MINUTES_BY_MAYOR:
        return Signing(ctx.mayor, 50)
    chair = meeting.chair if meeting is not None else None
    if (
        chair is not None
        and ctx.scenario.has_person(chair)
        and ctx.scenario.person(chair).is_leader
    ):
        return Signing(chair, 50)
    return Signing(ctx.leader_of(doc.drafter) or ctx.mayor, 50)


def superior_or_policy(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (1): requests and reports to the city: the mayor or the executive VM."""
    if doc.issuer != "government" or doc.kind not in ("request", "report"):
        return None
    if not any(r in ctx.rulebook.superior_recipients for r in doc.to):
        return None
    return Signing(ctx.mayor_or_executive(doc), 59, 1)


def motion(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (2): motions to the people's congress or its standing committee: the mayor."""
    if doc.issuer != "government" or doc.kind != "motion":
        return None
    return Signing(ctx.mayor, 59, 2)


def appointment(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (3): appointments and removals: the mayor."""
    if doc.issuer != "government" or doc.kind != "appointment":
        return None
    return Signing(ctx.mayor, 59, 3)


def travel_abroad(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (4): approval of trips abroad by heads of towns and departments: the mayor."""
    if doc.issuer != "government" or doc.kind != "travel_abroad":
        return None
    return Signing(ctx.mayor, 59, 4)


def decided_or_routine(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (6): matters a meeting already decided, routine approvals: the mayor."""
    if doc.issuer != "government" or not (doc.decided_at or doc.routine):
        return None
    return Signing(ctx.mayor, 59, 6)


def urgent_authorised(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (7): special or urgent cases, on a leader's authority: the office director."""
    if doc.issuer != "government" or not doc.urgent:
        return None
    return Signing(ctx.office_director, 59, 7)


def office_documents(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (8): office documents: the leader in charge; its routine: the director."""
    if doc.issuer != "office":
        return None
    if doc.routine:
        return Signing(ctx.office_director, 59, 8)
    return Signing(ctx.leader_of(doc.drafter) or ctx.mayor, 59, 8)


def department_submission(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 55: a department's submission: the leader in charge (broad: the mayor)."""
    if doc.issuer != "department":
        return None
    if doc.scope == "broad":
        return Signing(ctx.mayor, 55)
    return Signing(ctx.leader_of(doc.drafter) or ctx.mayor, 55)


def government_other(doc: Document, ctx: SignContext) -> Signing | None:
    """Art. 59 (5): other documents: the leader in charge, others co-sign; broad: 59 (1)."""
    if doc.issuer != "government":
        return None
    in_charge = ctx.leader_of(doc.drafter)
    warnings: tuple[Reason, ...] = ()
    if doc.scope == "broad":
        signer = ctx.mayor_or_executive(doc)
    elif in_charge is not None:
        signer = in_charge
    else:
        signer = ctx.mayor
        drafter = ctx.scenario.department(doc.drafter).name if doc.drafter else None
        key = "route.warn.no_vice_mayor" if drafter else "route.warn.no_drafter_vice_mayor"
        warnings = (Reason.of(59, key, subject=doc.id, department=drafter or ""),)
    touched = [d for d in (doc.drafter, *doc.involves) if d is not None]
    co_signers: list[str] = []
    for department in touched:
        leader = ctx.leader_of(department)
        if leader is not None and leader != signer and leader not in co_signers:
            co_signers.append(leader)
    return Signing(signer, 59, 5, tuple(co_signers), warnings)


CASES: dict[str, Case] = {
    "minutes": minutes,
    "superior_or_policy": superior_or_policy,
    "motion": motion,
    "appointment": appointment,
    "travel_abroad": travel_abroad,
    "decided_or_routine": decided_or_routine,
    "urgent_authorised": urgent_authorised,
    "office_documents": office_documents,
    "department_submission": department_submission,
    "government_other": government_other,
}


def choose_signer(doc: Document, ctx: SignContext, order: tuple[str, ...]) -> Signing:
    """The first case in `order` that applies decides (Art. 59; 50 for minutes; 55)."""
    for name in order:
        found = CASES[name](doc, ctx)
        if found is not None:
            return found
    return Signing(ctx.mayor, 59, 5)
