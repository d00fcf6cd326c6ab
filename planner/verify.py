"""Check any plan (solver-made, hand-made or edited) against every hard rule.

Shares the rule definitions with the solver (`planner.hard_rules`) but not the solver: it
reads the plan's meetings and agendas and asks each rule whether it holds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.hard_rules import KIND_ARTICLE, HardRules
from planner.model import Slot
from planner.reasons import Listing, Reason, Term
from planner.scenario import Loaded


class PlanFormatError(ValueError):
    """The plan file is not shaped like plan.json."""

    def __init__(self, place: str, problem: str) -> None:
        super().__init__(f"{place}: {problem}")
        self.place = place
        self.problem = problem


def _require(cond: bool, place: str, problem: str) -> None:
    if not cond:
        raise PlanFormatError(place, problem)


def verify_plan(loaded: Loaded, plan: dict[str, Any], lang: str = "zh") -> list[Reason]:
    """Every hard-rule violation in `plan` (a plan.json document), each with its article."""
    _require(isinstance(plan, dict), "", "expected a JSON object")
    meetings = plan.get("meetings", [])
    topics = plan.get("topics", [])
    _require(isinstance(meetings, list), "meetings", "expected a list")
    _require(isinstance(topics, list), "topics", "expected a list")
    rules = HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, lang)
    scenario = loaded.scenario
    known_meetings = {m.id for m in scenario.meetings}
    known_topics = {t.id for t in scenario.topics}
    out: list[Reason] = []
    slots: dict[str, Slot] = {}
    agendas: dict[str, list[str]] = {}
    for i, pm in enumerate(meetings):
        _require(
            isinstance(pm, dict) and isinstance(pm.get("id"), str),
            f"meetings[{i}]",
            "expected an object with an id",
        )
        mid = pm["id"]
        if mid not in known_meetings:
            out.append(Reason.of(45, "verify.unknown_meeting", subject=mid, value=mid))
            continue
        m = scenario.meeting(mid)
        try:
            day = date.fromisoformat(str(pm.get("date")))
            half = pm.get("half")
            if half not in ("am", "pm"):
                raise ValueError(half)
        except ValueError:
            out.append(Reason.of(KIND_ARTICLE[m.kind], "verify.bad_date", subject=mid, meeting=mid))
            continue
        slot = Slot(day, half)
        slots[mid] = slot
        agenda = pm.get("agenda", [])
        _require(isinstance(agenda, list), f"meetings[{i}].agenda", "expected a list")
        agendas[mid] = [str(x) for x in agenda]
        out.extend(_meeting_violations(rules, mid, slot, pm))
    out.extend(_agenda_violations(rules, slots, agendas, topics, known_topics))
    if scenario.rooms:
        out.extend(_room_violations(rules, slots, agendas, meetings))
    else:
        out.extend(_one_place_violations(rules, slots, agendas))
    return out


def _clock(value: Any) -> int | None:
    try:
        h, m = str(value).split(":")
        return int(h) * 60 + int(m)
    except ValueError:
        return None


def _room_violations(
    rules: HardRules,
    slots: dict[str, Slot],
    agendas: dict[str, list[str]],
    meetings: list[dict[str, Any]],
) -> list[Reason]:
    """With rooms: each meeting on the grid inside its half-day, in a room that seats
    everyone; no room and nobody required in two meetings whose times overlap."""
    scenario = rules.scenario
    rooms = {r.id: r for r in scenario.rooms}
    grain = scenario.calendar.grain_minutes
    out: list[Reason] = []
    spans: dict[str, tuple[Slot, int, int, str, set[str]]] = {}
    for pm in meetings:
        mid = pm.get("id")
        if mid not in slots:
            continue
        m, slot = scenario.meeting(mid), slots[mid]
        art = KIND_ARTICLE[m.kind]
        first, last = (_clock(x) for x in scenario.calendar.hours.of(slot.half))
        start, end = _clock(pm.get("start")), _clock(pm.get("end"))
        room = pm.get("room")
        if start is None or end is None or first is None or last is None:
            out.append(Reason.of(art, "verify.bad_time", subject=mid, meeting=mid))
            continue
        if (start - first) % grain or start < first or end > last or end - start != m.minutes:
            out.append(
                Reason.of(
                    art,
                    "verify.off_grid",
                    subject=mid,
                    meeting=mid,
                    start=pm.get("start"),
                    end=pm.get("end"),
                    grain=grain,
                )
            )
        joined = {
            p
            for tid in agendas.get(mid, [])
            if tid in {t.id for t in scenario.topics}
            and (p := rules.presenter(scenario.topic(tid), slot)) is not None
        }
        if room not in rooms:
            out.append(Reason.of(art, "verify.unknown_room", subject=mid, meeting=mid, room=room))
            continue
        need = rules.seats(m, slot, joined)
        if need > rooms[room].capacity:
            out.append(
                Reason.of(
                    art,
                    "verify.room_too_small",
                    subject=mid,
                    meeting=mid,
                    room=rooms[room].name,
                    need=need,
                    capacity=rooms[room].capacity,
                )
            )
        spans[mid] = (slot, start, end, room, rules.people_in(m, slot) | joined)
    ordered = sorted(spans)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            sa, sb = spans[a], spans[b]
            if sa[0] != sb[0] or sa[2] <= sb[1] or sb[2] <= sa[1]:
                continue
            art = KIND_ARTICLE[scenario.meeting(a).kind]
            if sa[3] == sb[3]:
                out.append(
                    Reason.of(
                        art,
                        "verify.room_twice",
                        subject=a,
                        room=rooms[sa[3]].name,
                        meetings=Listing((a, b)),
                    )
                )
            for person in sorted(sa[4] & sb[4]):
                out.append(
                    Reason.of(
                        art,
                        "verify.double_booked",
                        subject=person,
                        person=rules.name(person),
                        date=sa[0].day.isoformat(),
                        half=rules.half(sa[0]),
                        meetings=Listing((a, b)),
                    )
                )
    return out


def _meeting_violations(rules: HardRules, mid: str, slot: Slot, pm: dict[str, Any]) -> list[Reason]:
    m = rules.scenario.meeting(mid)
    out: list[Reason] = []
    if not (rules.scenario.start <= slot.day <= rules.scenario.end):
        out.append(
            Reason.of(
                KIND_ARTICLE[m.kind],
                "verify.slot",
                subject=mid,
                meeting=mid,
                date=slot.day.isoformat(),
                half=rules.half(slot),
                problem=Term("ref.fixed_outside", (("date", slot.day.isoformat()),)),
            )
        )
        return out
    for r in rules.slot_reasons(m, slot):
        out.append(
            Reason(
                r.article,
                "verify.slot",
                tuple(
                    sorted(
                        {
                            "meeting": mid,
                            "date": slot.day.isoformat(),
                            "half": rules.half(slot),
                            "problem": r.message(rules.lang),
                        }.items()
                    )
                ),
                mid,
                r.extra_articles,
            )
        )
    expected = rules.chair_of(m, slot)
    actual = pm.get("chair")
    if expected is not None and actual is not None and actual != expected:
        out.append(
            Reason.of(
                6 if m.kind != "topic" else 45,
                "verify.wrong_chair",
                subject=mid,
                meeting=mid,
                expected=rules.name(expected),
                actual=rules.name(str(actual)),
            )
        )
    return out


def _agenda_violations(
    rules: HardRules,
    slots: dict[str, Slot],
    agendas: dict[str, list[str]],
    topics: list[Any],
    known_topics: set[str],
) -> list[Reason]:
    scenario = rules.scenario
    out: list[Reason] = []
    seen: dict[str, str] = {}
    for mid, items in agendas.items():
        m = scenario.meeting(mid)
        slot = slots[mid]
        minutes = 0
        for tid in items:
            if tid not in known_topics:
                out.append(Reason.of(45, "verify.unknown_topic", subject=tid, value=tid))
                continue
            if tid in seen:
                out.append(
                    Reason.of(KIND_ARTICLE[m.kind], "verify.topic_twice", subject=tid, topic=tid)
                )
                continue
            seen[tid] = mid
            t = scenario.topic(tid)
            minutes += t.minutes
            problems = rules.topic_meeting_reasons(t, m) + rules.topic_slot_reasons(t, m, slot)
            for r in problems:
                out.append(
                    Reason(
                        r.article,
                        "verify.topic_blocked",
                        tuple(
                            sorted(
                                {
                                    "topic": tid,
                                    "meeting": mid,
                                    "problem": r.message(rules.lang),
                                }.items()
                            )
                        ),
                        tid,
                        r.extra_articles,
                    )
                )
        if minutes > m.minutes:
            out.append(
                Reason.of(
                    52,
                    "verify.over_time",
                    subject=mid,
                    meeting=mid,
                    minutes=minutes,
                    limit=m.minutes,
                )
            )
        if m.optional and not any(
            tid in known_topics and rules.is_urgent(scenario.topic(tid)) for tid in items
        ):
            out.append(Reason.of(43, "verify.optional_without_urgent", subject=mid, meeting=mid))
    for i, pt in enumerate(topics):
        _require(
            isinstance(pt, dict) and isinstance(pt.get("id"), str),
            f"topics[{i}]",
            "expected an object with an id",
        )
        tid, mid = pt["id"], pt.get("meeting")
        if tid not in known_topics:
            out.append(Reason.of(45, "verify.unknown_topic", subject=tid, value=tid))
            continue
        if seen.get(tid) != mid and (mid is not None or tid in seen):
            out.append(
                Reason.of(
                    45,
                    "verify.topic_not_listed",
                    subject=tid,
                    meeting=str(mid if mid is not None else seen[tid]),
                    topic=tid,
                )
            )
        if mid is not None and mid in slots and pt.get("presenter") is not None:
            expected = rules.presenter(scenario.topic(tid), slots[mid])
            if expected != pt["presenter"]:
                out.append(
                    Reason.of(
                        8,
                        "verify.wrong_presenter",
                        subject=tid,
                        topic=tid,
                        expected=rules.name(expected),
                        actual=rules.name(str(pt["presenter"])),
                    )
                )
    return out


def _one_place_violations(
    rules: HardRules, slots: dict[str, Slot], agendas: dict[str, list[str]]
) -> list[Reason]:
    """Nobody is in two meetings on the same half-day."""
    scenario = rules.scenario
    where: dict[tuple[Slot, str], list[str]] = {}
    known = {t.id for t in scenario.topics}
    for mid, slot in slots.items():
        m = scenario.meeting(mid)
        people = set(rules.people_in(m, slot))
        if m.kind == "topic":
            for tid in agendas.get(mid, []):
                if tid in known:
                    presenter = rules.presenter(scenario.topic(tid), slot)
                    if presenter:
                        people.add(presenter)
        for p in people:
            where.setdefault((slot, p), []).append(mid)
    out: list[Reason] = []
    for (slot, person), mids in sorted(where.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if len(mids) > 1:
            kind = scenario.meeting(mids[0]).kind
            out.append(
                Reason.of(
                    KIND_ARTICLE[kind],
                    "verify.double_booked",
                    subject=person,
                    person=rules.name(person),
                    date=slot.day.isoformat(),
                    half=rules.half(slot),
                    meetings=Listing(tuple(sorted(mids))),
                )
            )
    return out
