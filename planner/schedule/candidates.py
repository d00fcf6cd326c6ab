"""What the hard rules allow, before any search: each meeting's possible half-days and each
topic's possible (meeting, half-day) pairs, with the reasons for everything ruled out."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.hard_rules import HardRules
from planner.model import HALVES, Meeting, Slot, Topic
from planner.reasons import Reason
from planner.workdays import days_between


@dataclass
class Candidates:
    rules: HardRules
    slots: list[Slot]
    meeting_slots: dict[str, list[Slot]] = field(default_factory=dict)
    slot_rejects: dict[str, dict[Slot, list[Reason]]] = field(default_factory=dict)
    topic_slots: dict[str, dict[str, list[Slot]]] = field(default_factory=dict)
    topic_meeting_rejects: dict[str, dict[str, list[Reason]]] = field(default_factory=dict)
    topic_slot_rejects: dict[str, dict[str, dict[Slot, list[Reason]]]] = field(default_factory=dict)
    people: dict[str, dict[Slot, frozenset[str]]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Meetings × candidate half-days: what the model grows with."""
        return sum(len(v) for v in self.meeting_slots.values())


def build_candidates(rules: HardRules) -> Candidates:
    """Apply every unary hard rule; what survives is what the solver may choose from."""
    scenario = rules.scenario
    cands = Candidates(rules, rules.slots)
    for m in scenario.meetings:
        _meeting(cands, m)
    for t in scenario.topics:
        _topic(cands, t)
    return cands


def _meeting(cands: Candidates, m: Meeting) -> None:
    rules = cands.rules
    ok: list[Slot] = []
    rejects: dict[Slot, list[Reason]] = {}
    people: dict[Slot, frozenset[str]] = {}
    start, end = rules.window(m)
    if m.fixed is not None:
        start = end = m.fixed.day
    # Every half-day of the window, working or not, so that a rejection can be explained.
    for slot in (Slot(d, h) for d in days_between(start, end) for h in HALVES):
        reasons = rules.slot_reasons(m, slot)
        if reasons:
            rejects[slot] = reasons
        else:
            ok.append(slot)
            people[slot] = frozenset(rules.people_in(m, slot))
    cands.meeting_slots[m.id] = ok
    cands.slot_rejects[m.id] = rejects
    cands.people[m.id] = people


def _topic(cands: Candidates, t: Topic) -> None:
    rules = cands.rules
    options: dict[str, list[Slot]] = {}
    static: dict[str, list[Reason]] = {}
    per_slot: dict[str, dict[Slot, list[Reason]]] = {}
    for m in rules.scenario.meetings:
        if m.kind != t.decided_by:
            continue
        reasons = rules.topic_meeting_reasons(t, m)
        if reasons:
            static[m.id] = reasons
            continue
        allowed: list[Slot] = []
        rejects: dict[Slot, list[Reason]] = {}
        for slot in cands.meeting_slots[m.id]:
            slot_reasons = rules.topic_slot_reasons(t, m, slot)
            if slot_reasons:
                rejects[slot] = slot_reasons
            else:
                allowed.append(slot)
        per_slot[m.id] = rejects
        if allowed:
            options[m.id] = allowed
    cands.topic_slots[t.id] = options
    cands.topic_meeting_rejects[t.id] = static
    cands.topic_slot_rejects[t.id] = per_slot
