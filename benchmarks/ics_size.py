"""Sizes and write times of the calendars: the demo month, and a synthetic year of meetings.

    python -m benchmarks.ics_size [--work-budget 5]

The year is a Plan built here (no solver): the demo's people and departments, 12 months
of 2 executive meetings, 2 mayor's office meetings and 8 topic meetings each, with the
demo's topics copied under new ids onto their agendas. Each case is timed three ways:
building every calendar in memory, writing the plan folder's `ics/` (atomically, as
`planner plan` does), and re-building with the previous state (nothing changed).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from planner.export.ics import build_calendars
from planner.model import Topic
from planner.output import write_folder
from planner.plan import Absence, Plan, PlannedMeeting, PlannedTopic, SolverInfo
from planner.scenario import Loaded, load_scenario
from planner.schedule import SolveOptions, plan_scenario

DEMO = Path(__file__).resolve().parent.parent / "scenarios" / "yanzhou-2026-06.yaml"


def year_of_meetings(loaded: Loaded, year: int = 2026) -> tuple[Loaded, Plan]:
    """A synthetic year: 144 meetings, their agendas, absentees and materials-due dates."""
    s = loaded.scenario
    cal = loaded.calendar
    leaders = [p.id for p in s.people if p.is_leader]
    mayor = s.mayor.id if s.mayor else leaders[0]
    heads = {p.department: p.id for p in s.people if p.role == "department_head" and p.department}
    templates = list(s.topics)
    topics: list[Topic] = []
    meetings: list[PlannedMeeting] = []
    planned: list[PlannedTopic] = []
    n = 0

    def workdays(month: int) -> list[date]:
        d = date(year, month, 1)
        out = []
        while d.month == month:
            if cal.is_workday(d):
                out.append(d)
            d += timedelta(days=1)
        return out

    def due(day: date) -> date:
        d, left = day, loaded.rulebook.materials_lead_workdays
        while left:
            d -= timedelta(days=1)
            if cal.is_workday(d):
                left -= 1
        return d

    for month in range(1, 13):
        days = workdays(month)
        plan_of = [("executive", 4), ("executive", 14), ("mayor_office", 2), ("mayor_office", 12)]
        plan_of += [("topic", i) for i in (0, 3, 5, 7, 9, 11, 15, 17)]
        for k, (kind, idx) in enumerate(plan_of):
            day = days[min(idx, len(days) - 1)]
            half = "am" if k % 2 == 0 else "pm"
            start, end = ("08:30", "11:30") if half == "am" else ("14:30", "17:30")
            count = {"executive": 6, "mayor_office": 3, "topic": 1}[kind]
            agenda: list[str] = []
            attending: list[str] = []
            chair = mayor if kind != "topic" else leaders[1 + k % (len(leaders) - 1)]
            mid = f"{kind[:4]}-{month:02d}-{k:02d}"
            for j in range(count):
                t = templates[(n + j) % len(templates)]
                tid = f"y{n + j:04d}"
                topics.append(dataclasses.replace(t, id=tid, title=f"{t.title}（{month}月）"))
                agenda.append(tid)
                attending += [d for d in (t.department, *t.attending) if d not in attending]
                planned.append(PlannedTopic(tid, mid, t.vice_mayor, None, due(day), j + 1))
            n += count
            absent = (
                (Absence(leaders[2 + month % (len(leaders) - 2)], leaders[1], "出差"),)
                if kind != "topic"
                else ()
            )
            present = tuple(p for p in leaders if p not in {a.person for a in absent})
            if kind == "topic":
                present = (chair, *(heads[d] for d in attending[:3] if d in heads))
            meetings.append(
                PlannedMeeting(
                    mid,
                    kind,
                    day,
                    half,
                    start,
                    end,
                    chair,
                    None,
                    present,
                    absent,
                    tuple(attending),
                    tuple(agenda),
                    f"{mid} 会议",
                    None,
                    "区政府常务会议室",
                )
            )
    scenario = s.replace(
        start=date(year, 1, 1), end=date(year, 12, 31), topics=tuple(topics), documents=()
    )
    info = SolverInfo("SYNTHETIC", None, None, 0.0)
    plan = Plan(s.title, info, meetings, [], planned, horizon=(scenario.start, scenario.end))
    return dataclasses.replace(loaded, scenario=scenario), plan


def measure(label: str, loaded: Loaded, plan: Plan) -> None:
    t0 = time.perf_counter()
    result = build_calendars(loaded, plan, "zh")
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        files = {f"ics/{k}": v for k, v in result.files.items()}
        files["ics/state.json"] = result.state.dumps()
        t2 = time.perf_counter()
        write_folder(Path(tmp) / "plan", files)
        t3 = time.perf_counter()
    build_calendars(loaded, plan, "zh", result.state)
    t4 = time.perf_counter()
    sizes = {k: len(v) for k, v in result.files.items()}
    events = result.files["office.ics"].count(b"BEGIN:VEVENT")
    todos = result.files["office.ics"].count(b"BEGIN:VTODO")
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
    print(f"## {label}")
    print(f"meetings {len(plan.meetings)}, events in office.ics {events}, to-dos {todos}")
    print(
        f"files {len(sizes)}, total {sum(sizes.values()) / 1024:.0f} KiB, state.json "
        f"{len(result.state.dumps()) / 1024:.0f} KiB"
    )
    print("largest: " + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in biggest))
    print(f"public.ics {sizes['public.ics'] / 1024:.1f} KiB")
    print(
        f"build {t1 - t0:.2f} s, write folder {t3 - t2:.2f} s, rebuild with state {t4 - t3:.2f} s"
    )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work-budget", type=float, default=5.0)
    args = parser.parse_args()
    loaded = load_scenario(DEMO)
    plan = plan_scenario(loaded, SolveOptions(work_budget=args.work_budget))
    measure("demo month (June 2026)", loaded, plan)
    year_loaded, year_plan = year_of_meetings(loaded)
    measure("a year of meetings (synthetic, 2026)", year_loaded, year_plan)


if __name__ == "__main__":
    main()
