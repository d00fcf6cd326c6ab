"""`calendar.md`: the month grid, each meeting in full, deferred topics, warnings."""

from __future__ import annotations

import calendar as pycal
from datetime import date

from planner.availability import Availability
from planner.export.names import Namer
from planner.messages import render
from planner.model import Slot
from planner.plan import Plan
from planner.scenario import Loaded


def md_text(text: str) -> str:
    """Make free text safe inside a Markdown line or table cell."""
    cleaned = " ".join(str(text).split())
    for ch in "|<>[]`*_#":
        cleaned = cleaned.replace(ch, "\\" + ch)
    return cleaned


def _reason_line(namer: Namer, article: int, message: str, extra: tuple[int, ...] = ()) -> str:
    arts = (
        "、".join(namer.article(a) for a in (article, *extra))
        if namer.lang != "en"
        else ", ".join(namer.article(a) for a in (article, *extra))
    )
    return f"{md_text(message)}（{arts}）" if namer.lang != "en" else f"{md_text(message)} ({arts})"


def month_grids(loaded: Loaded, plan: Plan, lang: str) -> list[str]:
    scenario = loaded.scenario
    cal = loaded.calendar
    avail = Availability(scenario, cal)
    by_day: dict[date, list[str]] = {}
    for m in plan.meetings:
        label = f"{m.id}{render('half.' + m.half, lang)}" if lang != "en" else f"{m.id} {m.half}"
        by_day.setdefault(m.day, []).append(md_text(label))
    lines: list[str] = []
    year, month = scenario.start.year, scenario.start.month
    while (year, month) <= (scenario.end.year, scenario.end.month):
        lines.append(f"### {render('md.month', lang, year=year, month=month)}")
        lines.append("")
        heads = render("md.weekdays", lang).split("|")
        lines.append("| " + " | ".join(heads) + " |")
        lines.append("|" + "---|" * 7)
        for week in pycal.Calendar(0).monthdatescalendar(year, month):
            cells = []
            for d in week:
                if d.month != month:
                    cells.append("")
                    continue
                parts = [f"**{d.day}**"]
                if not cal.is_workday(d):
                    parts.append(render("md.off", lang))
                elif d.weekday() >= 5:
                    parts.append(render("md.adjusted", lang))
                blocked = [h for h in ("am", "pm") if avail.blocked(Slot(d, h)) is not None]
                if blocked and cal.is_workday(d):
                    parts.append(
                        render("md.blocked", lang)
                        + "".join(render(f"half.{h}", lang) for h in blocked)
                    )
                parts.extend(by_day.get(d, []))
                cells.append("<br>".join(parts))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    lines.append(render("md.legend", lang))
    lines.append("")
    return lines


def calendar_markdown(loaded: Loaded, plan: Plan, lang: str = "zh") -> str:
    """The office's month calendar as Markdown."""
    scenario = loaded.scenario
    namer = Namer(scenario, lang)
    s = plan.solver
    out: list[str] = [f"# {md_text(scenario.title)}", ""]
    out.append(
        render(
            "md.generated",
            lang,
            start=scenario.start.isoformat(),
            end=scenario.end.isoformat(),
            status=s.status,
            objective=s.objective,
            bound=s.bound,
        )
    )
    out.append("")
    out.extend(month_grids(loaded, plan, lang))
    out.append(f"## {render('md.meetings', lang)}")
    out.append("")
    for m in plan.meetings:
        title = namer.meeting(m.id)
        out.append(f"### {md_text(title)} ({m.id})")
        out.append("")
        when = f"{m.day.isoformat()} {namer.half(m.half)} {m.start}–{m.end}"
        out.append(f"- {render('md.when', lang)}: {when}")
        if m.location or m.room:
            out.append(f"- {render('md.location', lang)}: {md_text(m.location or m.room or '')}")
        chair = namer.person(m.chair)
        if m.chair_acting_for:
            chair = render(
                "md.chair_acting", lang, chair=chair, owner=namer.person(m.chair_acting_for)
            )
        out.append(f"- {render('md.chair', lang)}: {chair}")
        sep = render("word.sep", lang)
        present = sep.join(namer.person(p) for p in m.present) or render("md.none", lang)
        out.append(f"- {render('md.present', lang)}: {present}")
        if m.absent:
            items = [
                render(
                    "md.absent_item",
                    lang,
                    person=namer.person(a.person),
                    reason=md_text(a.reason) or "—",
                    stand_in=namer.person(a.stand_in),
                )
                for a in m.absent
            ]
            out.append(f"- {render('md.absent', lang)}: {sep.join(items)}")
        if m.attending:
            depts = sep.join(namer.department(d) for d in m.attending)
            out.append(f"- {render('md.attending', lang)}: {depts}")
        out.append(f"- {render('md.agenda', lang)}:")
        if not m.agenda:
            out.append(f"  {render('md.no_agenda', lang)}")
        for tid in m.agenda:
            pt = plan.topic(tid)
            if pt is None:
                continue
            presenter = namer.person(pt.presenter)
            if pt.presenter_acting_for:
                presenter = render(
                    "md.presenter_acting",
                    lang,
                    presenter=presenter,
                    owner=namer.person(pt.presenter_acting_for),
                )
            out.append(
                "  "
                + render(
                    "md.agenda_item",
                    lang,
                    n=pt.order,
                    title=md_text(namer.topic(tid)),
                    presenter=presenter,
                    due=pt.materials_due.isoformat() if pt.materials_due else "—",
                )
            )
        out.append("")
    out.append(f"## {render('md.unscheduled', lang)}")
    out.append("")
    if not plan.unscheduled:
        out.append(render("md.none", lang))
    for u in plan.unscheduled:
        out.append(f"- **{md_text(namer.meeting(u.id))}** ({u.id})")
        for r in u.reasons:
            out.append(f"  - {_reason_line(namer, r.article, r.message(lang), r.extra_articles)}")
    out.append("")
    out.append(f"## {render('md.deferred', lang)}")
    out.append("")
    deferred = [t for t in plan.topics if t.meeting is None]
    if not deferred:
        out.append(render("md.none", lang))
    for t in deferred:
        topic = scenario.topic(t.id)
        priority = render("md.priority", lang, p=topic.priority)
        out.append(f"- **{md_text(topic.title)}** ({t.id}, {priority})")
        for r in t.reasons:
            out.append(f"  - {_reason_line(namer, r.article, r.message(lang), r.extra_articles)}")
    out.append("")
    if plan.documents:
        out.extend(documents_section(plan, namer))
    out.append(f"## {render('md.warnings', lang)}")
    out.append("")
    if not plan.warnings:
        out.append(render("md.none", lang))
    for w in plan.warnings:
        subject = f"[{md_text(w.subject)}] " if w.subject else ""
        out.append(
            f"- {subject}{_reason_line(namer, w.article, w.message(lang), w.extra_articles)}"
        )
    out.append("")
    return "\n".join(out)


def documents_section(plan: Plan, namer: Namer) -> list[str]:
    """Each document's issue date and its steps (filled by the routing module)."""
    from planner.export.documents_md import documents_markdown

    return documents_markdown(plan, namer)
