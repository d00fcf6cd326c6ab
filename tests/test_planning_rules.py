"""Each rule of the rulebook decides the outcome of a tiny scenario; the exact outcome is
asserted. The base week is Mon 2026-06-01 .. Fri 2026-06-05 (see conftest.base_data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from planner.scenario import InputError, Loaded
from tests.helpers import articles, leave, meeting, solve, topic, where

Build = Callable[[dict[str, Any]], Loaded]


# ---- where a meeting may go -------------------------------------------------------------


def test_meetings_fall_on_working_days_only(base: dict[str, Any], build: Build) -> None:
    """Dragon Boat Festival (Fri 06-19) and the weekend are off: the first working day is 06-22."""
    base["horizon"] = {"from": "2026-06-18", "to": "2026-06-24"}
    base["meetings"] = [meeting("m", window={"from": "2026-06-19", "to": "2026-06-24"})]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-22", "am")


def test_meeting_only_on_holidays_is_unscheduled_with_reason(
    base: dict[str, Any], build: Build
) -> None:
    base["horizon"] = {"from": "2026-06-18", "to": "2026-06-24"}
    base["meetings"] = [meeting("m", window={"from": "2026-06-19", "to": "2026-06-21"})]
    plan = solve(build(base))
    assert plan.meeting("m") is None
    [unscheduled] = plan.unscheduled
    assert [r.article for r in unscheduled.reasons] == [43]
    assert "2026-06-19" in unscheduled.reasons[0].message("en")
    assert "not a working day" in unscheduled.reasons[0].message("en")


def test_adjusted_saturday_is_a_working_day(base: dict[str, Any], build: Build) -> None:
    """Sat 2026-10-10 is a 调休 working day; Sun 10-11 is not."""
    base["horizon"] = {"from": "2026-10-10", "to": "2026-10-11"}
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-10-10", "am")


def test_blocked_half_day_takes_all_leaders(base: dict[str, Any], build: Build) -> None:
    base["calendar"] = {
        "blocked": [{"date": "2026-06-01", "half": "am", "reason": "市政府常务会议"}]
    }
    base["meetings"] = [
        meeting("m", kind="topic", chair="vm1", window={"from": "2026-06-01", "to": "2026-06-01"})
    ]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-01", "pm")


def test_days_off_and_extra_workdays(base: dict[str, Any], build: Build) -> None:
    base["horizon"] = {"from": "2026-06-05", "to": "2026-06-08"}
    base["calendar"] = {"days_off": ["2026-06-05"], "workdays": ["2026-06-06"]}
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-06", "am")


def test_meeting_stays_in_its_window(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", window={"from": "2026-06-03", "to": "2026-06-04"})]
    assert where(solve(build(base)), "m") == ("2026-06-03", "am")


def test_fixed_slot_is_kept(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", fixed={"date": "2026-06-04", "half": "pm"})]
    assert where(solve(build(base)), "m") == ("2026-06-04", "pm")


# ---- chair and quorum (Art. 6, 43) ------------------------------------------------------


def test_mayor_chairs_when_present(base: dict[str, Any], build: Build) -> None:
    """Art. 43: the mayor away on 06-01..02 → the meeting waits for the mayor (06-03)."""
    base["leaves"] = [leave("may", "2026-06-01", "2026-06-02")]
    base["meetings"] = [meeting("m", window={"from": "2026-06-01", "to": "2026-06-03"})]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-03", "am")
    held = plan.meeting("m")
    assert held is not None and held.chair == "may" and held.chair_acting_for is None


def test_executive_vice_mayor_chairs_when_mayor_away(base: dict[str, Any], build: Build) -> None:
    """Art. 6, 43: with the mayor away for the whole window, the executive vice-mayor chairs."""
    base["leaves"] = [leave("may", "2026-06-01", "2026-06-05")]
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    held = plan.meeting("m")
    assert held is not None
    assert (held.chair, held.chair_acting_for) == ("evm", "may")
    assert [(a.person, a.stand_in) for a in held.absent] == [("may", "evm")]


def test_no_chair_no_meeting(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [
        leave("may", "2026-06-01", "2026-06-05"),
        leave("evm", "2026-06-01", "2026-06-05"),
    ]
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    assert plan.meeting("m") is None
    [u] = plan.unscheduled
    assert {r.article for r in u.reasons} == {6}
    assert all(43 in r.extra_articles for r in u.reasons)


def test_quorum_more_than_half(base: dict[str, Any], build: Build) -> None:
    """4 members; vm1 and vm2 away until 06-04 leaves 2 of 4, not more than half."""
    base["leaves"] = [
        leave("vm1", "2026-06-01", "2026-06-04"),
        leave("vm2", "2026-06-01", "2026-06-04"),
    ]
    base["meetings"] = [meeting("m")]
    assert where(solve(build(base)), "m") == ("2026-06-05", "am")


def test_quorum_applies_to_executive_meetings_only(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [
        leave("vm1", "2026-06-01", "2026-06-04"),
        leave("vm2", "2026-06-01", "2026-06-04"),
    ]
    base["meetings"] = [meeting("m", kind="mayor_office")]
    assert where(solve(build(base)), "m") == ("2026-06-01", "am")


def test_quorum_fraction_is_a_rulebook_parameter(base: dict[str, Any], build: Build) -> None:
    """With a quorum of more than a third, 2 of 4 members suffice."""
    base["rules"] = {"quorum_fraction": "1/3"}
    base["leaves"] = [
        leave("vm1", "2026-06-01", "2026-06-04"),
        leave("vm2", "2026-06-01", "2026-06-04"),
    ]
    base["meetings"] = [meeting("m")]
    assert where(solve(build(base)), "m") == ("2026-06-01", "am")


def test_no_quorum_all_week_explained(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [
        leave("vm1", "2026-06-01", "2026-06-05"),
        leave("vm2", "2026-06-01", "2026-06-05"),
    ]
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    [u] = plan.unscheduled
    assert [r.article for r in u.reasons] == [43]
    assert "2 of 4" in u.reasons[0].message("en")


def test_topic_meeting_chair_must_be_present(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("vm1", "2026-06-01", "2026-06-02", half="am")]
    base["meetings"] = [meeting("m", kind="topic", chair="vm1", minutes=60)]
    assert where(solve(build(base)), "m") == ("2026-06-01", "pm")


def test_required_attendee_must_be_present(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("h_a", "2026-06-01", "2026-06-03")]
    base["meetings"] = [meeting("m", kind="topic", chair="vm1", minutes=60, attendees=["h_a"])]
    assert where(solve(build(base)), "m") == ("2026-06-04", "am")


# ---- one place at a time ----------------------------------------------------------------


def test_nobody_in_two_meetings_at_once(base: dict[str, Any], build: Build) -> None:
    """Two topic meetings chaired by vm1, both only on 06-01: one am, one pm."""
    day = {"from": "2026-06-01", "to": "2026-06-01"}
    base["meetings"] = [
        meeting("m1", kind="topic", chair="vm1", minutes=60, window=day),
        meeting("m2", kind="topic", chair="vm1", minutes=60, window=day),
    ]
    plan = solve(build(base))
    assert {where(plan, "m1"), where(plan, "m2")} == {("2026-06-01", "am"), ("2026-06-01", "pm")}


def test_meetings_without_shared_people_share_a_half_day(
    base: dict[str, Any], build: Build
) -> None:
    day = {"from": "2026-06-01", "to": "2026-06-01"}
    base["meetings"] = [
        meeting("m1", kind="topic", chair="vm1", minutes=60, window=day),
        meeting("m2", kind="topic", chair="vm2", minutes=60, window=day),
    ]
    plan = solve(build(base))
    assert where(plan, "m1") == where(plan, "m2") == ("2026-06-01", "am")


def test_crowded_meeting_is_explained(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [
        meeting(
            "m1", kind="topic", chair="vm1", minutes=60, fixed={"date": "2026-06-01", "half": "am"}
        ),
        meeting(
            "m2", kind="topic", chair="vm1", minutes=60, fixed={"date": "2026-06-01", "half": "am"}
        ),
    ]
    plan = solve(build(base))
    assert len(plan.meetings) == 1
    [u] = plan.unscheduled
    assert [r.key for r in u.reasons] == ["meeting.crowded"]
    assert u.reasons[0].article == 45


# ---- topics: kind, materials, reviews (Art. 19, 24, 25, 26, 45, 46, 47) ---------------


def test_topic_only_at_meeting_of_its_kind(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("exec")]
    base["topics"] = [topic("t1", decided_by="mayor_office")]
    plan = solve(build(base))
    assert articles(plan, "t1") == {44}


def test_reserved_category_cannot_go_to_topic_meeting(base: dict[str, Any], build: Build) -> None:
    """Art. 25 (validation): a budget decided by a topic meeting is an input error."""
    base["topics"] = [topic("t1", category="budget", decided_by="topic")]
    with pytest.raises(InputError) as err:
        build(base)
    [problem] = err.value.problems
    assert problem.article == 25
    assert problem.place == ("topics", 0, "decided_by")


def test_topic_meeting_takes_its_chairs_portfolio(base: dict[str, Any], build: Build) -> None:
    """Art. 45: vm2's topic meeting cannot decide vm1's topic; the mayor's can."""
    base["meetings"] = [meeting("tm2", kind="topic", chair="vm2", minutes=60)]
    base["topics"] = [topic("t1", decided_by="topic")]
    plan = solve(build(base))
    assert articles(plan, "t1") == {45}
    base["meetings"] = [meeting("tmm", kind="topic", chair="may", minutes=60)]
    plan = solve(build(base))
    t = plan.topic("t1")
    assert t is not None and t.meeting == "tmm" and t.presenter == "vm1"


def test_materials_lead_time_in_working_days(base: dict[str, Any], build: Build) -> None:
    """Art. 47: materials on 06-02 → the earliest meeting is 06-09 (06-08, 05, 04, 03, 02)."""
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-12"}
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-02")]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-09", "am")
    t = plan.topic("t1")
    assert t is not None and t.materials_due is not None
    assert t.materials_due.isoformat() == "2026-06-02"


def test_materials_lead_time_crosses_a_holiday(base: dict[str, Any], build: Build) -> None:
    """Materials on 06-15; 06-19 is a holiday: 5 working days later is 06-23 (not 06-22)."""
    base["horizon"] = {"from": "2026-06-15", "to": "2026-06-26"}
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-15", priority=5)]
    assert where(solve(build(base)), "m") == ("2026-06-23", "am")


def test_materials_lead_days_is_a_rulebook_parameter(base: dict[str, Any], build: Build) -> None:
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-12"}
    base["rules"] = {"materials_lead_workdays": 3}
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-02")]
    assert where(solve(build(base)), "m") == ("2026-06-05", "am")


def test_materials_too_late_defers_with_article_47(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-01"), topic("t2")]
    plan = solve(build(base))
    assert articles(plan, "t1") == {47}
    message = plan.topic("t1").reasons[0].message("en")  # type: ignore[union-attr]
    assert "2026-06-01" in message and "2026-05-29" in message


def test_missing_materials_defers(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials=None)]
    assert articles(solve(build(base)), "t1") == {47}


def test_lead_time_waived_places_topic_and_warns(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-01", lead_time_waived="区长特批")]
    plan = solve(build(base))
    assert plan.topic("t1").meeting == "m"  # type: ignore[union-attr]
    assert [(w.article, w.subject) for w in plan.warnings] == [(47, "t1")]


def test_waiver_still_needs_the_materials_by_the_meeting(
    base: dict[str, Any], build: Build
) -> None:
    """Art. 47: the waiver drops the lead time, not the materials (they arrive 06-03)."""
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", materials="2026-06-03", lead_time_waived="区长特批")]
    assert where(solve(build(base)), "m") == ("2026-06-03", "am")


def test_lead_time_applies_to_deliberative_meetings_only(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("mo", kind="mayor_office")]
    base["topics"] = [topic("t1", decided_by="mayor_office", materials=None)]
    assert solve(build(base)).topic("t1").meeting == "mo"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("extra", "article", "review"),
    [
        ({"category": "normative"}, 19, "legality"),
        (
            {
                "category": "major_decision",
                "reviews": {
                    "public_participation": "2026-05-01",
                    "risk_assessment": "2026-05-01",
                    "legality": "2026-05-01",
                },
            },
            24,
            "expert",
        ),
        ({"market_entities": True}, 26, "fair_competition"),
        ({"public_interest": True}, 26, "stability_risk"),
    ],
)
def test_missing_review_defers(
    base: dict[str, Any], build: Build, extra: dict[str, Any], article: int, review: str
) -> None:
    """Art. 19, 24, 26 with 46: a required review missing keeps the topic off the agenda."""
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", **extra)]
    plan = solve(build(base))
    [reason] = plan.topic("t1").reasons  # type: ignore[union-attr]
    assert reason.article == article and 46 in reason.extra_articles
    assert reason.key == "topic.review_missing"
    # ... and with the review done by the materials date the topic is placed.
    reviews = dict(extra.get("reviews", {}))
    reviews[review] = "2026-05-10"
    base["topics"] = [topic("t1", **{**extra, "reviews": reviews})]
    assert solve(build(base)).topic("t1").meeting == "m"  # type: ignore[union-attr]


def test_review_finished_after_materials_defers(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", category="normative", reviews={"legality": "2026-05-25"})]
    plan = solve(build(base))
    [reason] = plan.topic("t1").reasons  # type: ignore[union-attr]
    assert (reason.article, reason.key) == (19, "topic.review_late")


def test_deadline(base: dict[str, Any], build: Build) -> None:
    """The mayor is away 06-01..02; a topic due by 06-02 makes the executive vice-mayor chair
    on 06-01 rather than deferring it."""
    base["leaves"] = [leave("may", "2026-06-01", "2026-06-02")]
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", deadline="2026-06-02")]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-01", "am")
    assert plan.meeting("m").chair == "evm"  # type: ignore[union-attr]


def test_past_deadline_defers_and_warns(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", window={"from": "2026-06-03", "to": "2026-06-05"})]
    base["topics"] = [topic("t1", deadline="2026-06-02")]
    plan = solve(build(base))
    assert articles(plan, "t1") == {43}
    assert (43, "t1") in [(w.article, w.subject) for w in plan.warnings]


# ---- capacity and priorities (Art. 52) ---------------------------------------------------


def test_higher_priority_takes_the_time(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", minutes=60)]
    base["topics"] = [topic("low", minutes=40, priority=2), topic("high", minutes=40, priority=4)]
    plan = solve(build(base))
    assert plan.meeting("m").agenda == ("high",)  # type: ignore[union-attr]
    [reason] = plan.topic("low").reasons  # type: ignore[union-attr]
    assert reason.article == 52 and "议题high" in reason.message()


def test_many_lower_priority_never_displace_a_higher_one(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("m", minutes=60)]
    base["topics"] = [topic(f"low{i}", minutes=20, priority=2) for i in range(3)] + [
        topic("high", minutes=60, priority=3)
    ]
    plan = solve(build(base))
    assert plan.meeting("m").agenda == ("high",)  # type: ignore[union-attr]


def test_agenda_fits_the_meeting(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", minutes=60)]
    base["topics"] = [topic(f"t{i}", minutes=25) for i in range(3)]
    plan = solve(build(base))
    assert plan.meeting("m").agenda == ("t0", "t1")  # type: ignore[union-attr]


def test_topic_longer_than_meeting(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", minutes=30)]
    base["topics"] = [topic("t1", minutes=45)]
    assert articles(solve(build(base)), "t1") == {52}


# ---- presenters and attending departments ------------------------------------------------


def test_vice_mayor_presents_own_topic(base: dict[str, Any], build: Build) -> None:
    """vm1 away on 06-01: the meeting moves to 06-01 pm... no: vm1 is away all of 06-01, so
    the plan prefers 06-02 when vm1 presents in person."""
    base["leaves"] = [leave("vm1", "2026-06-01")]
    base["meetings"] = [meeting("m", window={"from": "2026-06-01", "to": "2026-06-02"})]
    base["topics"] = [topic("t1")]
    plan = solve(build(base))
    assert where(plan, "m") == ("2026-06-02", "am")
    t = plan.topic("t1")
    assert t is not None and (t.presenter, t.presenter_acting_for) == ("vm1", None)


def test_stand_in_presents_when_forced(base: dict[str, Any], build: Build) -> None:
    """Art. 8: vm1 away on the only possible day → vm2 (vm1's stand-in) presents."""
    base["leaves"] = [leave("vm1", "2026-06-01")]
    base["meetings"] = [meeting("m", fixed={"date": "2026-06-01", "half": "am"})]
    base["topics"] = [topic("t1")]
    t = solve(build(base)).topic("t1")
    assert t is not None and (t.presenter, t.presenter_acting_for) == ("vm2", "vm1")


def test_stand_in_chain_follows_to_the_next(base: dict[str, Any], build: Build) -> None:
    """vm1 → vm2 → vm1 is a loop: with both away, nobody presents (Art. 8) and the topic waits."""
    base["leaves"] = [leave("vm1", "2026-06-01"), leave("vm2", "2026-06-01")]
    base["meetings"] = [
        meeting("m", fixed={"date": "2026-06-01", "half": "am"}, kind="mayor_office")
    ]
    base["topics"] = [topic("t1", decided_by="mayor_office")]
    plan = solve(build(base))
    assert articles(plan, "t1") == {8}


def test_attending_department_heads_should_be_free(base: dict[str, Any], build: Build) -> None:
    base["leaves"] = [leave("h_b", "2026-06-01", "2026-06-02")]
    base["meetings"] = [meeting("m")]
    base["topics"] = [topic("t1", attending=["b"])]
    assert where(solve(build(base)), "m") == ("2026-06-03", "am")


# ---- cadence and optional meetings (Art. 43) --------------------------------------------


def test_safety_cadence_decides_between_topics(base: dict[str, Any], build: Build) -> None:
    """Art. 43 (6): work safety is due this week, so the safety topic takes the only hour."""
    base["meetings"] = [meeting("m", minutes=60)]
    base["topics"] = [
        topic("s", category="safety", minutes=60, priority=1),
        topic("g", minutes=60, priority=2),
    ]
    plan = solve(build(base))
    assert plan.meeting("m").agenda == ("g",)  # type: ignore[union-attr]
    base["history"] = {"safety": "2026-03-01"}
    plan = solve(build(base))
    assert plan.meeting("m").agenda == ("s",)  # type: ignore[union-attr]


def test_cadence_missed_warns(base: dict[str, Any], build: Build) -> None:
    base["history"] = {"ecology": "2026-02-01"}
    base["meetings"] = [meeting("m")]
    plan = solve(build(base))
    assert [(w.article, w.subject) for w in plan.warnings] == [(52, "m"), (43, "ecology")]


def test_optional_meeting_not_held_without_urgent_topics(
    base: dict[str, Any], build: Build
) -> None:
    base["meetings"] = [meeting("m", minutes=60), meeting("extra", minutes=60, optional=True)]
    base["topics"] = [topic("t1", minutes=60), topic("t2", minutes=60)]
    plan = solve(build(base))
    assert plan.meeting("extra") is None
    assert [r.article for r in plan.unscheduled[0].reasons] == [43]


def test_optional_meeting_held_for_urgent_topics(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [meeting("m", minutes=60), meeting("extra", minutes=60, optional=True)]
    base["topics"] = [topic("t1", minutes=60, priority=5), topic("t2", minutes=60, priority=5)]
    plan = solve(build(base))
    assert plan.meeting("extra") is not None
    assert sorted(plan.meeting("m").agenda + plan.meeting("extra").agenda) == ["t1", "t2"]  # type: ignore[union-attr]
    assert 43 in {w.article for w in plan.warnings}
