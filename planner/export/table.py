"""The month as a rich table on the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from planner.export.names import Namer
from planner.messages import render
from planner.plan import Plan
from planner.scenario import Loaded


def month_table(loaded: Loaded, plan: Plan, lang: str = "zh") -> Table:
    namer = Namer(loaded.scenario, lang)
    table = Table(title=loaded.scenario.title, show_lines=False)
    for key in (
        "table.date",
        "table.half",
        "table.meeting",
        "table.chair",
        "table.agenda",
        "table.absent",
    ):
        table.add_column(render(key, lang))
    for m in plan.meetings:
        chair = namer.person(m.chair)
        if m.chair_acting_for:
            chair = render(
                "md.chair_acting", lang, chair=chair, owner=namer.person(m.chair_acting_for)
            )
        table.add_row(
            m.day.isoformat(),
            namer.half(m.half),
            namer.meeting(m.id),
            chair,
            str(len(m.agenda)),
            render("word.sep", lang).join(namer.person(a.person) for a in m.absent),
        )
    return table


def print_summary(console: Console, loaded: Loaded, plan: Plan, lang: str = "zh") -> None:
    console.print(month_table(loaded, plan, lang))
    placed = sum(1 for t in plan.topics if t.meeting is not None)
    console.print(
        render(
            "table.summary",
            lang,
            meetings=len(plan.meetings),
            topics=placed,
            deferred=len(plan.topics) - placed,
            unscheduled=len(plan.unscheduled),
            warnings=len(plan.warnings),
        )
    )
