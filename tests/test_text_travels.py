"""Text that travels: titles and names with tabs, long strings or unusual Unicode are written
safely into calendars and calendar.md; line breaks and control characters are refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from planner.pipeline import render_outputs
from planner.scenario import InputError, Loaded
from planner.schedule import SolveOptions, plan_scenario
from tests.helpers import meeting, topic

Build = Callable[[dict[str, Any]], Loaded]

TRICKY = [
    "议题\t含制表符",
    "END:VEVENT\\nBEGIN:VEVENT;SUMMARY:x",
    "‮反向文字‬ and 👩‍💼 emoji",
    "| 表格 | 分隔 | <script>alert(1)</script> **粗体** [链接](http://x)",
    "长" * 300,
    "逗号,分号;冒号:反斜杠\\",
]


@pytest.mark.parametrize("title", TRICKY)
def test_tricky_titles_are_written_safely(base: dict[str, Any], build: Build, title: str) -> None:
    base["people"][2]["name"] = title[:60].replace("\t", " ")
    base["meetings"] = [meeting("m", title=title)]
    base["topics"] = [topic("t1", title=title)]
    loaded = build(base)
    plan = plan_scenario(loaded, SolveOptions(work_budget=2))
    files = render_outputs(loaded, plan, "zh", None)
    for name, data in files.items():
        if not name.endswith(".ics"):
            continue
        text = data.decode("utf-8")
        cal = Calendar.from_ical(text)
        events = list(cal.walk("VEVENT"))
        assert len(events) == (1 if name == "ics/office.ics" else len(events)) <= 1, name
        for event in events:
            assert str(event["SUMMARY"]).endswith(title)
        assert len(list(vobject.readComponents(text))) == 1
        for line in text.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75
    md = files["calendar.md"].decode("utf-8")
    grid = [line for line in md.splitlines() if line.startswith("| **")]
    assert all(line.count(" | ") == 6 for line in grid)  # seven cells a week, never more
    heading = [line for line in md.splitlines() if line.startswith("### ") and "(m)" in line]
    assert len(heading) == 1


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("第一行\n第二行", "field.line_break"),
        ("回\r车", "field.line_break"),
        ("分隔\u2028符", "field.line_break"),
        ("转义\x1b[31m红色", "field.control"),
        ("空\x00字节", "field.control"),
        ("长" * 301, "field.too_long"),
    ],
)
def test_unsafe_titles_are_refused(
    base: dict[str, Any], build: Build, value: str, key: str
) -> None:
    base["topics"] = [topic("t1", title=value)]
    with pytest.raises(InputError) as err:
        build(base)
    [p] = err.value.problems
    assert (p.key, p.place) == (key, ("topics", 0, "title"))


def test_bad_email_is_refused(base: dict[str, Any], build: Build) -> None:
    base["people"][0]["email"] = "zhang@x.cn\r\nATTENDEE:mailto:evil@x.cn"
    with pytest.raises(InputError) as err:
        build(base)
    assert [p.key for p in err.value.problems] == ["field.email"]
