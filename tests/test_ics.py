"""Calendars (.ics): files, content, privacy, updates in place, invitations, `planner ics`.

Every file is parsed with icalendar and cross-checked with two independent parsers (the
`ical` package, which is strict about RFC 5545, and `vobject`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from typer.testing import CliRunner

from cli import app
from planner.export.ics import Calendars, build_calendars, plan_from_json
from planner.export.ics_state import State
from planner.pipeline import run_plan
from planner.plan import Plan
from planner.scenario import Loaded
from planner.schedule import SolveOptions, plan_scenario
from tests.conftest import write_scenario

Build = Callable[[dict[str, Any]], Loaded]
FAST = SolveOptions(work_budget=5.0)
T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)
SECRET_TITLE = "关于某信访个案的处理意见"
CLASSIFIED_DOC = "机密文件标题甲"
OPEN_DOC = "公开文件标题乙"
MASK = "议题（不公开）"
PEOPLE = ("may", "evm", "vm1", "vm2", "dir", "h_a", "h_b", "h_j")


def scenario(base: dict[str, Any], variant: bool = False) -> dict[str, Any]:
    """The base week with an executive meeting (t1 public, t2 not public) and a topic meeting.

    vm2 is away on 06-03 (vm1 stands in and presents t2). The variant moves the executive
    meeting to 06-05 and sends vm1 away on 06-04, so the topic meeting (t3) cannot be held.
    """
    for p in base["people"]:
        if p["id"] in ("may", "vm1", "h_a"):
            p["email"] = f"{p['id']}@gov.example"
    base["meetings"] = [
        {
            "id": "exec-1",
            "kind": "executive",
            "minutes": 120,
            "title": "区政府第一次常务会议",
            "location": "常务会议室",
            "fixed": {"date": "2026-06-05" if variant else "2026-06-03", "half": "am"},
        },
        {
            "id": "tm-1",
            "kind": "topic",
            "chair": "vm1",
            "minutes": 60,
            "title": "甲局工作专题会议",
            "attendees": ["h_a"],
            "optional_attendees": ["h_b"],
            "fixed": {"date": "2026-06-04", "half": "am"},
        },
    ]
    base["topics"] = [
        {
            "id": "t1",
            "title": "关于甲局公开事项的审议",
            "department": "a",
            "vice_mayor": "vm1",
            "decided_by": "executive",
            "materials": "2026-05-20",
            "attending": ["b"],
            "priority": 4,
        },
        {
            "id": "t2",
            "title": SECRET_TITLE,
            "department": "b",
            "vice_mayor": "vm2",
            "decided_by": "executive",
            "materials": "2026-05-20",
            "public": False,
        },
        {
            "id": "t3",
            "title": "研究甲局专项工作",
            "department": "a",
            "vice_mayor": "vm1",
            "decided_by": "topic",
        },
    ]
    base["leaves"] = [{"person": "vm2", "from": "2026-06-03", "to": "2026-06-03", "reason": "就医"}]
    if variant:
        base["leaves"].append(
            {"person": "vm1", "from": "2026-06-04", "to": "2026-06-04", "reason": "出差"}
        )
    base["documents"] = [
        {
            "id": "d1",
            "title": CLASSIFIED_DOC,
            "kind": "report",
            "start": "2026-05-25",
            "topic": "t1",
            "drafter": "a",
            "classification": "secret",
        },
        {
            "id": "d2",
            "title": OPEN_DOC,
            "kind": "report",
            "start": "2026-05-25",
            "topic": "t1",
            "drafter": "a",
        },
    ]
    return base


def calendars(
    build: Build,
    base: dict[str, Any],
    variant: bool = False,
    previous: State | None = None,
    now: datetime = T0,
) -> tuple[Loaded, Plan, Calendars]:
    loaded = build(scenario(base, variant))
    plan = plan_scenario(loaded, FAST)
    return loaded, plan, build_calendars(loaded, plan, "zh", previous, now, invitations=True)


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def items(data: bytes) -> dict[str, icalendar.Component]:
    """SUMMARY-less lookup: UID → VEVENT/VTODO."""
    return {str(c["UID"]): c for c in parse(data).walk() if c.name in ("VEVENT", "VTODO")}


def by_summary(data: bytes, text: str) -> icalendar.Component:
    found = [
        c for c in parse(data).walk() if c.name in ("VEVENT", "VTODO") and text in str(c["SUMMARY"])
    ]
    assert len(found) == 1, [str(c["SUMMARY"]) for c in parse(data).walk() if "SUMMARY" in c]
    return found[0]


def attendees(component: icalendar.Component) -> list[Any]:
    value = component.get("ATTENDEE", [])
    return value if isinstance(value, list) else [value]


def unfolded(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "")


def cross_check(data: bytes) -> None:
    """The same events and to-dos through icalendar, ical and vobject; every TZID defined."""
    cal = parse(data)
    events = sorted(str(c["UID"]) for c in cal.walk("VEVENT"))
    todos = sorted(str(c["UID"]) for c in cal.walk("VTODO"))
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert sorted(e.uid or "" for e in strict.events) == events
    assert sorted(t.uid or "" for t in strict.todos) == todos
    loose = vobject.readOne(data.decode("utf-8"))
    assert sorted(e.uid.value for e in getattr(loose, "vevent_list", [])) == events
    assert sorted(t.uid.value for t in getattr(loose, "vtodo_list", [])) == todos
    defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    text = unfolded(data)
    used = {
        part.split("TZID=", 1)[1].split(":", 1)[0].split(";", 1)[0]
        for part in text.split("\r\n")
        if ";TZID=" in part
    }
    assert used <= defined, (used, defined)
    names = {
        str(c["UID"]): sorted(str(a.params["CN"]) for a in attendees(c)) for c in cal.walk("VEVENT")
    }
    for e in strict.events:
        assert e.dtstart is not None and e.dtstart.tzinfo is not None
        assert sorted(a.common_name or "" for a in e.attendees) == names[e.uid or ""]
    for e in getattr(loose, "vevent_list", []):
        found = sorted(a.params["CN"][0] for a in getattr(e, "attendee_list", []))
        assert found == names[e.uid.value]


# ---- files and parsers ----
def test_every_calendar_is_written_and_parses_three_ways(
    build: Build, base: dict[str, Any]
) -> None:
    _, _, result = calendars(build, base)
    expected = {"office.ics", "public.ics"} | {f"person-{p}.ics" for p in PEOPLE}
    expected |= {f"dept-{d}.ics" for d in ("a", "b", "sfj")}
    assert set(result.files) == expected
    for data in [*result.files.values(), *result.invitations.values()]:
        cross_check(data)
    for name, data in result.files.items():
        cal = parse(data)
        assert "METHOD" not in cal, name  # subscriptions carry no METHOD
        (tz,) = cal.walk("VTIMEZONE")
        assert str(tz["TZID"]) == "Asia/Shanghai"
        assert "RDATE" not in unfolded(data)  # no historic DST blocks
        starts = [str(sub["DTSTART"].to_ical().decode()) for sub in tz.subcomponents]
        assert starts == ["20260101T000000"]
    office = parse(result.files["office.ics"])
    assert len(office.walk("VEVENT")) == 2
    assert len(office.walk("VTODO")) == 3


def test_meeting_event_content(build: Build, base: dict[str, Any]) -> None:
    _, _, result = calendars(build, base)
    data = result.files["office.ics"]
    ev = by_summary(data, "常务会议")
    assert str(ev["SUMMARY"]) == "区政府常务会议：区政府第一次常务会议"
    assert ev["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert ev["DTSTART"].dt.isoformat() == "2026-06-03T08:30:00+08:00"
    assert ev["DTEND"].dt.isoformat() == "2026-06-03T10:30:00+08:00"
    assert str(ev["LOCATION"]) == "常务会议室"
    assert ev["SEQUENCE"] == 0
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert str(ev["DESCRIPTION"]).split("\n") == [
        "时间：2026-06-03 上午 08:30–10:30",
        "地点：常务会议室",
        "主持：区长甲",
        "议程：",
        "1. 关于甲局公开事项的审议（汇报：副区长丙）",
        f"   文件：{OPEN_DOC}",
        f"2. {SECRET_TITLE}（汇报：副区长丙（代副区长丁））",
        "出席：区长甲、常务乙、副区长丙",
        "请假：副区长丁（补位：副区长丙）",
        "列席部门：区乙局、区甲局",
        "参会人员：局长B、局长A、主任戊",
    ]
    organizer = ev["ORGANIZER"]
    assert organizer.params["CN"] == "区政府办公室"
    attendees = {
        (str(a.params["CN"]), a.params["ROLE"], a.params["PARTSTAT"], str(a))
        for a in ev["ATTENDEE"]
    }
    urn = {str(a.params["CN"]): str(a) for a in ev["ATTENDEE"]}
    assert attendees == {
        ("区长甲", "CHAIR", "ACCEPTED", "mailto:may@gov.example"),
        ("常务乙", "REQ-PARTICIPANT", "NEEDS-ACTION", urn["常务乙"]),
        ("副区长丙", "REQ-PARTICIPANT", "NEEDS-ACTION", "mailto:vm1@gov.example"),
        ("局长B", "OPT-PARTICIPANT", "NEEDS-ACTION", urn["局长B"]),
        ("局长A", "OPT-PARTICIPANT", "NEEDS-ACTION", "mailto:h_a@gov.example"),
        ("主任戊", "OPT-PARTICIPANT", "NEEDS-ACTION", urn["主任戊"]),
        ("副区长丁", "REQ-PARTICIPANT", "DELEGATED", urn["副区长丁"]),
    }
    assert all(
        v.startswith("urn:uuid:") for k, v in urn.items() if k in ("常务乙", "局长B", "主任戊")
    )
    absent = next(a for a in ev["ATTENDEE"] if a.params["CN"] == "副区长丁")
    assert absent.params["DELEGATED-TO"] == "mailto:vm1@gov.example"
    # CN is always quoted (ical4j-based parsers keep non-ASCII names then)
    text = unfolded(data)
    assert 'ATTENDEE;CN="区长甲";PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:may@gov.example' in text
    assert 'ORGANIZER;CN="区政府办公室":urn:uuid:' in text
    triggers = sorted(a["TRIGGER"].dt for a in ev.walk("VALARM"))
    assert triggers == [timedelta(days=-1), timedelta(minutes=-30)]
    assert {str(a["ACTION"]) for a in ev.walk("VALARM")} == {"DISPLAY"}


def test_topic_meeting_roles_and_person_calendars(build: Build, base: dict[str, Any]) -> None:
    _, _, result = calendars(build, base)
    ev = by_summary(result.files["office.ics"], "甲局工作专题会议")
    roles = {str(a.params["CN"]): a.params["ROLE"] for a in ev["ATTENDEE"]}
    assert roles == {"副区长丙": "CHAIR", "局长A": "REQ-PARTICIPANT", "局长B": "OPT-PARTICIPANT"}
    summaries = {
        pid: sorted(
            str(c["SUMMARY"]) for c in parse(result.files[f"person-{pid}.ics"]).walk("VEVENT")
        )
        for pid in PEOPLE
    }
    exec_s, topic_s = "区政府常务会议：区政府第一次常务会议", "专题会议：甲局工作专题会议"
    assert summaries == {
        "may": [exec_s],
        "evm": [exec_s],
        "vm1": [topic_s, exec_s],
        "vm2": [],  # away: the meeting is not in their calendar
        "dir": [exec_s],
        "h_a": [topic_s, exec_s],
        "h_b": [topic_s, exec_s],
        "h_j": [],
    }
    depts = {
        d: sorted(str(c["SUMMARY"]) for c in parse(result.files[f"dept-{d}.ics"]).walk("VEVENT"))
        for d in ("a", "b", "sfj")
    }
    assert depts == {"a": [topic_s, exec_s], "b": [topic_s, exec_s], "sfj": []}


def test_materials_due_todos(build: Build, base: dict[str, Any]) -> None:
    _, _, result = calendars(build, base)
    office = result.files["office.ics"]
    t1 = by_summary(office, "关于甲局公开事项的审议")
    assert str(t1["SUMMARY"]) == "报送议题材料：关于甲局公开事项的审议"
    assert t1["DUE"].dt.isoformat() == "2026-05-27T18:00:00+08:00"
    assert t1["DUE"].params["TZID"] == "Asia/Shanghai"
    assert str(t1["STATUS"]) == "COMPLETED"  # materials reached the office on 05-20
    t3 = by_summary(office, "研究甲局专项工作")
    assert str(t3["STATUS"]) == "NEEDS-ACTION"
    assert t3["DUE"].dt.isoformat() == "2026-05-28T18:00:00+08:00"
    (alarm,) = t3.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(days=-1)
    assert alarm["TRIGGER"].params["RELATED"] == "END"
    dept_a = sorted(str(c["SUMMARY"]) for c in parse(result.files["dept-a.ics"]).walk("VTODO"))
    assert dept_a == ["报送议题材料：关于甲局公开事项的审议", "报送议题材料：研究甲局专项工作"]
    dept_b = [str(c["SUMMARY"]) for c in parse(result.files["dept-b.ics"]).walk("VTODO")]
    assert dept_b == [f"报送议题材料：{MASK}（t2）"]
    for name, data in result.files.items():
        if not name.startswith(("office", "dept-")):
            assert parse(data).walk("VTODO") == [], name


# ---- privacy ----
def test_privacy_of_topics_documents_and_addresses(build: Build, base: dict[str, Any]) -> None:
    _, _, result = calendars(build, base)
    attendees_of_exec = {"may", "evm", "vm1", "dir", "h_a", "h_b"}
    for name, data in {**result.files, **result.invitations}.items():
        assert CLASSIFIED_DOC not in unfolded(data), name
    for name, data in result.files.items():
        text = unfolded(data)
        stem = name.removesuffix(".ics")
        sees_title = stem == "office" or stem.removeprefix("person-") in attendees_of_exec
        assert (SECRET_TITLE in text) == sees_title, name
        exec_listed = "区政府第一次常务会议" in text and "议程" in text
        if exec_listed and not sees_title:
            assert MASK in text, name
    public = unfolded(result.files["public.ics"])
    assert "mailto:" not in public and "@" not in public
    assert "ATTENDEE" not in public and "ORGANIZER" not in public and "VALARM" not in public
    assert "请假" not in public and "就医" not in public
    assert SECRET_TITLE in unfolded(result.invitations["exec-1.request.ics"])  # to attendees only
    ev = by_summary(result.files["public.ics"], "常务会议")
    assert str(ev["DESCRIPTION"]).split("\n")[3:] == [
        "议程：",
        "1. 关于甲局公开事项的审议（汇报：副区长丙）",
        f"2. {MASK}（汇报：副区长丙（代副区长丁））",
    ]
    assert str(ev["CLASS"]) == "PUBLIC" and str(ev["TRANSP"]) == "TRANSPARENT"
    # a leave's reason (here a medical one) is in no calendar at all
    assert all("就医" not in unfolded(d) for d in result.files.values())
    # the state file holds no address and no title that is not public
    state = result.state.dumps().decode("utf-8")
    assert "@" not in state and SECRET_TITLE not in state


# ---- updates in place ----
def test_uids_stable_and_same_bytes_when_nothing_changed(
    build: Build, base: dict[str, Any]
) -> None:
    loaded, plan, first = calendars(build, base)
    again = build_calendars(loaded, plan, "zh", first.state, T1, invitations=True)
    assert again.files == first.files
    assert again.invitations == first.invitations
    fresh = build_calendars(loaded, plan, "zh", None, T1)  # no state: same UIDs all the same
    assert items(fresh.files["office.ics"]).keys() == items(first.files["office.ics"]).keys()


def test_replanning_keeps_uids_raises_sequence_and_cancels(
    build: Build, base: dict[str, Any]
) -> None:
    _, _, first = calendars(build, base)
    _, plan2, second = calendars(build, base, True, first.state, T1)
    assert [m.id for m in plan2.meetings] == ["exec-1"]
    old, new = items(first.files["office.ics"]), items(second.files["office.ics"])
    assert new.keys() == old.keys()  # same UIDs; nothing added, nothing dropped
    exec_uid = str(by_summary(first.files["office.ics"], "常务会议")["UID"])
    tm_uid = str(by_summary(first.files["office.ics"], "甲局工作专题会议")["UID"])
    ev = new[exec_uid]
    assert ev["SEQUENCE"] == 1 and str(ev["STATUS"]) == "CONFIRMED"
    assert ev["DTSTART"].dt.isoformat() == "2026-06-05T08:30:00+08:00"
    assert ev["DTSTAMP"].dt == T1 and ev["CREATED"].dt == T0
    gone = new[tm_uid]
    assert gone["SEQUENCE"] == 1 and str(gone["STATUS"]) == "CANCELLED"
    assert str(gone["SUMMARY"]) == "【已取消】专题会议：甲局工作专题会议"
    assert gone["DTSTART"].dt.isoformat() == "2026-06-04T08:30:00+08:00"
    t3 = by_summary(second.files["office.ics"], "研究甲局专项工作")
    assert str(t3["STATUS"]) == "CANCELLED" and t3["SEQUENCE"] == 1
    # the cancellation reaches every calendar that had the meeting
    for name in ("public.ics", "person-vm1.ics", "person-h_a.ics", "dept-a.ics"):
        assert str(items(second.files[name])[tm_uid]["STATUS"]) == "CANCELLED", name
    # vm2 is no longer away on the meeting's day: the meeting now appears in their calendar
    assert str(items(second.files["person-vm2.ics"])[exec_uid]["STATUS"]) == "CONFIRMED"
    # a third run with the same plan changes nothing, the cancelled stay at their SEQUENCE
    loaded3 = build(scenario(base, variant=True))
    later = T1 + timedelta(days=1)
    third = build_calendars(loaded3, plan2, "zh", second.state, later, invitations=True)
    assert third.files == second.files
    # invitations: REQUEST for the live meeting, CANCEL for the vanished one
    assert sorted(second.invitations) == ["exec-1.request.ics", "tm-1.cancel.ics"]
    cancel = parse(second.invitations["tm-1.cancel.ics"])
    assert str(cancel["METHOD"]) == "CANCEL"
    (event,) = cancel.walk("VEVENT")
    assert (
        str(event["STATUS"]) == "CANCELLED"
        and event["SEQUENCE"] == 1
        and str(event["UID"]) == tm_uid
    )
    assert {str(a.params["CN"]) for a in event["ATTENDEE"]} == {"副区长丙", "局长A", "局长B"}
    request = parse(second.invitations["exec-1.request.ics"])
    assert str(request["METHOD"]) == "REQUEST"
    (event,) = request.walk("VEVENT")
    assert event["SEQUENCE"] == 1 and "ORGANIZER" in event and len(event["ATTENDEE"]) >= 3


def test_someone_dropped_from_a_meeting_gets_it_cancelled_in_their_calendar(
    build: Build, base: dict[str, Any]
) -> None:
    loaded, plan, first = calendars(build, base)
    exec_uid = str(by_summary(first.files["office.ics"], "常务会议")["UID"])
    meetings = [
        m if m.id != "exec-1" else replace(m, present=tuple(p for p in m.present if p != "evm"))
        for m in plan.meetings
    ]
    moved = replace(plan, meetings=meetings)
    second = build_calendars(loaded, moved, "zh", first.state, T1, invitations=True)
    ev = items(second.files["person-evm.ics"])[exec_uid]
    assert str(ev["STATUS"]) == "CANCELLED" and ev["SEQUENCE"] == 1
    assert str(ev["SUMMARY"]) == "【无需出席】区政府常务会议：区政府第一次常务会议"
    assert SECRET_TITLE not in unfolded(second.files["person-evm.ics"])
    live = items(second.files["office.ics"])[exec_uid]
    assert str(live["STATUS"]) == "CONFIRMED" and live["SEQUENCE"] == 1
    cancel = parse(second.invitations["exec-1.cancel.ics"])
    (event,) = cancel.walk("VEVENT")
    assert "STATUS" not in event  # removes attendees, does not cancel the meeting (RFC 5546)
    assert [str(a.params["CN"]) for a in attendees(event)] == ["常务乙"]


def test_next_period_into_the_same_folder_cancels_nothing(
    build: Build, base: dict[str, Any]
) -> None:
    """Last week's meetings are history, not cancellations; reused ids get new UIDs."""
    _, _, first = calendars(build, base)
    nxt = scenario(base)
    nxt["horizon"] = {"from": "2026-06-08", "to": "2026-06-12"}
    nxt["meetings"][0]["fixed"] = {"date": "2026-06-10", "half": "am"}
    nxt["meetings"][1]["fixed"] = {"date": "2026-06-11", "half": "am"}
    nxt["leaves"] = []
    loaded = build(nxt)
    plan = plan_scenario(loaded, FAST)
    second = build_calendars(loaded, plan, "zh", first.state, T1)
    new = items(second.files["office.ics"])
    assert len(new) == 5
    assert not new.keys() & items(first.files["office.ics"]).keys()
    assert {c["SEQUENCE"] for c in new.values()} == {0}
    assert all(str(c["STATUS"]) != "CANCELLED" for c in new.values())


def test_plan_json_gives_the_same_calendars(build: Build, base: dict[str, Any]) -> None:
    loaded, plan, first = calendars(build, base)
    from_json = plan_from_json(json.loads(json.dumps(plan.to_json())))
    again = build_calendars(loaded, from_json, "zh", None, T0, invitations=True)
    assert again.files == first.files


def test_english_calendars(build: Build, base: dict[str, Any]) -> None:
    loaded = build(scenario(base))
    plan = plan_scenario(loaded, FAST)
    result = build_calendars(loaded, plan, "en", None, T0)
    ev = by_summary(result.files["public.ics"], "executive meeting")
    assert str(ev["SUMMARY"]) == "executive meeting: 区政府第一次常务会议"
    assert "2. topic (not public) (presented by 副区长丙 (for 副区长丁))" in str(ev["DESCRIPTION"])


# ---- through `planner plan` and `planner ics` ----
runner = CliRunner()


def test_plan_writes_calendars_and_replanning_updates_them(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    out = tmp_path / "out"
    first = write_scenario(tmp_path, scenario(base), "june.yaml")
    run_plan(first, out, FAST)
    before = (out / "ics" / "office.ics").read_bytes()
    state = json.loads((out / "ics" / "state.json").read_text(encoding="utf-8"))
    assert state["source"] == str(first.resolve())
    # change a leave and plan again into the same folder
    second = write_scenario(tmp_path, scenario(base, True), "june.yaml")
    run_plan(second, out, FAST)
    after = items((out / "ics" / "office.ics").read_bytes())
    assert after.keys() == items(before).keys()
    assert sorted((str(c["STATUS"]), c["SEQUENCE"]) for c in after.values()) == [
        ("CANCELLED", 1),
        ("CANCELLED", 1),
        ("COMPLETED", 1),
        ("COMPLETED", 1),
        ("CONFIRMED", 1),
    ]
    for path in (out / "ics").glob("*.ics"):
        cross_check(path.read_bytes())


def test_ics_command(tmp_path: Path, base: dict[str, Any]) -> None:
    out = tmp_path / "out"
    path = write_scenario(tmp_path, scenario(base), "june.yaml")
    run_plan(path, out, FAST)
    target = tmp_path / "cal"
    result = runner.invoke(app, ["ics", str(out), "--out", str(target), "--invitations"])
    assert result.exit_code == 0, result.output
    assert "已写入 13 个日历文件" in result.output
    for name in ("office.ics", "public.ics", "person-vm1.ics", "dept-b.ics"):
        assert (target / name).read_bytes() == (out / "ics" / name).read_bytes()
    assert sorted(p.name for p in (target / "invitations").iterdir()) == [
        "exec-1.request.ics",
        "tm-1.request.ics",
    ]
    only = tmp_path / "only"
    result = runner.invoke(
        app,
        [
            "ics",
            str(out / "plan.json"),
            "--out",
            str(only),
            "--for",
            "vm1",
            "--for",
            "b",
            "--public",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["calendars"] == ["dept-b.ics", "person-vm1.ics", "public.ics"]
    assert sorted(p.name for p in only.iterdir()) == [
        "dept-b.ics",
        "person-vm1.ics",
        "public.ics",
        "state.json",
    ]
    bad = runner.invoke(app, ["ics", str(out), "--out", str(only), "--for", "nobody"])
    assert bad.exit_code == 2 and "nobody" in bad.output
    # a plan folder with no calendar state does not say which scenario it came from
    (out / "ics" / "state.json").unlink()
    missing = runner.invoke(app, ["ics", str(out), "--out", str(tmp_path / "x"), "--lang", "en"])
    assert missing.exit_code == 2
    assert "--scenario" in missing.output
    named = runner.invoke(
        app, ["ics", str(out), "--out", str(tmp_path / "x"), "--scenario", str(path)]
    )
    assert named.exit_code == 0, named.output
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(
        app, ["ics", str(broken), "--scenario", str(path), "--out", str(tmp_path / "y")]
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("minutes", [(60,), (2880, 15, 5)])
def test_alarm_minutes_come_from_the_rulebook(
    build: Build, base: dict[str, Any], minutes: tuple[int, ...]
) -> None:
    data = scenario(base)
    data["rules"] = {"alarm_minutes": list(minutes), "organizer_email": "office@gov.example"}
    loaded = build(data)
    plan = plan_scenario(loaded, FAST)
    result = build_calendars(loaded, plan, "zh", None, T0)
    ev = by_summary(result.files["office.ics"], "常务会议")
    assert sorted(a["TRIGGER"].dt for a in ev.walk("VALARM")) == sorted(
        timedelta(minutes=-m) for m in minutes
    )
    assert str(ev["ORGANIZER"]) == "mailto:office@gov.example"
    assert "office@gov.example" not in unfolded(result.files["public.ics"])


def test_state_survives_a_damaged_file(tmp_path: Path) -> None:
    bad = tmp_path / "state.json"
    bad.write_text("not json", encoding="utf-8")
    assert State.read(bad).entries == {}
    assert State.read(tmp_path / "missing.json").entries == {}
