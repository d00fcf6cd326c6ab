"""The library behind `planner route`: load, plan if a route needs a meeting, route, draw."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from planner.export.names import Namer
from planner.messages import render
from planner.output import OutputError
from planner.plan import Plan
from planner.routing.render import dot_graph, mermaid_markdown, mermaid_raw, route_view
from planner.routing.route import Route, Router
from planner.routing.table import Table, TableError, table_for
from planner.scenario import InputError, Loaded, Problem, load_scenario
from planner.schedule import SolveOptions, plan_scenario
from planner.yamlio import Place


def checked_table(loaded: Loaded) -> Table:
    """The scenario's routing table; an unusable one is an input error naming its place."""
    rows = loaded.rulebook.document_routes
    try:
        return table_for(rows)
    except TableError as exc:
        in_rules = any(name == "document_routes" for name, _ in loaded.scenario.rules)
        at: Place = ("rules", "document_routes") if in_rules else ("rulebook",)
        place: Place = (*at, *(p for p in (exc.index, exc.field) if p is not None))
        params = tuple(sorted(exc.params.items()))
        raise InputError([Problem(loaded.scenario.source, place, exc.key, params)]) from None


@dataclass
class RouteRun:
    """What `planner route` shows: the loaded scenario, the plan (if one was needed) and
    the routes."""

    loaded: Loaded
    plan: Plan | None
    routes: list[Route]

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "documents": [r.to_json() for r in self.routes],
            "warnings": [w.to_json(lang) for r in self.routes for w in r.warnings],
        }


def run_route(path: Path, document: str | None, options: SolveOptions) -> RouteRun:
    """Route the scenario's documents (or one); plan the horizon first only if a route has
    a meeting step (Art. 19), so that it meets the same meetings as `planner plan`."""
    loaded = load_scenario(path)
    table = checked_table(loaded)
    docs = [d for d in loaded.scenario.documents if document is None or d.id == document]
    if document is not None and not docs:
        problem = Problem(
            str(path), ("documents",), "route.unknown_document", (("value", document),)
        )
        raise InputError([problem])
    plan = None
    if any(Router(loaded, None, table).needs_deliberation(d) for d in docs):
        plan = plan_scenario(loaded, options)
    return RouteRun(loaded, plan, Router(loaded, plan, table).route_all(docs))


def print_routes(console: Console, run: RouteRun, lang: str) -> None:
    namer = Namer(run.loaded.scenario, lang)
    if not run.routes:
        console.print(render("route.none", lang), markup=False)
    for route in run.routes:
        console.print(route_view(namer, route, run.loaded.calendar))
    warnings = sum(len(r.warnings) for r in run.routes)
    console.print(
        render("route.summary", lang, documents=len(run.routes), warnings=warnings),
        markup=False,
        emoji=False,
    )


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 file atomically (never half-written); OutputError if it cannot."""
    target = path.resolve()
    if target.is_dir():
        raise OutputError("out.is_folder", path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError("out.unwritable", path, str(exc.strerror or exc)) from None


def write_graphs(run: RouteRun, lang: str, dot: Path | None, mermaid: Path | None) -> list[Path]:
    """Write the routes as Graphviz DOT and/or Mermaid; .mmd/.mermaid get a bare flowchart,
    any other name a Markdown page with one flowchart per document."""
    namer = Namer(run.loaded.scenario, lang)
    written: list[Path] = []
    if dot is not None:
        write_text(dot, dot_graph(namer, run.routes))
        written.append(dot)
    if mermaid is not None:
        raw = mermaid.suffix.lower() in (".mmd", ".mermaid")
        text = mermaid_raw(namer, run.routes) if raw else mermaid_markdown(namer, run.routes)
        write_text(mermaid, text)
        written.append(mermaid)
    return written
