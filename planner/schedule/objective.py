"""The objective: the soft rules and their rulebook weights, as named terms.

Terms are kept apart so that the plan can report what each one cost. Deferring a topic costs
a weight that grows with its priority so steeply that no number of lower-priority topics
outweighs one of higher priority (a lower priority never displaces a higher one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ortools.sat.python import cp_model

from planner.model import Scenario, Slot
from planner.rules import Rulebook
from planner.schedule.variables import Variables

CADENCE_CATEGORIES = ("safety", "ecology")


@dataclass
class Reference:
    """A published plan the new one should stay close to (what-if)."""

    meeting_slot: dict[str, Slot] = field(default_factory=dict)
    meeting_chair: dict[str, str] = field(default_factory=dict)
    topic_meeting: dict[str, str] = field(default_factory=dict)


@dataclass
class Objective:
    terms: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    constants: dict[str, int] = field(default_factory=dict)
    defer_weight: dict[int, int] = field(default_factory=dict)
    cadence_due: dict[str, date] = field(default_factory=dict)
    cadence_met: dict[str, cp_model.IntVar] = field(default_factory=dict)


def defer_weights(priorities: list[int], unit: int) -> dict[int, int]:
    """Weights per priority: w(p) exceeds the sum of every lower-priority topic's weight."""
    counts = Counter(priorities)
    weights: dict[int, int] = {}
    below = 0
    for p in range(1, 6):
        weights[p] = unit * (below + 1)
        below += counts.get(p, 0) * (below + 1)
    return weights


def cadence_due(scenario: Scenario, rulebook: Rulebook) -> dict[str, tuple[date, date]]:
    """Art. 43 (6): for work safety and ecology due within the horizon, (due, study by).

    Study by is the due date itself, or the horizon's end when it is already overdue.
    """
    out: dict[str, tuple[date, date]] = {}
    for key in CADENCE_CATEGORIES:
        last = scenario.history_date(key)
        days = rulebook.cadence_days.get(key)
        if last is None or days is None:
            continue
        due = last + timedelta(days=days)
        if due <= scenario.end:
            out[key] = (due, due if due >= scenario.start else scenario.end)
    return out


def build_objective(v: Variables, reference: Reference | None = None) -> Objective:
    rules = v.cands.rules
    scenario = rules.scenario
    rb = rules.rulebook
    model = v.model
    obj = Objective()
    obj.defer_weight = defer_weights([t.priority for t in scenario.topics], rb.defer_unit)
    total_defer = sum(obj.defer_weight[t.priority] for t in scenario.topics)
    w_meeting = max(rb.unscheduled_meeting_weight, total_defer + 1)

    # Every required meeting is held when it can be.
    obj.terms["unscheduled_meetings"] = sum(
        w_meeting * (1 - v.held[m.id]) for m in scenario.meetings if not m.optional
    )
    # Art. 43, 52: extra meetings cost; they are held only for urgent topics.
    obj.terms["optional_meetings"] = sum(
        rb.optional_meeting_weight * v.held[m.id] for m in scenario.meetings if m.optional
    )
    # Priorities: deferring costs by priority; topics with no possible meeting are constant.
    placed: dict[str, list[cp_model.IntVar]] = {}
    for (tid, _), lit in v.y.items():
        placed.setdefault(tid, []).append(lit)
    obj.terms["deferred_topics"] = sum(
        obj.defer_weight[t.priority] * (1 - sum(placed[t.id]))
        for t in scenario.topics
        if t.id in placed
    )
    obj.constants["deferred_topics"] = sum(
        obj.defer_weight[t.priority] for t in scenario.topics if t.id not in placed
    )
    # Among topics of equal priority, first come first served: the earlier deadline, then
    # the earlier materials, then the id goes first (a tie-break below every other term).
    queue = sorted(
        (t for t in scenario.topics if t.id in placed),
        key=lambda t: (t.deadline or date.max, t.materials or date.max, t.id),
    )
    rank: dict[int, int] = {}
    tie_terms = []
    for t in reversed(queue):
        rank[t.priority] = rank.get(t.priority, 0) + 1
        tie_terms.append(rb.queue_weight * rank[t.priority] * (1 - sum(placed[t.id])))
    obj.terms["queue_order"] = sum(tie_terms)
    # The vice-mayor in charge presents their own topic; a stand-in presenting costs.
    presenter_terms = []
    head_terms = []
    for (tid, mid), ylit in v.y.items():
        t = scenario.topic(tid)
        bad = [
            v.x[mid, s]
            for s in v.cands.topic_slots[tid][mid]
            if rules.presenter(t, s) != t.vice_mayor
        ]
        if bad:
            pen = model.new_bool_var(f"standin[{tid},{mid}]")
            model.add(pen >= ylit + sum(bad) - 1)
            presenter_terms.append(rb.presenter_stand_in_weight * pen)
        # Heads of attending departments should be free to attend.
        costs: list[tuple[int, cp_model.IntVar]] = []
        for s in v.cands.topic_slots[tid][mid]:
            away = 0
            for d in t.attending:
                head = scenario.head_of(d)
                if head is not None and not rules.avail.present(head.id, s):
                    away += 1
            if away:
                costs.append((away, v.x[mid, s]))
        if costs:
            top = max(c for c, _ in costs)
            e = model.new_int_var(0, top, f"heads[{tid},{mid}]")
            model.add(e >= sum(c * lit for c, lit in costs) - top * (1 - ylit))
            head_terms.append(rb.attending_head_absent_weight * e)
    obj.terms["presenter_stand_in"] = sum(presenter_terms)
    # Art. 6, 43: the mayor chairs; the executive vice-mayor stands in at a cost.
    mayor = scenario.mayor
    obj.terms["chair_stand_in"] = sum(
        rb.chair_stand_in_weight * lit
        for (mid, s), lit in v.x.items()
        if scenario.meeting(mid).kind != "topic"
        and mayor is not None
        and rules.chair_of(scenario.meeting(mid), s) != mayor.id
    )
    obj.terms["attending_heads_absent"] = sum(head_terms)

    # Art. 43 (6): work safety and ecology studied at an executive meeting in time.
    obj.cadence_due = {k: by for k, (_, by) in cadence_due(scenario, rb).items()}
    cadence_terms = []
    for key, due in obj.cadence_due.items():
        met = model.new_bool_var(f"cadence[{key}]")
        obj.cadence_met[key] = met
        witnesses = []
        for (tid, mid), ylit in v.y.items():
            t = scenario.topic(tid)
            if t.category != key or scenario.meeting(mid).kind != "executive":
                continue
            in_time = [v.x[mid, s] for s in v.cands.topic_slots[tid][mid] if s.day <= due]
            if not in_time:
                continue
            w = model.new_bool_var(f"cadence[{key},{tid},{mid}]")
            model.add(w <= ylit)
            model.add(w <= sum(in_time))
            witnesses.append(w)
        model.add(met <= sum(witnesses))
        cadence_terms.append(rb.cadence_missed_weight * (1 - met))
    obj.terms["cadence"] = sum(cadence_terms)

    # Earlier rather than later, and a stable tie-break between equal plans.
    index = {s: i for i, s in enumerate(v.cands.slots)}
    obj.terms["lateness"] = sum(rb.day_weight * index[s] * lit for (_, s), lit in v.x.items())

    if reference is not None:
        _stability(v, obj, reference)

    model.minimize(sum(obj.terms.values()) + sum(obj.constants.values()))
    return obj


def _stability(v: Variables, obj: Objective, ref: Reference) -> None:
    """What-if: each moved meeting, changed chair or moved topic costs a rulebook weight."""
    rules = v.cands.rules
    rb = rules.rulebook
    moved = []
    constant = 0
    for mid, slot in ref.meeting_slot.items():
        if mid not in v.held:
            continue
        if (mid, slot) in v.x:
            moved.append(rb.stability_meeting_weight * (1 - v.x[mid, slot]))
        else:
            constant += rb.stability_meeting_weight
        chair = ref.meeting_chair.get(mid)
        if chair is not None:
            m = rules.scenario.meeting(mid)
            moved.extend(
                rb.stability_chair_weight * v.x[mid, s]
                for s in v.cands.meeting_slots[mid]
                if rules.chair_of(m, s) != chair
            )
    topics = []
    for tid, mid in ref.topic_meeting.items():
        if (tid, mid) in v.y:
            topics.append(rb.stability_topic_weight * (1 - v.y[tid, mid]))
        elif any(t.id == tid for t in rules.scenario.topics):
            constant += rb.stability_topic_weight
    obj.terms["stability"] = sum(moved) + sum(topics)
    obj.constants["stability"] = constant
