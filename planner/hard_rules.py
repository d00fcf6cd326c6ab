"""The hard rules, one function each, shared by the solver (to filter what it may choose)
and by `planner verify` (to check any plan). Each returns None when the rule holds, or the
`Reason` it is broken, citing its article.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from planner.availability import Availability
from planner.model import Meeting, Scenario, Slot, Topic
from planner.reasons import Concat, Listing, Reason, Term
from planner.rules import Rulebook
from planner.workdays import WorkCalendar

KIND_ARTICLE = {"plenary": 42, "executive": 43, "mayor_office": 44, "topic": 45}
REVIEW_ARTICLE = {
    "legality": 19,
    "public_participation": 24,
    "expert": 24,
    "risk_assessment": 24,
    "fair_competition": 26,
    "stability_risk": 26,
}
DELIBERATIVE = ("plenary", "executive")


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def kind_article(kind: str) -> int:
    """The article a topic cites when no meeting of its kind can take it: 25 for plenary
    and executive meetings, 44 for mayor's office meetings, 45 for topic meetings."""
    return 25 if kind in DELIBERATIVE else KIND_ARTICLE[kind]


class HardRules:
    """The rulebook's hard rules evaluated against one scenario."""

    def __init__(
        self,
        scenario: Scenario,
        rulebook: Rulebook,
        calendar: WorkCalendar,
        lang: str = "zh",
    ) -> None:
        self.scenario = scenario
        self.rulebook = rulebook
        self.calendar = calendar
        self.avail = Availability(scenario, calendar)
        self.lang = lang

    # ---- naming helpers (for message parameters) ----
    def name(self, pid: str | None) -> str | Term:
        if pid is None:
            return Term("word.nobody")
        return self.scenario.person(pid).name if self.scenario.has_person(pid) else pid

    def meeting_name(self, m: Meeting) -> str | Concat:
        return m.title or Concat((Term(f"kind.{m.kind}"), " ", m.id))

    def half(self, slot: Slot) -> Term:
        return Term(f"half.{slot.half}")

    def when(self, slot: Slot) -> Concat:
        return Concat((slot.day.isoformat(), " ", Term(f"half.{slot.half}")))

    @cached_property
    def slots(self) -> list[Slot]:
        return self.avail.slots()

    # ---- a meeting on a half-day ----
    def meeting_on_workday(self, m: Meeting, slot: Slot) -> Reason | None:
        """Meetings fall on working days only (statutory holidays, 调休 and days_off applied)."""
        if self.calendar.is_workday(slot.day):
            return None
        return Reason.of(KIND_ARTICLE[m.kind], "slot.not_workday", date=slot.day.isoformat())

    def meeting_not_blocked(self, m: Meeting, slot: Slot) -> Reason | None:
        """A blocked half-day takes all leaders: no meeting of any kind is held then."""
        reason = self.avail.blocked(slot)
        if reason is None:
            return None
        return Reason.of(
            KIND_ARTICLE[m.kind],
            "slot.blocked",
            date=slot.day.isoformat(),
            half=self.half(slot),
            reason=reason,
        )

    def meeting_in_window(self, m: Meeting, slot: Slot) -> Reason | None:
        """A meeting is held inside its window, or on its fixed half-day."""
        if m.fixed is not None and slot != m.fixed:
            return Reason.of(
                KIND_ARTICLE[m.kind],
                "slot.outside_window",
                start=self.when(m.fixed),
                end=self.when(m.fixed),
            )
        start, end = self.window(m)
        if start <= slot.day <= end:
            return None
        return Reason.of(
            KIND_ARTICLE[m.kind],
            "slot.outside_window",
            start=start.isoformat(),
            end=end.isoformat(),
        )

    def window(self, m: Meeting) -> tuple[date, date]:
        if m.window is None:
            return self.scenario.start, self.scenario.end
        return max(m.window.start, self.scenario.start), min(m.window.end, self.scenario.end)

    def meeting_has_chair(self, m: Meeting, slot: Slot) -> Reason | None:
        """Art. 6, 43, 44: the mayor chairs, else the executive vice-mayor; a topic meeting's
        named chair must be present (Art. 45)."""
        if m.kind == "topic":
            if m.chair is not None and self.avail.present(m.chair, slot):
                return None
            return Reason.of(45, "slot.chair_away", chair=self.name(m.chair))
        if self.avail.chair(slot) is not None:
            return None
        article = 44 if m.kind == "mayor_office" else 43 if m.kind == "executive" else 42
        reason = Reason.of(6, "slot.no_chair")
        return Reason(reason.article, reason.key, reason.params, None, (article,))

    def executive_has_quorum(self, m: Meeting, slot: Slot) -> Reason | None:
        """Art. 43: an executive meeting needs more than quorum_fraction of its members."""
        if m.kind != "executive":
            return None
        members = self.avail.members()
        present = sum(1 for p in members if self.avail.present(p, slot))
        if present > self.rulebook.quorum_fraction * len(members):
            return None
        return Reason.of(43, "slot.no_quorum", present=present, members=len(members))

    def required_attendees_present(self, m: Meeting, slot: Slot) -> Reason | None:
        """Art. 45: a topic meeting's required attendees must be present."""
        away = [a for a in m.attendees if not self.avail.present(a, slot)]
        if not away:
            return None
        return Reason.of(
            KIND_ARTICLE[m.kind],
            "slot.required_absent",
            people=Listing(tuple(self.name(a) for a in away)),
        )

    # ---- rooms and times of day (only when the scenario has rooms) ----
    def half_day_minutes(self, slot: Slot) -> int:
        start, end = self.scenario.calendar.hours.of(slot.half)
        return _minutes(end) - _minutes(start)

    def half_day_grains(self, slot: Slot) -> int:
        return self.half_day_minutes(slot) // self.scenario.calendar.grain_minutes

    def grains(self, m: Meeting) -> int:
        """The meeting's length in grains (rounded up to the grid)."""
        grain = self.scenario.calendar.grain_minutes
        return -(-m.minutes // grain)

    def seats(self, m: Meeting, slot: Slot, presenters: set[str] | None = None) -> int:
        """Everyone who attends: members present, chair, presenters, attendees and optional
        attendees present."""
        people = self.people_in(m, slot) | (presenters or set())
        people |= {a for a in m.optional_attendees if self.avail.present(a, slot)}
        return len(people)

    def meeting_fits_half_day(self, m: Meeting, slot: Slot) -> Reason | None:
        """With rooms: a meeting never crosses the end of a half-day."""
        if not self.scenario.rooms:
            return None
        if self.grains(m) <= self.half_day_grains(slot):
            return None
        return Reason.of(
            KIND_ARTICLE[m.kind],
            "slot.too_long",
            minutes=m.minutes,
            when=self.when(slot),
            limit=self.half_day_minutes(slot),
        )

    def room_large_enough(self, m: Meeting, slot: Slot) -> Reason | None:
        """With rooms: some room seats everyone who attends."""
        if not self.scenario.rooms:
            return None
        need = self.seats(m, slot)
        largest = max(r.capacity for r in self.scenario.rooms)
        if need <= largest:
            return None
        return Reason.of(KIND_ARTICLE[m.kind], "slot.no_room", need=need, largest=largest)

    MEETING_SLOT_RULES: tuple[str, ...] = (
        "meeting_on_workday",
        "meeting_not_blocked",
        "meeting_in_window",
        "meeting_has_chair",
        "executive_has_quorum",
        "required_attendees_present",
        "meeting_fits_half_day",
        "room_large_enough",
    )

    def slot_reasons(self, m: Meeting, slot: Slot) -> list[Reason]:
        """Every hard rule that forbids meeting `m` on `slot`."""
        out: list[Reason] = []
        for rule in self.MEETING_SLOT_RULES:
            check: Callable[[Meeting, Slot], Reason | None] = getattr(self, rule)
            reason = check(m, slot)
            if reason is not None:
                out.append(reason)
        return out

    # ---- who is in a meeting ----
    def chair_of(self, m: Meeting, slot: Slot) -> str | None:
        if m.kind == "topic":
            return m.chair
        return self.avail.chair(slot)

    def people_in(self, m: Meeting, slot: Slot) -> set[str]:
        """Everyone whose presence the meeting takes on that half-day (one place at a time)."""
        out: set[str] = set()
        chair = self.chair_of(m, slot)
        if chair:
            out.add(chair)
        if m.kind in ("plenary", "executive", "mayor_office"):
            out.update(p for p in self.avail.members() if self.avail.present(p, slot))
            out.update(
                p.id
                for p in self.scenario.people
                if p.role == "office_director" and self.avail.present(p.id, slot)
            )
        if m.kind == "plenary":
            out.update(
                p.id
                for p in self.scenario.people
                if p.role == "department_head" and self.avail.present(p.id, slot)
            )
        out.update(a for a in m.attendees if self.avail.present(a, slot))
        return out

    # ---- a topic at a meeting ----
    def topic_kind_matches(self, t: Topic, m: Meeting) -> Reason | None:
        """Art. 25, 45: a topic goes only to a meeting of its decided_by kind."""
        if m.kind == t.decided_by:
            return None
        return Reason.of(
            kind_article(t.decided_by),
            "topic.no_meeting_of_kind",
            kind=Term(f"kind.{t.decided_by}"),
        )

    def topic_meeting_chaired_by_portfolio(self, t: Topic, m: Meeting) -> Reason | None:
        """Art. 45: a topic meeting takes topics of its chair's portfolio (or the mayor's)."""
        if m.kind != "topic":
            return None
        mayor = self.scenario.mayor
        if m.chair == t.vice_mayor or (mayor is not None and m.chair == mayor.id):
            return None
        return Reason.of(
            45,
            "topic.chair_mismatch",
            meeting=self.meeting_name(m),
            vice_mayor=self.name(t.vice_mayor),
        )

    def topic_fits_meeting(self, t: Topic, m: Meeting) -> Reason | None:
        """Art. 52: the agenda's minutes fit the meeting's length (a single topic too)."""
        if t.minutes <= m.minutes:
            return None
        return Reason.of(
            52, "topic.too_long", minutes=t.minutes, meeting=self.meeting_name(m), limit=m.minutes
        )

    def required_reviews(self, t: Topic) -> list[str]:
        """Reviews by category and flags (Art. 19, 24, 26)."""
        out: list[str] = []
        if t.category == "normative":
            out.append("legality")
        if t.category == "major_decision":
            out += ["public_participation", "expert", "risk_assessment", "legality"]
        if t.market_entities:
            out.append("fair_competition")
        if t.public_interest:
            out.append("stability_risk")
        return list(dict.fromkeys(out))

    def topic_reviews_done(self, t: Topic, m: Meeting) -> Reason | None:
        """Art. 19, 24, 26, 46: required reviews finished by the materials date (plenary and
        executive meetings)."""
        if m.kind not in DELIBERATIVE:
            return None
        for review in self.required_reviews(t):
            finished = t.review_date(review)
            label = Term(f"review.{review}")
            if finished is None:
                return Reason(
                    REVIEW_ARTICLE[review],
                    "topic.review_missing",
                    (("review", label),),
                    None,
                    (46,),
                )
            if t.materials is not None and finished > t.materials:
                return Reason(
                    REVIEW_ARTICLE[review],
                    "topic.review_late",
                    tuple(
                        sorted(
                            {
                                "review": label,
                                "finished": finished.isoformat(),
                                "materials": t.materials.isoformat(),
                            }.items()
                        )
                    ),
                    None,
                    (46,),
                )
        return None

    TOPIC_MEETING_RULES: tuple[str, ...] = (
        "topic_kind_matches",
        "topic_meeting_chaired_by_portfolio",
        "topic_fits_meeting",
        "topic_reviews_done",
    )

    def topic_meeting_reasons(self, t: Topic, m: Meeting) -> list[Reason]:
        out: list[Reason] = []
        for rule in self.TOPIC_MEETING_RULES:
            check: Callable[[Topic, Meeting], Reason | None] = getattr(self, rule)
            reason = check(t, m)
            if reason is not None:
                out.append(reason)
        return out

    # ---- a topic at a meeting on a half-day ----
    def materials_due(self, day: date) -> date:
        """The working day materials_lead_workdays working days before the meeting day."""
        return self.calendar.add_workdays(day, -self.rulebook.materials_lead_workdays)

    def topic_materials_on_time(self, t: Topic, m: Meeting, slot: Slot) -> Reason | None:
        """Art. 47: materials reach the office lead-time working days before a plenary or
        executive meeting, unless waived."""
        if m.kind not in DELIBERATIVE:
            return None
        if t.materials is None:
            return Reason.of(47, "topic.materials_missing")
        # A waiver drops the lead time, not the materials: they arrive by the meeting day.
        due = slot.day if t.lead_time_waived else self.materials_due(slot.day)
        if t.materials <= due:
            return None
        return Reason.of(
            47,
            "topic.materials_late",
            materials=t.materials.isoformat(),
            meeting=self.meeting_name(m),
            when=self.when(slot),
            due=due.isoformat(),
            days=0 if t.lead_time_waived else self.rulebook.materials_lead_workdays,
        )

    def topic_before_deadline(self, t: Topic, m: Meeting, slot: Slot) -> Reason | None:
        """A topic is decided on or before its deadline (article of its meeting kind)."""
        if t.deadline is None or slot.day <= t.deadline:
            return None
        return Reason.of(
            KIND_ARTICLE[m.kind],
            "topic.after_deadline",
            meeting=self.meeting_name(m),
            earliest=slot.day.isoformat(),
            deadline=t.deadline.isoformat(),
        )

    def topic_has_presenter(self, t: Topic, m: Meeting, slot: Slot) -> Reason | None:
        """Art. 8: the vice-mayor in charge, or whoever acts for them, presents the topic."""
        if self.avail.acting(t.vice_mayor, slot) is not None:
            return None
        return Reason.of(
            8,
            "topic.no_presenter",
            meeting=self.meeting_name(m),
            when=self.when(slot),
            vice_mayor=self.name(t.vice_mayor),
        )

    TOPIC_SLOT_RULES: tuple[str, ...] = (
        "topic_materials_on_time",
        "topic_before_deadline",
        "topic_has_presenter",
    )

    def topic_slot_reasons(self, t: Topic, m: Meeting, slot: Slot) -> list[Reason]:
        out: list[Reason] = []
        for rule in self.TOPIC_SLOT_RULES:
            check: Callable[[Topic, Meeting, Slot], Reason | None] = getattr(self, rule)
            reason = check(t, m, slot)
            if reason is not None:
                out.append(reason)
        return out

    def presenter(self, t: Topic, slot: Slot) -> str | None:
        """Presenter: acting(vice_mayor of the topic) on the meeting's half-day."""
        return self.avail.acting(t.vice_mayor, slot)

    def is_urgent(self, t: Topic) -> bool:
        return t.priority >= self.rulebook.urgent_priority
