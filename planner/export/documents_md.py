"""The "Documents" section of calendar.md: each document's signer and issue date, and the
steps that fall due this horizon (who acts, for whom, by when, under which article)."""

from __future__ import annotations

from typing import Any

from planner.export.calendar_md import md_text as _md
from planner.export.names import Namer
from planner.messages import render
from planner.plan import Plan
from planner.routing.render import article_text


def _step_label(step: dict[str, Any], namer: Namer) -> str:
    label = render(f"step.{step['step']}", namer.lang)
    if step.get("department") and step["step"] != "draft_approval":
        dept = namer.department(step["department"])
        label += f"（{dept}）" if namer.lang != "en" else f" ({dept})"
    return label


def _assignee(step: dict[str, Any], namer: Namer) -> str:
    who = namer.person(step.get("assignee"))
    if step.get("acting_for"):
        owner = namer.person(step["acting_for"])
        who = render("md.presenter_acting", namer.lang, presenter=who, owner=owner)
    return who


def _in_horizon(due: str | None, horizon: tuple[str, str] | None) -> bool:
    if due is None:
        return False
    return horizon is None or horizon[0] <= due <= horizon[1]


def documents_markdown(plan: Plan, namer: Namer) -> list[str]:
    lang = namer.lang
    horizon = (plan.horizon[0].isoformat(), plan.horizon[1].isoformat()) if plan.horizon else None
    unknown = render("md.doc_unknown", lang)
    out = [f"## {render('md.documents', lang)}", ""]
    out.append(render("md.doc_overview", lang))
    out.append("|---|---|---|---|")
    for doc in plan.documents:
        title = _md(doc.get("title") or doc["id"])
        due_here = sum(1 for s in doc.get("steps", []) if _in_horizon(s.get("due"), horizon))
        signer = _md(namer.person(doc.get("signer")))
        out.append(
            f"| {title} ({doc['id']}) | {signer} | {doc.get('issue_by') or unknown} | {due_here} |"
        )
    out.append("")
    for doc in plan.documents:
        steps = doc.get("steps", [])
        out.append(f"### {_md(doc.get('title') or doc['id'])} ({doc['id']})")
        out.append("")
        signer = _md(namer.person(doc.get("signer")))
        out.append(
            render("md.doc_issue", lang, signer=signer, issue_by=doc.get("issue_by") or unknown)
        )
        out.append("")
        here = [s for s in steps if _in_horizon(s.get("due"), horizon)]
        if here:
            out.append(render("md.doc_due_here", lang))
            out.append("")
            out.append(render("md.doc_head", lang))
            out.append("|---|---|---|---|---|")
            for s in here:
                label = _md(_step_label(s, namer))
                who = _md(_assignee(s, namer))
                clause = doc.get("signer_clause") if s["step"] == "sign" else None
                article = article_text(namer, s["article"], clause)
                out.append(f"| {s['stage']} | {label} | {who} | {s['due']} | {article} |")
        else:
            out.append(render("md.doc_none_due", lang))
        outside = [s for s in steps if s not in here]
        if outside:
            listed = render("word.sep", lang).join(
                f"{_md(_step_label(s, namer))} {s.get('due') or unknown}" for s in outside
            )
            out.append("")
            out.append(render("md.doc_outside", lang, count=len(outside), steps=listed))
        out.append("")
    return out
