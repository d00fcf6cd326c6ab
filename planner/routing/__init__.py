"""Routing official documents (公文, Chapter 9): who acts, in which order, by when.

`table` holds the routing rules as data, `signer` one function per case of Art. 59,
`owners` who owns each step, `graph` the networkx route, `standins` who acts when an owner
is away, `meetings` the meeting that deliberates a document, `checks` the Art. 53/54
warnings, `route` puts them together, `render` prints and draws routes, `command` is the
library behind `planner route`.
"""

from __future__ import annotations

from pathlib import Path

from planner.plan import Plan
from planner.routing.route import Route, Router, route_documents
from planner.routing.table import TableError, parse_table, table_for
from planner.scenario import Loaded

__all__ = ["Route", "Router", "TableError", "finish", "parse_table", "route_documents", "table_for"]


def finish(loaded: Loaded, plan: Plan, lang: str, previous_dir: Path | None) -> dict[str, bytes]:
    """Pipeline finisher: fill `plan.documents` and add the routes' warnings to the plan."""
    from planner.routing.command import checked_table

    table = checked_table(loaded)
    routes = Router(loaded, plan, table).route_all(loaded.scenario.documents)
    plan.documents = [r.to_json() for r in routes]
    plan.warnings.extend(w for r in routes for w in r.warnings)
    return {}
