"""Rooms and times of day: each rule decides a tiny scenario's exact times and rooms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.plan import Plan
from planner.scenario import Loaded
from tests.helpers import meeting, solve

Build = Callable[[dict[str, Any]], Loaded]
MON = {"from": "2026-06-01", "to": "2026-06-01"}


def with_rooms(base: dict[str, Any], *rooms: tuple[str, int], **calendar: Any) -> dict[str, Any]:
    base["rooms"] = [{"id": rid, "name": f"{rid}室", "capacity": cap} for rid, cap in rooms]
    base["calendar"] = calendar
    return base


def times(plan: Plan) -> dict[str, tuple[str, str, str, str | None]]:
    return {m.id: (m.day.isoformat() + " " + m.half, m.start, m.end, m.room) for m in plan.meetings}


def tm(mid: str, chair: str, minutes: int = 60, **extra: Any) -> dict[str, Any]:
    return meeting(mid, kind="topic", chair=chair, minutes=minutes, window=MON, **extra)


def test_one_room_holds_one_meeting_at_a_time(base: dict[str, Any], build: Build) -> None:
    with_rooms(base, ("r1", 10))
    base["meetings"] = [tm("m1", "vm1"), tm("m2", "vm2")]
    got = times(solve(build(base)))
    assert {got["m1"][1:], got["m2"][1:]} == {("08:30", "09:30", "r1"), ("09:30", "10:30", "r1")}


def test_two_rooms_hold_meetings_without_shared_people_at_once(
    base: dict[str, Any], build: Build
) -> None:
    with_rooms(base, ("r1", 10), ("r2", 10))
    base["meetings"] = [tm("m1", "vm1"), tm("m2", "vm2")]
    got = times(solve(build(base)))
    assert got["m1"][:3] == got["m2"][:3] == ("2026-06-01 am", "08:30", "09:30")
    assert {got["m1"][3], got["m2"][3]} == {"r1", "r2"}


def test_nobody_required_in_two_overlapping_meetings(base: dict[str, Any], build: Build) -> None:
    with_rooms(base, ("r1", 10), ("r2", 10))
    base["meetings"] = [tm("m1", "vm1"), tm("m2", "vm1")]
    got = times(solve(build(base)))
    assert {got["m1"][0], got["m2"][0]} == {"2026-06-01 am"}
    assert sorted([got["m1"][1:3], got["m2"][1:3]]) == [("08:30", "09:30"), ("09:45", "10:45")]


def test_capacity_picks_the_room_that_seats_everyone(base: dict[str, Any], build: Build) -> None:
    with_rooms(base, ("small", 2), ("big", 10))
    base["meetings"] = [tm("m1", "vm1", attendees=["h_a", "h_b"])]
    assert times(solve(build(base)))["m1"][3] == "big"


def test_no_room_large_enough_is_explained(base: dict[str, Any], build: Build) -> None:
    with_rooms(base, ("small", 2))
    base["meetings"] = [tm("m1", "vm1", attendees=["h_a", "h_b"])]
    plan = solve(build(base))
    [u] = plan.unscheduled
    assert u.reasons[0].article == 45
    assert "no room is large enough: it needs 3 seats, the largest room has 2" in u.reasons[
        0
    ].message("en")


def test_starts_on_the_grid(base: dict[str, Any], build: Build) -> None:
    """Grain 30: a 45-minute meeting takes two grains (08:30-09:30 on the grid); the chair's
    next meeting keeps a break of one grain (rulebook: 15 minutes, rounded up) and starts on
    the grid at 10:00."""
    with_rooms(base, ("r1", 10), ("r2", 10), grain_minutes=30)
    base["meetings"] = [tm("m1", "vm1", minutes=45), tm("m2", "vm1", minutes=45)]
    got = times(solve(build(base)))
    assert sorted([got["m1"][1:3], got["m2"][1:3]]) == [("08:30", "09:15"), ("10:00", "10:45")]


def test_meeting_never_crosses_the_end_of_a_half_day(base: dict[str, Any], build: Build) -> None:
    """A 90-minute morning: a two-hour meeting goes to the afternoon."""
    with_rooms(base, ("r1", 10), hours={"am": "08:30-10:00", "pm": "14:30-18:00"})
    base["meetings"] = [tm("m1", "vm1", minutes=120)]
    assert times(solve(build(base)))["m1"] == ("2026-06-01 pm", "14:30", "16:30", "r1")


def test_optional_attendee_clash_is_avoided(base: dict[str, Any], build: Build) -> None:
    """h_a is required at m1 and welcome at m2: m2 waits until m1 ends rather than clash."""
    with_rooms(base, ("r1", 10), ("r2", 10))
    base["meetings"] = [
        tm("m1", "vm1", attendees=["h_a"]),
        tm("m2", "vm2", optional_attendees=["h_a"]),
    ]
    got = times(solve(build(base)))
    assert sorted([got["m1"][1:3], got["m2"][1:3]]) == [("08:30", "09:30"), ("09:45", "10:45")]


def test_without_rooms_meetings_take_whole_half_days(base: dict[str, Any], build: Build) -> None:
    base["meetings"] = [tm("m1", "vm1"), tm("m2", "vm1")]
    got = times(solve(build(base)))
    assert {got["m1"][0], got["m2"][0]} == {"2026-06-01 am", "2026-06-01 pm"}
    assert got["m1"][3] is None and got["m2"][3] is None


def test_verify_checks_rooms_and_times(base: dict[str, Any], build: Build) -> None:
    from planner.verify import verify_plan

    with_rooms(base, ("r1", 10), ("tiny", 1))
    base["meetings"] = [tm("m1", "vm1"), tm("m2", "vm2", attendees=["h_b"])]
    loaded = build(base)
    plan = solve(loaded).to_json()
    first, second = plan["meetings"]
    first.update(room="r1")
    second.update(start=first["start"], end=first["end"], room="r1")
    assert [v.key for v in verify_plan(loaded, plan)] == ["verify.room_twice"]
    second.update(room="tiny", start="08:40", end="09:40")
    assert sorted(v.key for v in verify_plan(loaded, plan)) == [
        "verify.off_grid",
        "verify.room_too_small",
    ]
