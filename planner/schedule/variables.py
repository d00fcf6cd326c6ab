"""CP-SAT decision variables: which half-day each meeting takes, which meeting each topic."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.model import Slot
from planner.schedule.candidates import Candidates


@dataclass
class Variables:
    model: cp_model.CpModel
    cands: Candidates
    # x[m, s]: meeting m is held on half-day s
    x: dict[tuple[str, Slot], cp_model.IntVar] = field(default_factory=dict)
    # held[m]: meeting m is held at all
    held: dict[str, cp_model.IntVar] = field(default_factory=dict)
    # y[t, m]: topic t is decided at meeting m
    y: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    # presence literals of people who join a meeting only through a topic (presenters)
    joins: dict[tuple[str, str, Slot], cp_model.IntVar] = field(default_factory=dict)

    def on(self, mid: str) -> list[tuple[Slot, cp_model.IntVar]]:
        return [(s, self.x[mid, s]) for s in self.cands.meeting_slots[mid]]


def create_variables(model: cp_model.CpModel, cands: Candidates) -> Variables:
    """One Boolean per allowed (meeting, half-day) and per allowed (topic, meeting)."""
    v = Variables(model, cands)
    for m in cands.rules.scenario.meetings:
        v.held[m.id] = model.new_bool_var(f"held[{m.id}]")
        for s in cands.meeting_slots[m.id]:
            v.x[m.id, s] = model.new_bool_var(f"x[{m.id},{s}]")
    for t in cands.rules.scenario.topics:
        for mid in cands.topic_slots[t.id]:
            v.y[t.id, mid] = model.new_bool_var(f"y[{t.id},{mid}]")
    return v
