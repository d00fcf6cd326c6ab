"""Secrets never travel: across the bundled scenarios and a generated one, no non-public
topic title and no classified document reaches public.ics, a department's calendar, the
calendar of someone who does not attend its meeting, or the command's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from cli import app
from planner.pipeline import render_outputs
from planner.plan import Plan, PlannedMeeting
from planner.scenario import Loaded, load_scenario
from planner.schedule import SolveOptions, plan_scenario
from tests.conftest import DEMO, OCTOBER

OFFICE_ROLES = ("office_director", "office_deputy")


def texts(ics: bytes) -> str:
    """Every text value of a calendar file, unfolded and unescaped, one per line."""
    out = []
    for component in Calendar.from_ical(ics).walk():
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"):
            if name in component:
                out.append(str(component[name]))
    return "\n".join(out)


def attends(loaded: Loaded, plan: Plan, m: PlannedMeeting) -> set[str]:
    """People who attend a meeting: chair, members present, presenters, stand-ins,
    attendees and heads of attending departments present, and the office's leaders."""
    scenario = loaded.scenario
    people = {m.chair, *m.present, *m.attendees, *m.optional_attendees}
    people |= {a.stand_in for a in m.absent if a.stand_in}
    people |= {t.presenter for t in plan.topics if t.meeting == m.id and t.presenter}
    for d in m.attending:
        head = scenario.head_of(d)
        if head is not None:
            people.add(head.id)
    if m.kind != "topic":
        people |= {p.id for p in scenario.people if p.role in OFFICE_ROLES}
    return people


def scenarios() -> list[Path]:
    return [DEMO, OCTOBER]


@pytest.mark.parametrize("path", scenarios(), ids=lambda p: p.stem)
def test_no_secret_reaches_who_should_not_see_it(path: Path) -> None:
    loaded = load_scenario(path)
    plan = plan_scenario(loaded, SolveOptions(work_budget=5))
    files = render_outputs(loaded, plan, "zh", None)
    calendars = {name: texts(data) for name, data in files.items() if name.endswith(".ics")}
    secret_topics = [t for t in loaded.scenario.topics if not t.public]
    classified = [d for d in loaded.scenario.documents if d.classification != "none"]
    assert secret_topics and calendars
    for t in secret_topics:
        pt = plan.topic(t.id)
        m = plan.meeting(pt.meeting) if pt and pt.meeting else None
        allowed = attends(loaded, plan, m) if m else set()
        for name, text in calendars.items():
            if t.title not in text:
                continue
            assert name == "ics/office.ics" or (
                name.startswith("ics/person-") and name[len("ics/person-") : -4] in allowed
            ), f"{t.id} leaks into {name}"
    for d in classified:
        for name, text in calendars.items():
            assert d.title not in text, f"{d.id} leaks into {name}"
    public = files["ics/public.ics"].decode("utf-8")
    assert "mailto:" not in public and "@" not in public


def test_command_output_shows_no_secret(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(DEMO), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    loaded = load_scenario(DEMO)
    for t in loaded.scenario.topics:
        if not t.public:
            assert t.title not in result.output
    for d in loaded.scenario.documents:
        if d.classification != "none":
            assert d.title not in result.output
