"""Routes as the office reads them: a terminal table, Graphviz DOT and a Mermaid flowchart."""

from __future__ import annotations

import re
from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text

from planner.export.names import Namer
from planner.messages import join, render
from planner.reasons import Reason
from planner.routing.route import Route, Step, workdays_between
from planner.workdays import UncoveredYear, WorkCalendar

# A font with CJK glyphs, so that Graphviz draws Chinese labels (fontconfig falls back to a
# similar font where this one is not installed).
DOT_FONT = "Noto Sans CJK SC"


def article_text(namer: Namer, article: int, clause: int | None = None) -> str:
    """第59条第（五）项 / Art. 59 (5); without a clause just the article."""
    if clause is None:
        return namer.article(article)
    numerals = render("route.numerals", namer.lang).split("|")
    shown = numerals[clause - 1] if 0 < clause <= len(numerals) else str(clause)
    return render("route.clause", namer.lang, article=article, clause=shown)


def step_label(namer: Namer, step: Step) -> str:
    label = render(f"step.{step.step}", namer.lang)
    if step.department is not None and step.step != "draft_approval":
        dept = namer.department(step.department)
        label += f"（{dept}）" if namer.lang != "en" else f" ({dept})"
    return label


def acting_text(namer: Namer, step: Step) -> str:
    person = namer.person(step.assignee)
    if step.lapsed:
        return render("route.lapsed", namer.lang, person=person)
    if step.acting_for is not None:
        person = render(
            "route.acting_for", namer.lang, person=person, owner=namer.person(step.acting_for)
        )
    if step.waited:
        person = render("route.waited", namer.lang, person=person)
    return person


def day(d: date | None) -> str:
    return d.isoformat() if d else "—"


def critical_text(namer: Namer, route: Route, calendar: WorkCalendar) -> str:
    by_key = {s.key: s for s in route.steps}
    arrow = " → "
    path = arrow.join(step_label(namer, by_key[k]) for k in route.critical_path)
    days: int | str = "—"
    if route.issue_by is not None:
        try:
            days = workdays_between(calendar, route.document.start, route.issue_by)
        except UncoveredYear:
            days = "—"
    return render("route.critical", namer.lang, days=days, path=path)


def header_lines(namer: Namer, route: Route) -> list[str]:
    lang = namer.lang
    signing = route.signing
    lines = [
        render(
            "route.signer",
            lang,
            signer=namer.person(signing.signer),
            article=article_text(namer, signing.article, signing.clause),
        )
    ]
    if signing.co_signers:
        names = join([namer.person(p) for p in signing.co_signers], lang)
        lines.append(render("route.co_signers", lang, names=names))
    if route.issue_by is not None:
        lines.append(render("route.issue_by", lang, date=route.issue_by.isoformat()))
    else:
        lines.append(render("route.issue_unknown", lang))
    return lines


def warning_line(namer: Namer, reason: Reason) -> str:
    arts = ", ".join(namer.article(a) for a in (reason.article, *reason.extra_articles))
    return f"[{arts}] {reason.message(namer.lang)}"


def route_table(namer: Namer, route: Route) -> Table:
    lang = namer.lang
    doc = route.document
    # Names and titles are plain text: Text cells keep rich from reading "[...]" as markup
    # or ":100:" as an emoji code.
    table = Table(title=Text(f"{doc.id} {doc.title}"), title_justify="left", show_lines=False)
    for key in ("stage", "step", "owner", "acting", "due", "article"):
        # Long department names fold inside their cell; numbers, names and dates never wrap.
        wraps = key in ("step", "acting")
        table.add_column(render(f"route.col.{key}", lang), overflow="fold", no_wrap=not wraps)
    critical = set(route.critical_path)
    for step in route.steps:
        clause = route.signing.clause if step.step == "sign" else None
        cells = (
            str(step.stage),
            step_label(namer, step),
            namer.person(step.owner),
            acting_text(namer, step),
            day(step.due),
            article_text(namer, step.article, clause),
        )
        table.add_row(*(Text(c) for c in cells), style="bold" if step.key in critical else None)
    return table


def route_view(namer: Namer, route: Route, calendar: WorkCalendar) -> Group:
    """One route for the terminal: the table, signer and issue date, critical path, warnings."""
    lines = [Text(line) for line in header_lines(namer, route)]
    lines.append(Text(critical_text(namer, route, calendar)))
    lines.extend(Text(warning_line(namer, w), style="yellow") for w in route.warnings)
    return Group(route_table(namer, route), *lines, Text(""))


# ---- Graphviz DOT ----


def _dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _node_text(namer: Namer, step: Step) -> str:
    who = acting_text(namer, step)
    return f"{step_label(namer, step)}\n{who}\n{render('route.due', namer.lang, due=day(step.due))}"


def dot_graph(namer: Namer, routes: list[Route]) -> str:
    """Every route as one Graphviz digraph: a cluster per document, one per stage inside it,
    the critical path drawn bold."""
    font = _dot(DOT_FONT)
    out = [
        'digraph "routes" {',
        f'  graph [fontname={font}, rankdir=LR, compound=true, charset="UTF-8"];',
        f"  node [fontname={font}, shape=box, style=rounded];",
        f"  edge [fontname={font}];",
    ]
    for route in routes:
        doc = route.document
        critical = set(route.critical_path)
        out.append(f"  subgraph {_dot('cluster_' + doc.id)} {{")
        out.append(f"    label={_dot(doc.id + ' ' + doc.title)};")
        for stage in sorted({s.stage for s in route.steps}):
            out.append(f"    subgraph {_dot(f'cluster_{doc.id}_{stage}')} {{")
            out.append(
                f"      label={_dot(render('route.stage', namer.lang, n=stage))}; style=dashed;"
            )
            for s in (s for s in route.steps if s.stage == stage):
                width = ", penwidth=2" if s.key in critical else ""
                node, label = _dot(doc.id + "/" + s.key), _dot(_node_text(namer, s))
                out.append(f"      {node} [label={label}{width}];")
            out.append("    }")
        out.append("  }")
        on_path = set(zip(route.critical_path, route.critical_path[1:], strict=False))
        for u, v in route.graph.edges:
            style = " [penwidth=2]" if (u, v) in on_path else ""
            out.append(f"  {_dot(doc.id + '/' + u)} -> {_dot(doc.id + '/' + v)}{style};")
    out.append("}")
    return "\n".join(out) + "\n"


# ---- Mermaid ----


def _mid(doc_id: str, key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", f"{doc_id}__{key}")


def _mermaid_text(text: str) -> str:
    return '"' + text.replace('"', "#quot;").replace("\n", "<br/>") + '"'


def _mermaid_body(namer: Namer, route: Route) -> list[str]:
    doc = route.document
    out: list[str] = []
    for stage in sorted({s.stage for s in route.steps}):
        label = _mermaid_text(render("route.stage", namer.lang, n=stage))
        out.append(f"  subgraph {_mid(doc.id, f'stage{stage}')}[{label}]")
        for s in (s for s in route.steps if s.stage == stage):
            out.append(f"    {_mid(doc.id, s.key)}[{_mermaid_text(_node_text(namer, s))}]")
        out.append("  end")
    on_path = set(zip(route.critical_path, route.critical_path[1:], strict=False))
    for u, v in route.graph.edges:
        arrow = "==>" if (u, v) in on_path else "-->"
        out.append(f"  {_mid(doc.id, u)} {arrow} {_mid(doc.id, v)}")
    return out


def _mermaid_critical(routes: list[Route]) -> list[str]:
    ids = [_mid(r.document.id, k) for r in routes for k in r.critical_path]
    if not ids:
        return []
    return ["  classDef critical stroke-width:3px", f"  class {','.join(ids)} critical"]


def mermaid_flowchart(namer: Namer, route: Route) -> str:
    """One route as a Mermaid flowchart: a subgraph per stage, the critical path bold."""
    return "\n".join(["flowchart LR", *_mermaid_body(namer, route), *_mermaid_critical([route])])


def mermaid_markdown(namer: Namer, routes: list[Route]) -> str:
    """A Markdown page with a rendered flowchart per document."""
    out: list[str] = []
    for route in routes:
        doc = route.document
        out.append(f"## {doc.id} {' '.join(doc.title.split())}")
        out.append("")
        out.extend(f"- {line}" for line in header_lines(namer, route))
        out.append("")
        out.append("```mermaid")
        out.append(mermaid_flowchart(namer, route))
        out.append("```")
        out.append("")
    return "\n".join(out)


def mermaid_raw(namer: Namer, routes: list[Route]) -> str:
    """Every route in one Mermaid flowchart (for .mmd files): a subgraph per document."""
    out = ["flowchart LR"]
    for route in routes:
        doc = route.document
        out.append(f"  subgraph {_mid(doc.id, 'doc')}[{_mermaid_text(doc.id + ' ' + doc.title)}]")
        out.extend("  " + line for line in _mermaid_body(namer, route))
        out.append("  end")
    out.extend(_mermaid_critical(routes))
    return "\n".join(out) + "\n"
