"""Where meetings and documents meet (Art. 19, 25): the planned meeting that deliberates a
document, and why there is none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.model import Document, Scenario
from planner.plan import Plan, PlannedMeeting
from planner.reasons import Reason, Term
from planner.routing.table import DELIBERATIVE_KINDS, MEETING_KIND_ARTICLE


@dataclass(frozen=True)
class Deliberation:
    """The meeting that deliberates a document (None: no meeting in the horizon can)."""

    meeting: PlannedMeeting | None
    warnings: tuple[Reason, ...] = ()


def meeting_article(doc: Document, meeting: PlannedMeeting | None) -> int:
    """Art. 19 for a normative document, else the article of the meeting's kind (25 if none)."""
    if doc.kind == "normative":
        return 19
    return MEETING_KIND_ARTICLE.get(meeting.kind, 25) if meeting else 25


def month_term(day: date) -> Term:
    return Term(
        "route.month", (("mm", f"{day.month:02d}"), ("month", day.month), ("year", day.year))
    )


def _name(scenario: Scenario, mid: str) -> str:
    try:
        m = scenario.meeting(mid)
    except KeyError:
        return mid
    return m.title or mid


def first_deliberative(plan: Plan, ready: date) -> PlannedMeeting | None:
    """The first planned plenary or executive meeting held on or after `ready`."""
    held = [m for m in plan.meetings if m.kind in DELIBERATIVE_KINDS and m.day >= ready]
    return min(held, key=lambda m: (m.day, m.half, m.id), default=None)


def deliberation(
    doc: Document, ready: date, plan: Plan | None, scenario: Scenario, horizon_end: date
) -> Deliberation:
    """The meeting that carries the document's topic if the document is ready by then, else
    the first plenary or executive meeting it can still reach (ready on or before its day)."""
    article = 19 if doc.kind == "normative" else 25
    warnings: list[Reason] = []
    if doc.topic is not None and plan is not None:
        planned = plan.topic(doc.topic)
        meeting = plan.meeting(planned.meeting) if planned and planned.meeting else None
        if meeting is not None and meeting.day >= ready:
            return Deliberation(meeting)
        if meeting is not None:
            warnings.append(
                Reason.of(
                    article,
                    "route.warn.topic_meeting_early",
                    doc.id,
                    topic=doc.topic,
                    meeting=_name(scenario, meeting.id),
                    date=meeting.day.isoformat(),
                    ready=ready.isoformat(),
                )
            )
        else:
            warnings.append(
                Reason.of(article, "route.warn.topic_deferred", doc.id, topic=doc.topic)
            )
    found = first_deliberative(plan, ready) if plan is not None else None
    if found is not None:
        return Deliberation(found, tuple(warnings))
    earliest = max(ready, horizon_end + timedelta(1))
    warnings.append(
        Reason.of(
            article,
            "route.warn.no_meeting",
            doc.id,
            ready=ready.isoformat(),
            month=month_term(earliest),
        )
    )
    return Deliberation(None, tuple(warnings))
