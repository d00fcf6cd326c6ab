"""The "Documents" section of calendar.md: each document's issue date and its steps."""

from __future__ import annotations

from planner.export.names import Namer
from planner.messages import render
from planner.plan import Plan


def documents_markdown(plan: Plan, namer: Namer) -> list[str]:
    lang = namer.lang
    out = [f"## {render('md.documents', lang)}", ""]
    for doc in plan.documents:
        title = doc.get("title") or doc["id"]
        out.append(f"### {title} ({doc['id']})")
        out.append("")
        out.append(
            render(
                "md.doc_issue",
                lang,
                signer=namer.person(doc.get("signer")),
                issue_by=doc.get("issue_by") or "—",
            )
        )
        out.append("")
        out.append(render("md.doc_head", lang))
        out.append("|---|---|---|---|---|")
        for step in doc.get("steps", []):
            who = namer.person(step.get("assignee"))
            if step.get("acting_for"):
                who = render(
                    "md.presenter_acting",
                    lang,
                    presenter=who,
                    owner=namer.person(step["acting_for"]),
                )
            label = render(f"step.{step['step']}", lang)
            if step.get("department"):
                label += (
                    f"（{namer.department(step['department'])}）"
                    if lang != "en"
                    else f" ({namer.department(step['department'])})"
                )
            out.append(
                f"| {step['stage']} | {label} | {who} | {step.get('due') or '—'} | {namer.article(step['article'])} |"
            )
        out.append("")
    return out
