"""Why: computed reasons for every unscheduled meeting and deferred topic, and warnings.

Reasons are derived from what actually blocked each candidate: the hard rule that ruled out
each half-day or meeting (from `candidates`), or, for what the search left out, the
meeting's state in the plan (not held, held on a day the topic cannot make, its time taken
by higher-priority topics, the presenter at another meeting).
"""

from __future__ import annotations

from planner.hard_rules import KIND_ARTICLE, HardRules, kind_article
from planner.model import Slot
from planner.plan import Plan, PlannedTopic, Unscheduled
from planner.reasons import Concat, Listing, Reason, Term
from planner.scenario import Loaded
from planner.schedule.candidates import Candidates
from planner.schedule.objective import cadence_due


def explain(
    plan: Plan,
    loaded: Loaded,
    rules: HardRules,
    cands: Candidates,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    placed: dict[str, PlannedTopic],
    lang: str,
) -> None:
    scenario = loaded.scenario
    for m in scenario.meetings:
        if m.id not in chosen:
            plan.unscheduled.append(
                Unscheduled(m.id, tuple(meeting_reasons(m.id, rules, cands, chosen, lang)))
            )
    for t in scenario.topics:
        if t.id in placed:
            plan.topics.append(placed[t.id])
        else:
            reasons = topic_reasons(t.id, rules, cands, chosen, agenda, lang)
            plan.topics.append(PlannedTopic(t.id, None, reasons=tuple(reasons)))
    plan.warnings.extend(warnings(plan, loaded, rules, chosen, agenda, lang))


def _summarise(rejects: dict[Slot, list[Reason]], lang: str) -> list[Reason]:
    """One reason per distinct rule, with how many half-days it ruled out and which."""
    groups: dict[str, list[tuple[Slot, Reason]]] = {}
    for slot in sorted(rejects):
        for r in rejects[slot][:1]:
            groups.setdefault(r.key, []).append((slot, r))
    out: list[Reason] = []
    for items in groups.values():
        first = items[0][1]
        out.append(
            Reason(
                first.article,
                "meeting.count",
                (("count", len(items)), ("what", first)),
                None,
                first.extra_articles,
            )
        )
    return out


def meeting_reasons(
    mid: str, rules: HardRules, cands: Candidates, chosen: dict[str, Slot], lang: str
) -> list[Reason]:
    """Why meeting `mid` is not held."""
    m = rules.scenario.meeting(mid)
    ok = cands.meeting_slots[mid]
    if m.optional and ok:
        return [Reason.of(43, "meeting.optional_not_needed")]
    if not ok:
        if not cands.slot_rejects[mid]:
            start, end = rules.window(m)
            return [
                Reason.of(
                    KIND_ARTICLE[m.kind],
                    "meeting.no_slot",
                    summary=Reason.of(
                        KIND_ARTICLE[m.kind],
                        "slot.outside_window",
                        start=start.isoformat(),
                        end=end.isoformat(),
                    ),
                )
            ]
        return _summarise(cands.slot_rejects[mid], lang)
    others: list[str | Concat] = []
    for s in ok:
        mine = cands.people[mid][s]
        for other, oslot in chosen.items():
            if oslot == s and mine & cands.people[other][oslot]:
                name = rules.meeting_name(rules.scenario.meeting(other))
                if name not in others:
                    others.append(name)
    return [
        Reason.of(
            KIND_ARTICLE[m.kind],
            "meeting.crowded",
            slots=Listing(tuple(rules.when(s) for s in ok)),
            others=Listing(tuple(others)),
        )
    ]


def _closest(rejects: dict[Slot, list[Reason]]) -> list[Reason]:
    """The reasons that blocked the candidate half-day closest to being possible: the one
    blocked by the fewest rules; among those, the earliest if a deadline blocks it (the
    deadline was missed by the least), else the latest (materials were late by the least)."""
    fewest = min(len(r) for r in rejects.values())
    closest = sorted(s for s, r in rejects.items() if len(r) == fewest)
    deadline = any(r.key == "topic.after_deadline" for r in rejects[closest[0]])
    return rejects[closest[0] if deadline else closest[-1]]


def topic_reasons(
    tid: str,
    rules: HardRules,
    cands: Candidates,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    lang: str,
) -> list[Reason]:
    """Why topic `tid` is deferred: one reason per meeting of its kind that could not take it."""
    scenario = rules.scenario
    t = scenario.topic(tid)
    out: list[Reason] = []
    candidates = [m for m in scenario.meetings if m.kind == t.decided_by]
    if not candidates:
        return [
            Reason.of(
                kind_article(t.decided_by),
                "topic.no_meeting_of_kind",
                kind=Term(f"kind.{t.decided_by}"),
            )
        ]
    for m in candidates:
        static = cands.topic_meeting_rejects[tid].get(m.id)
        if static:
            out.extend(static)
            continue
        name = rules.meeting_name(m)
        allowed = cands.topic_slots[tid].get(m.id, [])
        held = chosen.get(m.id)
        if not allowed:
            rejects = cands.topic_slot_rejects[tid].get(m.id, {})
            if rejects:
                out.extend(_closest(rejects))
            else:
                out.append(Reason.of(KIND_ARTICLE[m.kind], "topic.meeting_not_held", meeting=name))
            continue
        if held is None:
            out.append(Reason.of(KIND_ARTICLE[m.kind], "topic.meeting_not_held", meeting=name))
            continue
        if held not in allowed:
            out.extend(cands.topic_slot_rejects[tid][m.id].get(held, []))
            continue
        items = agenda.get(m.id, [])
        used = sum(scenario.topic(x).minutes for x in items)
        if used + t.minutes > m.minutes:
            rivals = [
                scenario.topic(x) for x in items if scenario.topic(x).priority >= t.priority
            ] or [scenario.topic(x) for x in items]
            out.append(
                Reason.of(
                    52,
                    "topic.capacity",
                    meeting=name,
                    others=Listing(
                        tuple(
                            Term("word.titled_priority", (("title", r.title), ("p", r.priority)))
                            for r in rivals
                        ),
                        4,
                    ),
                )
            )
            continue
        presenter = rules.presenter(t, held)
        busy = [
            other
            for other, oslot in chosen.items()
            if other != m.id and oslot == held and presenter in cands.people[other][oslot]
        ]
        if busy:
            out.append(
                Reason.of(
                    KIND_ARTICLE[m.kind],
                    "topic.person_conflict",
                    meeting=name,
                    vice_mayor=rules.name(presenter),
                )
            )
            continue
        out.append(Reason.of(KIND_ARTICLE[m.kind], "topic.not_placed", meetings=name))
    unique: list[Reason] = []
    for r in out:
        if all((r.key, r.params) != (u.key, u.params) for u in unique):
            unique.append(r)
    return unique


def warnings(
    plan: Plan,
    loaded: Loaded,
    rules: HardRules,
    chosen: dict[str, Slot],
    agenda: dict[str, list[str]],
    lang: str,
) -> list[Reason]:
    scenario = loaded.scenario
    out: list[Reason] = []
    for p in loaded.warnings:
        out.append(Reason(p.article or 0, p.key, p.params, p.subject or _place(p.place)))
    for pt in plan.topics:
        t = scenario.topic(pt.id)
        if pt.meeting is not None and t.lead_time_waived:
            m = scenario.meeting(pt.meeting)
            if m.kind in ("plenary", "executive"):
                out.append(
                    Reason.of(
                        47,
                        "warn.lead_time_waived",
                        subject=t.id,
                        title=t.title,
                        reason=t.lead_time_waived,
                    )
                )
        if pt.meeting is None and t.deadline is not None and t.deadline <= scenario.end:
            out.append(
                Reason.of(
                    KIND_ARTICLE[t.decided_by],
                    "warn.deadline_missed",
                    subject=t.id,
                    title=t.title,
                    deadline=t.deadline.isoformat(),
                )
            )
    for pm in plan.meetings:
        m = scenario.meeting(pm.id)
        if m.optional:
            titles = [
                scenario.topic(x).title for x in pm.agenda if rules.is_urgent(scenario.topic(x))
            ]
            out.append(
                Reason.of(
                    43,
                    "warn.optional_held",
                    subject=m.id,
                    meeting=rules.meeting_name(m),
                    topics=Listing(tuple(titles), 3),
                )
            )
        if not pm.agenda and m.kind != "topic":
            out.append(
                Reason.of(52, "warn.empty_agenda", subject=m.id, meeting=rules.meeting_name(m))
            )
        slot = Slot(pm.day, pm.half)  # type: ignore[arg-type]
        for d in pm.attending:
            head = scenario.head_of(d)
            if head is not None and not rules.avail.present(head.id, slot):
                out.append(
                    Reason.of(
                        KIND_ARTICLE[m.kind],
                        "warn.attending_head_absent",
                        subject=m.id,
                        meeting=rules.meeting_name(m),
                        department=scenario.department(d).name,
                    )
                )
        for a in pm.absent:
            person = scenario.person(a.person)
            if person.is_leader and a.stand_in is None:
                out.append(
                    Reason.of(
                        8,
                        "warn.chain_nobody",
                        subject=m.id,
                        date=pm.day.isoformat(),
                        half=Term(f"half.{pm.half}"),
                        person=person.name,
                    )
                )
    out.extend(_cadence(plan, rules, lang))
    return out


def _cadence(plan: Plan, rules: HardRules, lang: str) -> list[Reason]:
    """Art. 43 (6): warn when work safety or ecology is due and not planned in time."""
    scenario = rules.scenario
    out: list[Reason] = []
    for key, (due, by) in cadence_due(scenario, rules.rulebook).items():
        met = any(
            pm.kind == "executive"
            and pm.day <= by
            and any(scenario.topic(x).category == key for x in pm.agenda)
            for pm in plan.meetings
        )
        if not met:
            last = scenario.history_date(key)
            out.append(
                Reason.of(
                    43,
                    "warn.cadence_missed",
                    subject=key,
                    what=Term(f"category.{key}"),
                    last=last.isoformat() if last else "—",
                    due=due.isoformat(),
                )
            )
    return out


def _place(place: tuple[object, ...]) -> str:
    from planner.yamlio import format_place

    return format_place(place)  # type: ignore[arg-type]
