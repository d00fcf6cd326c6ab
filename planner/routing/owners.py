"""Who owns each step of a route: the people behind the owner kinds of the routing table."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import Document, Scenario
from planner.routing.signer import SignContext, Signing


@dataclass(frozen=True)
class Owner:
    """One owner of a step: `key` tells apart the parallel steps of one row (a department
    for countersigns, a person for co-signs); `person` is None when nobody holds the role."""

    key: str
    person: str | None
    department: str | None = None


def _doing(scenario: Scenario, duty: str) -> str | None:
    for d in scenario.departments:
        if duty in d.does:
            return d.id
    return None


def countersigning(doc: Document) -> tuple[str, ...]:
    """Departments in `involves` other than the drafter, each once, in the file's order."""
    out: list[str] = []
    for d in doc.involves:
        if d != doc.drafter and d not in out:
            out.append(d)
    return tuple(out)


def seal_keeper(doc: Document, ctx: SignContext, signing: Signing) -> str | None:
    """Art. 62: the government's seal needs the mayor's or a vice-mayor's consent (the signer
    if a leader, else the leader in charge or the mayor); the office's seal the office
    director's; a department's seal its head's."""
    scenario = ctx.scenario
    if doc.issuer == "office":
        return ctx.office_director or ctx.mayor
    if doc.issuer == "department":
        return ctx.head_of(doc.drafter)
    signer = signing.signer
    if signer is not None and scenario.has_person(signer) and scenario.person(signer).is_leader:
        return signer
    return ctx.leader_of(doc.drafter) or ctx.mayor


def owners(kind: str, doc: Document, ctx: SignContext, signing: Signing) -> tuple[Owner, ...]:
    """The owners of a step whose table row names owner `kind` (empty: the step is void)."""
    scenario = ctx.scenario
    if kind == "drafter_head":
        return (Owner("", ctx.head_of(doc.drafter), doc.drafter),)
    if kind == "involved_heads":
        return tuple(Owner(d, ctx.head_of(d), d) for d in countersigning(doc))
    if kind == "legality_department":
        dept = _doing(scenario, "legality_review")
        return (Owner("", ctx.head_of(dept), dept),)
    if kind == "fair_competition_department":
        dept = _doing(scenario, "fair_competition_review") or doc.drafter
        if dept is None:
            return (Owner("", ctx.office_director),)
        return (Owner("", ctx.head_of(dept), dept),)
    if kind == "office":
        return (Owner("", ctx.office_director),)
    if kind == "signer":
        return (Owner("", signing.signer),)
    if kind == "co_signers":
        return tuple(Owner(p, p) for p in signing.co_signers)
    if kind == "seal_keeper":
        return (Owner("", seal_keeper(doc, ctx, signing)),)
    # meeting_chair: the chair of the meeting the route reaches (planner.routing.meetings)
    return (Owner("", ctx.mayor),)
