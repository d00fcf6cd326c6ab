"""What changed between a base plan and a variant's plan, and why (`diff.json`).

`compare` lists the changes (meetings moved, chairs changed, topics moved, newly deferred,
newly scheduled, removed); `DiffExplainer` says why each happened. A reason is never canned:
it is the hard rule (`planner.hard_rules`) that now forbids what the base plan did, with its
article, and the edits of the what-if file that made it so, found by `blame`: a function that
takes a condition on the hard rules and returns the edits that bring it about (see
`planner.whatif.Worlds`). What no rule forces (a meeting that gave way to another, a topic
that lost its place to an urgent one) is traced to the change that caused it, and what is left
is said to make the plan better overall, with the objective terms that improved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.hard_rules import KIND_ARTICLE, HardRules
from planner.messages import join, render
from planner.model import Slot
from planner.plan import Plan
from planner.reasons import Reason
from planner.scenario import Loaded
from planner.schedule.objective import Reference

KINDS = (
    "meetings_moved",
    "chairs_changed",
    "topics_moved",
    "newly_deferred",
    "newly_scheduled",
    "removed",
)


@dataclass(frozen=True)
class Cause:
    """One edit of a what-if file: where it is written and what it does."""

    place: str  # e.g. add.leaves[0], change.topics.t03.materials
    label: str  # e.g. 孙明磊 2026-06-15至2026-06-18 出访

    def text(self, lang: str) -> str:
        return render("whatif.cause", lang, label=self.label, place=self.place)


Condition = Callable[[HardRules], bool]
Blame = Callable[[Condition], list[Cause]]


@dataclass(frozen=True)
class Why:
    """Why one change happened: the article, a sentence, and the edits that forced it."""

    article: int
    articles: tuple[int, ...]
    code: str
    message: str
    causes: tuple[Cause, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "articles": list(self.articles),
            "code": self.code,
            "message": self.message,
            "causes": [c.place for c in self.causes],
        }


@dataclass
class Change:
    """One difference between the plans. `before`/`after`: a Slot (meetings), a person id
    (chairs) or a meeting id (topics); None for not held, deferred or removed."""

    kind: str
    subject: str  # "meeting" or "topic"
    id: str
    before: Slot | str | None
    after: Slot | str | None
    reasons: list[Why] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "from": _value(self.before),
            "to": _value(self.after),
            "reasons": [w.to_json() for w in self.reasons],
        }


def _value(v: Slot | str | None) -> Any:
    if isinstance(v, Slot):
        return {"date": v.day.isoformat(), "half": v.half}
    return v


@dataclass
class PlanDiff:
    changes: list[Change] = field(default_factory=list)

    def of(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in KINDS}

    def find(self, subject: str, cid: str) -> Change | None:
        for c in self.changes:
            if c.subject == subject and c.id == cid and c.kind != "chairs_changed":
                return c
        return None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"counts": self.counts()}
        for kind in KINDS:
            out[kind] = [c.to_json() for c in self.of(kind)]
        return out


def reference_of(plan: Plan) -> Reference:
    """The plan's choices, as the reference a variant stays close to (and its hint)."""
    return Reference(
        meeting_slot={m.id: Slot(m.day, m.half) for m in plan.meetings},  # type: ignore[arg-type]
        meeting_chair={m.id: m.chair for m in plan.meetings},
        topic_meeting={t.id: t.meeting for t in plan.topics if t.meeting is not None},
    )


def compare(
    base: Reference,
    variant: Reference,
    meetings: tuple[Sequence[str], Sequence[str]],
    topics: tuple[Sequence[str], Sequence[str]],
) -> PlanDiff:
    """The changes from `base` to `variant`; `meetings` and `topics` are the ids of each
    scenario (base, variant), so that an entry the variant removed is told from one it
    could not place."""
    out = PlanDiff()
    kept_m = set(meetings[1])
    moved: list[Change] = []
    for mid in _ordered(meetings):
        a, b = base.meeting_slot.get(mid), variant.meeting_slot.get(mid)
        if mid not in kept_m:
            if a is not None:
                out.changes.append(Change("removed", "meeting", mid, a, None))
            continue
        if a != b:
            moved.append(Change("meetings_moved", "meeting", mid, a, b))
    moved.sort(key=lambda c: (str(c.before or c.after), c.id))
    out.changes.extend(moved)
    for mid in _ordered(meetings):
        a, b = base.meeting_slot.get(mid), variant.meeting_slot.get(mid)
        c0, c1 = base.meeting_chair.get(mid), variant.meeting_chair.get(mid)
        if mid in kept_m and a is not None and b is not None and c0 != c1:
            out.changes.append(Change("chairs_changed", "meeting", mid, c0, c1))
    kept_t = set(topics[1])
    for tid in _ordered(topics):
        m0, m1 = base.topic_meeting.get(tid), variant.topic_meeting.get(tid)
        if tid not in kept_t:
            if m0 is not None:
                out.changes.append(Change("removed", "topic", tid, m0, None))
        elif m0 is not None and m1 is not None and m0 != m1:
            out.changes.append(Change("topics_moved", "topic", tid, m0, m1))
        elif m0 is not None and m1 is None:
            out.changes.append(Change("newly_deferred", "topic", tid, m0, None))
        elif m0 is None and m1 is not None:
            out.changes.append(Change("newly_scheduled", "topic", tid, None, m1))
    out.changes.sort(key=lambda c: KINDS.index(c.kind))  # stable: keeps the order within a kind
    return out


def _ordered(ids: tuple[Sequence[str], Sequence[str]]) -> list[str]:
    return list(dict.fromkeys([*ids[0], *ids[1]]))


def _has(reasons: Iterable[Reason], key: str) -> bool:
    return any(r.key == key for r in reasons)


def _slot_rule(mid: str, slot: Slot, key: str) -> Condition:
    """The hard rule `key` forbids meeting `mid` on `slot`."""

    def holds(x: HardRules) -> bool:
        return _has(x.slot_reasons(x.scenario.meeting(mid), slot), key)

    return holds


def _topic_meeting_rule(tid: str, mid: str, key: str) -> Condition:
    """The hard rule `key` keeps topic `tid` from meeting `mid` on any day."""

    def holds(x: HardRules) -> bool:
        return _has(x.topic_meeting_reasons(x.scenario.topic(tid), x.scenario.meeting(mid)), key)

    return holds


def _topic_slot_rule(tid: str, mid: str, slot: Slot, key: str) -> Condition:
    """The hard rule `key` keeps topic `tid` from meeting `mid` held on `slot`."""

    def holds(x: HardRules) -> bool:
        t, m = x.scenario.topic(tid), x.scenario.meeting(mid)
        return _has(x.topic_slot_reasons(t, m, slot), key)

    return holds


class DiffExplainer:
    """Fills in the reasons of every change of a diff."""

    def __init__(
        self,
        base: Loaded,
        variant: Loaded,
        base_plan: Plan,
        variant_plan: Plan,
        causes: Sequence[Cause],
        blame: Blame,
        lang: str = "zh",
    ) -> None:
        self.rb = HardRules(base.scenario, base.rulebook, base.calendar, lang)
        self.rv = HardRules(variant.scenario, variant.rulebook, variant.calendar, lang)
        self.base_plan = base_plan
        self.variant_plan = variant_plan
        self.ref_b = reference_of(base_plan)
        self.ref_v = reference_of(variant_plan)
        self.all = list(causes)
        self.blame = blame
        self.lang = lang
        self.diff = PlanDiff()
        self._busy: set[tuple[str, str]] = set()
        self._base_meetings = {m.id for m in base.scenario.meetings}
        self._base_topics = {t.id for t in base.scenario.topics}

    # ---- entry point ----
    def explain(self, diff: PlanDiff) -> PlanDiff:
        self.diff = diff
        for change in diff.changes:
            self._reasons(change)
        return diff

    def _reasons(self, change: Change) -> list[Why]:
        key = (change.kind, change.id)
        if change.reasons or key in self._busy:
            return change.reasons
        self._busy.add(key)
        try:
            change.reasons = self._compute(change)
        finally:
            self._busy.discard(key)
        return change.reasons

    def _compute(self, c: Change) -> list[Why]:
        if c.kind == "meetings_moved":
            return self._meeting_moved(c.id, c.before, c.after)  # type: ignore[arg-type]
        if c.kind == "chairs_changed":
            return self._chair_changed(c.id, str(c.before), str(c.after))
        if c.kind in ("topics_moved", "newly_deferred"):
            return self._left(c.id, str(c.before))
        if c.kind == "newly_scheduled":
            return self._scheduled(c.id, str(c.after))
        return self._removed(c)

    # ---- helpers ----
    def _causes_of(self, subject: str, cid: str) -> list[Cause]:
        """The edits behind another change (a meeting that moved, a topic that arrived), or,
        for an entry the what-if added, the edit that added it."""
        change = self.diff.find(subject, cid)
        if change is not None:
            found: list[Cause] = []
            for w in self._reasons(change):
                found.extend(x for x in w.causes if x not in found)
            return found
        known = self._base_meetings if subject == "meeting" else self._base_topics
        if cid not in known:
            if subject == "meeting":
                return self.blame(lambda r: any(m.id == cid for m in r.scenario.meetings))
            return self.blame(lambda r: any(t.id == cid for t in r.scenario.topics))
        return []

    def _why(
        self, key: str, article: int, extra: Iterable[int], causes: Sequence[Cause], **params: Any
    ) -> Why:
        causes = list(dict.fromkeys(causes)) or self.all
        text = join([c.text(self.lang) for c in causes], self.lang, 4)
        message = render(key, self.lang, causes=text, **params)
        articles = tuple(dict.fromkeys((article, *extra)))
        return Why(article, articles, key, message, tuple(causes))

    def _slot(self, s: Slot) -> str:
        return f"{s.day.isoformat()} {render('half.' + s.half, self.lang)}"

    def _meeting_name(self, mid: str) -> str:
        for rules in (self.rv, self.rb):
            if any(m.id == mid for m in rules.scenario.meetings):
                return str(rules.meeting_name(rules.scenario.meeting(mid)))
        return mid

    def _topic_title(self, tid: str) -> str:
        for rules in (self.rv, self.rb):
            if any(t.id == tid for t in rules.scenario.topics):
                return rules.scenario.topic(tid).title
        return tid

    def _agenda(self, ref: Reference, mid: str) -> list[str]:
        return [t for t, m in ref.topic_meeting.items() if m == mid]

    def _better(self, article: int) -> list[Why]:
        """No rule forces it: the variant's plan is better overall; say which terms improved."""
        before = self.base_plan.objective_terms
        after = self.variant_plan.objective_terms
        terms = [
            f"{name} {before.get(name, 0)}→{after.get(name, 0)}"
            for name in sorted(set(before) | set(after))
            if name != "stability" and before.get(name, 0) != after.get(name, 0)
        ]
        return [
            self._why("whatif.why.better", article, (), self.all, terms=join(terms, self.lang, 4))
        ]

    # ---- meetings ----
    def _meeting_moved(self, mid: str, a: Slot | None, b: Slot | None) -> list[Why]:
        rv = self.rv
        m = rv.scenario.meeting(mid)
        art = KIND_ARTICLE[m.kind]
        out: list[Why] = []
        if a is None and mid not in self._base_meetings:  # a meeting the what-if added
            blamed = self.blame(lambda x: any(m.id == mid for m in x.scenario.meetings))
            return [self._why("whatif.why.meeting_added", art, (), blamed)]
        if a is None:  # held now, not in the base plan
            topics = self._agenda(self.ref_v, mid)
            causes: list[Cause] = []
            for tid in topics:
                causes.extend(self._causes_of("topic", tid))
            if m.optional and topics:
                titles = join([self._topic_title(t) for t in topics], self.lang, 3)
                return [self._why("whatif.why.optional_needed", 43, (), causes, topics=titles)]
            return self._better(art)
        for r in rv.slot_reasons(m, a):
            blamed = self.blame(_slot_rule(mid, a, r.key))
            out.append(
                self._why(
                    "whatif.why.slot_lost",
                    r.article,
                    r.extra_articles,
                    blamed,
                    slot=self._slot(a),
                    why=r.message(self.lang),
                )
            )
        if out:
            return out
        # Its half-day is still possible: another meeting took it, or its topics need another.
        if b is None and m.optional:
            causes = []
            for tid in self._agenda(self.ref_b, mid):
                causes.extend(self._causes_of("topic", tid))
            return [self._why("whatif.why.optional_idle", 43, (), causes)]
        mine = rv.people_in(m, a)
        others = [
            pm.id
            for pm in self.variant_plan.meetings
            if pm.id != mid
            and Slot(pm.day, pm.half) == a  # type: ignore[arg-type]
            and mine & rv.people_in(rv.scenario.meeting(pm.id), a)
        ]
        if others:
            causes = []
            for oid in others:
                causes.extend(self._causes_of("meeting", oid))
            names = join([self._meeting_name(o) for o in others], self.lang, 3)
            out.append(
                self._why(
                    "whatif.why.slot_taken", art, (), causes, slot=self._slot(a), others=names
                )
            )
        for tid in self._agenda(self.ref_v, mid):
            t = rv.scenario.topic(tid)
            for r in rv.topic_slot_reasons(t, m, a)[:1]:
                blamed = self.blame(_topic_slot_rule(tid, mid, a, r.key))
                blamed = blamed or self._causes_of("topic", tid)
                out.append(
                    self._why(
                        "whatif.why.for_topic",
                        r.article,
                        r.extra_articles,
                        blamed,
                        topic=t.title,
                        slot=self._slot(a),
                        why=r.message(self.lang),
                    )
                )
        return out or self._better(art)

    def _chair_changed(self, mid: str, c0: str, c1: str) -> list[Why]:
        rv = self.rv
        m = rv.scenario.meeting(mid)
        a, b = self.ref_b.meeting_slot[mid], self.ref_v.meeting_slot[mid]
        article = 45 if m.kind == "topic" else 6
        extra = () if m.kind == "topic" else (KIND_ARTICLE[m.kind],)
        if a != b:
            causes = self._causes_of("meeting", mid)
            return [
                self._why(
                    "whatif.why.chair_follows",
                    article,
                    extra,
                    causes,
                    slot=self._slot(b),
                    chair=rv.name(c1),
                )
            ]
        blamed = self.blame(lambda x: x.chair_of(x.scenario.meeting(mid), a) != c0)
        leave = rv.avail.leave_of(c0, a) if rv.scenario.has_person(c0) else None
        if leave is not None:
            return [
                self._why(
                    "whatif.why.chair_away",
                    article,
                    extra,
                    blamed,
                    owner=rv.name(c0),
                    reason=leave.reason or "—",
                    chair=rv.name(c1),
                )
            ]
        return [self._why("whatif.why.chair_set", article, extra, blamed, chair=rv.name(c1))]

    # ---- topics ----
    def _left(self, tid: str, m0: str) -> list[Why]:
        """Why topic `tid` no longer goes to meeting `m0`, its meeting in the base plan."""
        rv, rb = self.rv, self.rb
        if not any(m.id == m0 for m in rv.scenario.meetings):
            blamed = self.blame(lambda x: all(m.id != m0 for m in x.scenario.meetings))
            kind = rb.scenario.meeting(m0).kind
            return [
                self._why(
                    "whatif.why.meeting_removed",
                    KIND_ARTICLE[kind],
                    (),
                    blamed,
                    meeting=self._meeting_name(m0),
                )
            ]
        t, m = rv.scenario.topic(tid), rv.scenario.meeting(m0)
        art = KIND_ARTICLE[m.kind]
        out: list[Why] = []
        for r in rv.topic_meeting_reasons(t, m):
            out.append(self._rule_why(r, self.blame(_topic_meeting_rule(tid, m0, r.key))))
        if out:
            return out
        a1, b1 = self.ref_b.meeting_slot.get(m0), self.ref_v.meeting_slot.get(m0)
        if b1 is None:
            causes = self._causes_of("meeting", m0)
            return [
                self._why(
                    "whatif.why.meeting_not_held", art, (), causes, meeting=self._meeting_name(m0)
                )
            ]
        for r in rv.topic_slot_reasons(t, m, b1):
            if a1 is not None and a1 != b1 and not _has(rv.topic_slot_reasons(t, m, a1), r.key):
                out.append(
                    self._why(
                        "whatif.why.meeting_moved_away",
                        r.article,
                        r.extra_articles,
                        self._causes_of("meeting", m0),
                        meeting=self._meeting_name(m0),
                        slot=self._slot(b1),
                        why=r.message(self.lang),
                    )
                )
                continue
            out.append(self._rule_why(r, self.blame(_topic_slot_rule(tid, m0, b1, r.key))))
        if out:
            return out
        agenda = self._agenda(self.ref_v, m0)
        used = sum(rv.scenario.topic(x).minutes for x in agenda)
        if used + t.minutes > m.minutes:
            newcomers = [x for x in agenda if x not in self._agenda(self.ref_b, m0)] or agenda
            return [self._time_of(m0, newcomers, "whatif.why.capacity")]
        return self._better(art)

    def _rule_why(self, r: Reason, blamed: Sequence[Cause]) -> Why:
        """A hard rule that now keeps a topic off a meeting, blamed on the edits behind it."""
        return self._why(
            "whatif.why.topic_rule", r.article, r.extra_articles, blamed, why=r.message(self.lang)
        )

    def _time_of(self, mid: str, topics: list[str], key: str) -> Why:
        """Art. 52: a meeting's time taken (or freed) by these topics, blamed on their causes."""
        causes = []
        for x in topics:
            causes.extend(self._causes_of("topic", x))
        titles = join([self._topic_title(x) for x in topics], self.lang, 3)
        return self._why(key, 52, (), causes, meeting=self._meeting_name(mid), others=titles)

    def _scheduled(self, tid: str, m1: str) -> list[Why]:
        """Why topic `tid`, deferred in the base plan (or new), now goes to meeting `m1`."""
        rv, rb = self.rv, self.rb
        m = rv.scenario.meeting(m1)
        art = KIND_ARTICLE[m.kind]
        if tid not in self._base_topics:
            blamed = self.blame(lambda x: any(t.id == tid for t in x.scenario.topics))
            return [
                self._why("whatif.why.topic_added", art, (), blamed, meeting=self._meeting_name(m1))
            ]
        b = self.ref_v.meeting_slot[m1]
        out: list[Why] = []
        if m1 not in self._base_meetings:
            causes = self._causes_of("meeting", m1)
            return [
                self._why("whatif.why.now_held", art, (), causes, meeting=self._meeting_name(m1))
            ]
        tb, mb = rb.scenario.topic(tid), rb.scenario.meeting(m1)
        now = [
            *rv.topic_meeting_reasons(rv.scenario.topic(tid), m),
            *rv.topic_slot_reasons(rv.scenario.topic(tid), m, b),
        ]
        for r in [*rb.topic_meeting_reasons(tb, mb), *rb.topic_slot_reasons(tb, mb, b)]:
            if _has(now, r.key):
                continue

            def lifted(x: HardRules, r: Reason = r) -> bool:
                xt, xm = x.scenario.topic(tid), x.scenario.meeting(m1)
                return not _has(
                    [*x.topic_meeting_reasons(xt, xm), *x.topic_slot_reasons(xt, xm, b)], r.key
                )

            out.append(
                self._why(
                    "whatif.why.lifted",
                    r.article,
                    r.extra_articles,
                    self.blame(lifted),
                    why=r.message(self.lang),
                )
            )
        if out:
            return out
        a = self.ref_b.meeting_slot.get(m1)
        if a is None:
            causes = self._causes_of("meeting", m1)
            return [
                self._why("whatif.why.now_held", art, (), causes, meeting=self._meeting_name(m1))
            ]
        if a != b and rb.topic_slot_reasons(tb, mb, a):
            causes = self._causes_of("meeting", m1)
            return [
                self._why(
                    "whatif.why.follows_meeting",
                    art,
                    (),
                    causes,
                    meeting=self._meeting_name(m1),
                    slot=self._slot(b),
                )
            ]
        gone = [x for x in self._agenda(self.ref_b, m1) if x not in self._agenda(self.ref_v, m1)]
        if gone:
            return [self._time_of(m1, gone, "whatif.why.room_freed")]
        return self._better(art)

    def _removed(self, c: Change) -> list[Why]:
        if c.subject == "meeting":
            blamed = self.blame(lambda x: all(m.id != c.id for m in x.scenario.meetings))
            kind = self.rb.scenario.meeting(c.id).kind
        else:
            blamed = self.blame(lambda x: all(t.id != c.id for t in x.scenario.topics))
            kind = self.rb.scenario.meeting(str(c.before)).kind
        return [self._why("whatif.why.removed", KIND_ARTICLE[kind], (), blamed)]


def explain_diff(
    base: Loaded,
    variant: Loaded,
    base_plan: Plan,
    variant_plan: Plan,
    causes: Sequence[Cause],
    blame: Blame,
    lang: str = "zh",
) -> PlanDiff:
    """Compare the plans and give every change its reasons."""
    diff = compare(
        reference_of(base_plan),
        reference_of(variant_plan),
        ([m.id for m in base.scenario.meetings], [m.id for m in variant.scenario.meetings]),
        ([t.id for t in base.scenario.topics], [t.id for t in variant.scenario.topics]),
    )
    return DiffExplainer(base, variant, base_plan, variant_plan, causes, blame, lang).explain(diff)
