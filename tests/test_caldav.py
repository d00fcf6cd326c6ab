"""`planner publish` against a real Radicale server on 127.0.0.1 (started per test module).

Upload, read back, re-plan, upload again: the same objects (no duplicates), new times,
cancelled meetings cancelled on the server, and nothing uploaded when nothing changed.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from caldav.davclient import DAVClient
from typer.testing import CliRunner

from cli import app
from planner.caldav_publish import PublishError, publish_calendars, versions
from planner.export.ics import build_calendars
from planner.export.ics_state import State
from planner.scenario import Loaded
from planner.schedule import plan_scenario
from tests.test_ics import FAST, T0, T1, scenario

pytest.importorskip("radicale")

Build = Callable[[dict[str, Any]], Loaded]
USER, PASSWORD = "office", "s3cret-pw"
CLERK = "clerk"  # a second account, with an empty calendar home


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server with htpasswd (plain) auth and a temporary storage folder."""
    root = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    (root / "users").write_text(f"{USER}:{PASSWORD}\n{CLERK}:{PASSWORD}\n", encoding="utf-8")
    config = root / "config"
    config.write_text(
        "\n".join(
            [
                "[server]",
                f"hosts = 127.0.0.1:{port}",
                "[auth]",
                "type = htpasswd",
                f"htpasswd_filename = {root / 'users'}",
                "htpasswd_encryption = plain",
                "delay = 0",
                "[storage]",
                f"filesystem_folder = {root / 'collections'}",
                "[logging]",
                "level = warning",
                "",
            ]
        ),
        encoding="utf-8",
    )
    log = (root / "log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)], stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((root / "log").read_text(errors="replace")) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def write(folder: Path, files: dict[str, bytes]) -> Path:
    (folder / "ics").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / "ics" / name).write_bytes(data)
    return folder


def server_items(url: str, calendar: str) -> list[icalendar.Component]:
    client = DAVClient(url=url, username=USER, password=PASSWORD)
    found = [
        c
        for c in client.principal().calendars()  # type: ignore[no-untyped-call]
        if str(c.url).rstrip("/").endswith("/" + calendar)
    ]
    assert len(found) == 1
    out: list[icalendar.Component] = []
    for obj in found[0].search():
        parsed = icalendar.Calendar.from_ical(obj.data)
        assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Asia/Shanghai"]
        out.extend(c for c in parsed.subcomponents if c.name in ("VEVENT", "VTODO"))
    return out


def test_round_trip_updates_in_place(
    radicale: str, tmp_path: Path, build: Build, base: dict[str, Any]
) -> None:
    loaded = build(scenario(base))
    plan = plan_scenario(loaded, FAST)
    first = build_calendars(loaded, plan, "zh", State(), T0)
    folder = write(tmp_path / "june", first.files)
    names = ("office", "public", "person-vm1", "dept-b")
    report = {r.calendar: r for r in publish_calendars(folder, radicale, USER, PASSWORD, names)}
    assert {k: (r.added, r.updated, r.unchanged, r.total) for k, r in report.items()} == {
        "office": (5, 0, 0, 5),
        "public": (2, 0, 0, 2),
        "person-vm1": (2, 0, 0, 2),
        "dept-b": (3, 0, 0, 3),
    }
    office = {str(c["UID"]): c for c in server_items(radicale, "office")}
    local = icalendar.Calendar.from_ical(first.files["office.ics"])
    assert office.keys() == {str(c["UID"]) for c in local.walk() if c.name in ("VEVENT", "VTODO")}
    exec_uid = next(u for u, c in office.items() if "常务会议" in str(c["SUMMARY"]))
    tm_uid = next(u for u, c in office.items() if "甲局工作专题会议" in str(c["SUMMARY"]))
    assert office[exec_uid]["DTSTART"].dt.isoformat() == "2026-06-03T08:30:00+08:00"
    assert office[exec_uid]["SEQUENCE"] == 0

    # re-plan (a leave changed) and upload again
    loaded2 = build(scenario(base, variant=True))
    plan2 = plan_scenario(loaded2, FAST)
    second = build_calendars(loaded2, plan2, "zh", first.state, T1)
    write(folder, second.files)
    report = {r.calendar: r for r in publish_calendars(folder, radicale, USER, PASSWORD, names)}
    assert {k: (r.added, r.updated, r.unchanged, r.total) for k, r in report.items()} == {
        "office": (0, 5, 0, 5),
        "public": (0, 2, 0, 2),
        "person-vm1": (0, 2, 0, 2),
        "dept-b": (0, 3, 0, 3),
    }
    for name, count in (("office", 5), ("public", 2), ("person-vm1", 2), ("dept-b", 3)):
        uids = [str(c["UID"]) for c in server_items(radicale, name)]
        assert len(uids) == count == len(set(uids)), name  # same objects, no duplicates
    office = {str(c["UID"]): c for c in server_items(radicale, "office")}
    assert office[exec_uid]["DTSTART"].dt.isoformat() == "2026-06-05T08:30:00+08:00"
    assert office[exec_uid]["SEQUENCE"] == 1
    assert str(office[tm_uid]["STATUS"]) == "CANCELLED" and office[tm_uid]["SEQUENCE"] == 1
    public = {str(c["UID"]): c for c in server_items(radicale, "public")}
    assert str(public[tm_uid]["STATUS"]) == "CANCELLED"

    # nothing changed: nothing uploaded
    report = {r.calendar: r for r in publish_calendars(folder, radicale, USER, PASSWORD, names)}
    assert {k: (r.added, r.updated, r.unchanged) for k, r in report.items()} == {
        "office": (0, 0, 5),
        "public": (0, 0, 2),
        "person-vm1": (0, 0, 2),
        "dept-b": (0, 0, 3),
    }


def test_publish_command(radicale: str, tmp_path: Path, build: Build, base: dict[str, Any]) -> None:
    loaded = build(scenario(base))
    plan = plan_scenario(loaded, FAST)
    folder = write(tmp_path / "plan", build_calendars(loaded, plan, "zh", State(), T0).files)
    runner = CliRunner()
    args = ["publish", str(folder), "--caldav", radicale, "--user", CLERK, "--password-env"]
    unset = runner.invoke(app, [*args, "PLANNER_TEST_UNSET_PW"])
    assert unset.exit_code == 2 and "PLANNER_TEST_UNSET_PW" in unset.output
    refused = runner.invoke(app, [*args, "PLANNER_TEST_PW"], env={"PLANNER_TEST_PW": "wrong"})
    assert refused.exit_code == 1  # the server refuses the wrong password
    assert "CalDAV" in refused.output
    wrong = runner.invoke(
        app, [*args, "PLANNER_TEST_PW", "--calendar", "nope"], env={"PLANNER_TEST_PW": PASSWORD}
    )
    assert wrong.exit_code == 2 and "nope" in wrong.output
    ok = runner.invoke(app, [*args, "PLANNER_TEST_PW", "--json"], env={"PLANNER_TEST_PW": PASSWORD})
    assert ok.exit_code == 0, ok.output
    report = {r["calendar"]: r for r in json.loads(ok.output)}
    assert len(report) == 13
    assert report["office"]["added"] == 5 and report["person-h_j"]["total"] == 0


def test_unreachable_server_is_an_error(tmp_path: Path, build: Build, base: dict[str, Any]) -> None:
    loaded = build(scenario(base))
    plan = plan_scenario(loaded, FAST)
    folder = write(tmp_path / "plan", build_calendars(loaded, plan, "zh", State(), T0).files)
    with pytest.raises(PublishError):
        publish_calendars(folder, f"http://127.0.0.1:{_free_port()}/", USER, PASSWORD, ("office",))


def test_versions_reads_uid_sequence_stamp_status() -> None:
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:abc\r\n"
        "SEQUENCE:3\r\nDTSTAMP:20260101T000000Z\r\nSTATUS:CANCELLED\r\nBEGIN:VALARM\r\n"
        "UID:alarm\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert versions(data) == {"abc": ("3", "20260101T000000Z", "CANCELLED")}
