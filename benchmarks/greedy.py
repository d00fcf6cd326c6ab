"""The baseline: what an experienced clerk does by hand, one decision at a time.

1. Meetings, one after the other (fixed ones first, then executive and plenary meetings,
   mayor's office meetings, topic meetings; within a kind by the start of the window, then
   id), each on the **first half-day that satisfies the hard rules** and on which none of
   its people is already booked. Optional (extra) meetings are not booked here.
2. Topics, **by priority (high first), then deadline (early first)**, then materials date and
   id, each into the **first meeting (in time order) that can take it**: the hard rules
   allow the topic there on that half-day, its minutes still fit the agenda, and, at a topic
   meeting, whoever presents it is not booked elsewhere that half-day.
3. An urgent topic that no booked meeting can take convenes an optional meeting of its kind,
   on the first half-day where the meeting is free and the topic may go; later topics may
   then join that meeting as any other.

The clerk never revisits a decision: no meeting is moved to make room for more topics, no
topic is bumped for a better one. What the hard rules allow comes from the planner itself
(`planner.hard_rules` through `planner.schedule.candidates`), not from a copy here, and the
plan is built by the planner's own `assemble_plan`, so `planner verify` checks it like any
other plan.

    python benchmarks/greedy.py SCENARIO --out plan.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planner.hard_rules import HardRules
from planner.model import Meeting, Slot, Topic
from planner.plan import Plan, SolverInfo
from planner.scenario import Loaded, load_scenario
from planner.schedule.candidates import Candidates, build_candidates
from planner.schedule.evaluate import evaluate
from planner.schedule.solve import assemble_plan

KIND_ORDER = {"plenary": 0, "executive": 0, "mayor_office": 1, "topic": 2}


@dataclass
class Clerk:
    """The clerk's working state: what is booked so far."""

    cands: Candidates
    chosen: dict[str, Slot] = field(default_factory=dict)
    agenda: dict[str, list[str]] = field(default_factory=dict)
    used: dict[str, int] = field(default_factory=dict)
    busy: dict[Slot, set[str]] = field(default_factory=dict)

    @property
    def rules(self) -> HardRules:
        return self.cands.rules

    def free(self, people: frozenset[str] | set[str], slot: Slot) -> bool:
        """Nobody of `people` is booked on `slot`."""
        return not (self.busy.get(slot, set()) & people)

    def book_meeting(self, m: Meeting, slot: Slot) -> None:
        self.chosen[m.id] = slot
        self.agenda[m.id] = []
        self.used[m.id] = 0
        self.busy.setdefault(slot, set()).update(self.cands.people[m.id][slot])

    def first_slot(self, m: Meeting, need: Topic | None = None) -> Slot | None:
        """The first allowed half-day with all of the meeting's people free (and, with
        `need`, one on which that topic may go to the meeting)."""
        for slot in self.cands.meeting_slots[m.id]:
            if not self.free(self.cands.people[m.id][slot], slot):
                continue
            if need is not None and not self._may_take(need, m, slot):
                continue
            return slot
        return None

    def _may_take(self, t: Topic, m: Meeting, slot: Slot) -> bool:
        """The rules allow `t` at `m` on `slot` and its presenter is free to come."""
        if slot not in self.cands.topic_slots[t.id].get(m.id, []):
            return False
        return self._extra_presenter(t, m, slot) is not False

    def _extra_presenter(self, t: Topic, m: Meeting, slot: Slot) -> str | bool | None:
        """Who joins a topic meeting only to present `t` (None: nobody extra); False if
        that person is booked elsewhere on `slot`."""
        if m.kind != "topic":
            return None
        presenter = self.rules.presenter(t, slot)
        if presenter is None or presenter in self.cands.people[m.id][slot]:
            return None
        if presenter in self.busy.get(slot, set()) and presenter not in self._joined(m, slot):
            return False
        return presenter

    def _joined(self, m: Meeting, slot: Slot) -> set[str]:
        """Presenters already at meeting `m` for one of its topics."""
        scenario = self.rules.scenario
        out: set[str] = set()
        for tid in self.agenda.get(m.id, []):
            presenter = self.rules.presenter(scenario.topic(tid), slot)
            if presenter is not None:
                out.add(presenter)
        return out

    def takes(self, t: Topic, m: Meeting) -> bool:
        """Whether booked meeting `m` can still take topic `t`."""
        if self.used[m.id] + t.minutes > m.minutes:
            return False
        return self._may_take(t, m, self.chosen[m.id])

    def add_topic(self, t: Topic, m: Meeting) -> None:
        slot = self.chosen[m.id]
        extra = self._extra_presenter(t, m, slot)
        if isinstance(extra, str):
            self.busy.setdefault(slot, set()).add(extra)
        self.agenda[m.id].append(t.id)
        self.used[m.id] += t.minutes


def meeting_order(m: Meeting, rules: HardRules) -> tuple[int, int, date, str]:
    """Fixed meetings first, then by kind, start of window and id."""
    start, _ = rules.window(m)
    return (0 if m.fixed else 1, KIND_ORDER[m.kind], start, m.id)


def topic_order(t: Topic) -> tuple[int, date, date, str]:
    """Priority (high first), deadline, materials (early first), id."""
    return (-t.priority, t.deadline or date.max, t.materials or date.max, t.id)


def greedy_choices(loaded: Loaded, lang: str = "en") -> tuple[Clerk, HardRules]:
    """The clerk's meeting half-days and agendas for a scenario."""
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, lang)
    clerk = Clerk(build_candidates(rules))
    scenario = loaded.scenario
    for m in sorted(scenario.meetings, key=lambda m: meeting_order(m, rules)):
        if m.optional:
            continue
        slot = clerk.first_slot(m)
        if slot is not None:
            clerk.book_meeting(m, slot)
    for t in sorted(scenario.topics, key=topic_order):
        _place_topic(clerk, t)
    return clerk, rules


def _place_topic(clerk: Clerk, t: Topic) -> None:
    """Into the first booked meeting that takes it; an urgent topic may convene an extra one."""
    scenario = clerk.rules.scenario
    booked = sorted(clerk.chosen.items(), key=lambda kv: (kv[1], kv[0]))
    for mid, _ in booked:
        m = scenario.meeting(mid)
        if clerk.takes(t, m):
            clerk.add_topic(t, m)
            return
    if not clerk.rules.is_urgent(t):
        return
    extras = [
        m
        for m in scenario.meetings
        if m.optional
        and m.id not in clerk.chosen
        and m.id in clerk.cands.topic_slots[t.id]
        and t.minutes <= m.minutes
    ]
    for m in sorted(extras, key=lambda m: meeting_order(m, clerk.rules)):
        slot = clerk.first_slot(m, need=t)
        if slot is not None:
            clerk.book_meeting(m, slot)
            clerk.add_topic(t, m)
            return


def greedy_plan(loaded: Loaded, lang: str = "en", score: bool = True) -> Plan:
    """The clerk's plan, scored with the planner's objective (`score`) and explained."""
    started = time.perf_counter()
    clerk, rules = greedy_choices(loaded, lang)
    seconds = time.perf_counter() - started
    objective: int | None = None
    terms: dict[str, int] = {}
    if score:
        value = evaluate(loaded, clerk.chosen, clerk.agenda, lang=lang, cands=clerk.cands)
        objective, terms = value.objective, value.terms
    info = SolverInfo(status="GREEDY", objective=objective, bound=None, seconds=seconds)
    return assemble_plan(loaded, rules, clerk.chosen, clerk.agenda, info, terms, clerk.cands, lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The clerk's greedy baseline plan.")
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="plan.json to write")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    loaded = load_scenario(args.scenario)
    plan = greedy_plan(loaded, args.lang)
    text = json.dumps(plan.to_json(args.lang), ensure_ascii=False, indent=2) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(
        f"greedy: objective {plan.solver.objective}, {len(plan.meetings)} meetings, "
        f"{sum(1 for t in plan.topics if t.meeting)} topics placed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
