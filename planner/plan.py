"""The result of planning: solver-neutral types, and their `plan.json` form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.reasons import Reason


@dataclass(frozen=True)
class Absence:
    person: str
    stand_in: str | None
    reason: str


@dataclass(frozen=True)
class PlannedMeeting:
    id: str
    kind: str
    day: date
    half: str
    start: str
    end: str
    chair: str
    chair_acting_for: str | None
    present: tuple[str, ...]
    absent: tuple[Absence, ...]
    attending: tuple[str, ...]
    agenda: tuple[str, ...]
    title: str = ""
    room: str | None = None
    location: str | None = None
    attendees: tuple[str, ...] = ()
    optional_attendees: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedTopic:
    id: str
    meeting: str | None
    presenter: str | None = None
    presenter_acting_for: str | None = None
    materials_due: date | None = None
    order: int | None = None
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Unscheduled:
    id: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class SolverInfo:
    status: str
    objective: int | None
    bound: int | None
    seconds: float
    deterministic_time: float = 0.0
    seed: int = 0
    workers: int = 1
    stopped_by: str = ""


@dataclass
class Plan:
    scenario: str
    solver: SolverInfo
    meetings: list[PlannedMeeting]
    unscheduled: list[Unscheduled]
    topics: list[PlannedTopic]
    warnings: list[Reason] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    horizon: tuple[date, date] | None = None
    objective_terms: dict[str, int] = field(default_factory=dict)

    def meeting(self, mid: str) -> PlannedMeeting | None:
        for m in self.meetings:
            if m.id == mid:
                return m
        return None

    def topic(self, tid: str) -> PlannedTopic | None:
        for t in self.topics:
            if t.id == tid:
                return t
        return None

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """The `plan.json` document (FORMATS.md), with reasons in `lang`."""
        out: dict[str, Any] = {"scenario": self.scenario}
        if self.horizon:
            out["horizon"] = {
                "from": self.horizon[0].isoformat(),
                "to": self.horizon[1].isoformat(),
            }
        out["solver"] = {
            "status": self.solver.status,
            "objective": self.solver.objective,
            "bound": self.solver.bound,
            "seconds": round(self.solver.seconds, 3),
            "deterministic_time": round(self.solver.deterministic_time, 3),
            "seed": self.solver.seed,
            "workers": self.solver.workers,
            "stopped_by": self.solver.stopped_by,
            "terms": dict(sorted(self.objective_terms.items())),
        }
        out["meetings"] = [
            {
                "id": m.id,
                "kind": m.kind,
                "title": m.title,
                "date": m.day.isoformat(),
                "half": m.half,
                "start": m.start,
                "end": m.end,
                "room": m.room,
                "location": m.location,
                "chair": m.chair,
                "chair_acting_for": m.chair_acting_for,
                "present": list(m.present),
                "absent": [
                    {"person": a.person, "stand_in": a.stand_in, "reason": a.reason}
                    for a in m.absent
                ],
                "attending": list(m.attending),
                "attendees": list(m.attendees),
                "optional_attendees": list(m.optional_attendees),
                "agenda": list(m.agenda),
            }
            for m in self.meetings
        ]
        out["unscheduled_meetings"] = [
            {"id": u.id, "reasons": [r.to_json(lang) for r in u.reasons]} for u in self.unscheduled
        ]
        topics: list[dict[str, Any]] = []
        for t in self.topics:
            entry: dict[str, Any] = {"id": t.id, "meeting": t.meeting}
            if t.meeting is not None:
                entry["order"] = t.order
                entry["presenter"] = t.presenter
                entry["presenter_acting_for"] = t.presenter_acting_for
                entry["materials_due"] = t.materials_due.isoformat() if t.materials_due else None
            else:
                entry["reasons"] = [r.to_json(lang) for r in t.reasons]
            topics.append(entry)
        out["topics"] = topics
        out["documents"] = self.documents
        out["warnings"] = [w.to_json(lang) for w in self.warnings]
        return out
