"""From a scenario file to a written plan folder: the library behind `planner plan`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.export.calendar_md import calendar_markdown
from planner.export.ics import finish as ics_finish
from planner.output import write_folder
from planner.plan import Plan
from planner.routing import finish as route_finish
from planner.scenario import Loaded, load_scenario
from planner.schedule import SolveOptions, plan_scenario
from planner.schedule.objective import Reference


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass
class PlanRun:
    loaded: Loaded
    plan: Plan
    files: dict[str, bytes]


# Steps that add to a plan after the solver (documents routing, calendars): each takes the
# loaded scenario, the plan, the language and the previous output folder (or None), and
# returns files to write. They may also add to plan.documents and plan.warnings.
Finisher = Callable[[Loaded, Plan, str, Path | None], dict[str, bytes]]


# Routing first: it fills plan.documents, which the calendars read.
FINISHERS: tuple[Finisher, ...] = (route_finish, ics_finish)


def render_outputs(
    loaded: Loaded, plan: Plan, lang: str, previous: Path | None
) -> dict[str, bytes]:
    """Every file of a plan folder, in memory."""
    files: dict[str, bytes] = {}
    for finish in FINISHERS:
        files.update(finish(loaded, plan, lang, previous))
    files["plan.json"] = dump_json(plan.to_json(lang))
    files["calendar.md"] = calendar_markdown(loaded, plan, lang).encode("utf-8")
    return files


def run_plan(
    scenario_path: Path,
    out: Path | None,
    options: SolveOptions,
    reference: Reference | None = None,
    hint: Reference | None = None,
    loaded: Loaded | None = None,
    previous: Path | None = None,
) -> PlanRun:
    """Load, plan, render and (if `out` is given) write the folder atomically.

    Calendars keep UIDs and raise SEQUENCE against `previous` (a plan folder), by default
    the plan already in `out`; a what-if variant passes its base's folder.
    """
    loaded = loaded or load_scenario(scenario_path)
    plan = plan_scenario(loaded, options, reference, hint)
    if previous is None or not (previous / "plan.json").exists():
        previous = out if out is not None and (out / "plan.json").exists() else None
    files = render_outputs(loaded, plan, options.lang, previous)
    if out is not None:
        write_folder(out, files)
    return PlanRun(loaded, plan, files)
