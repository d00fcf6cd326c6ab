"""What-if diffs and sweep fragility as rich tables on the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from planner.diff import Change, PlanDiff
from planner.export.names import Namer
from planner.messages import render
from planner.model import Scenario, Slot


def articles(numbers: tuple[int, ...], lang: str) -> str:
    """`第6、43条` / `Art. 6, 43`."""
    if lang == "en":
        return "Art. " + ", ".join(str(n) for n in numbers)
    return "第" + "、".join(str(n) for n in numbers) + "条"


def _slot(value: Any, namer: Namer) -> str:
    if isinstance(value, Slot):
        return f"{value.day.isoformat()} {namer.half(value.half)}"
    return "—"


def _ends(c: Change, namer: Namer) -> tuple[str, str]:
    lang = namer.lang
    if c.kind == "meetings_moved":
        none = render("whatif.not_held", lang)
        return (
            _slot(c.before, namer) if c.before else none,
            _slot(c.after, namer) if c.after else none,
        )
    if c.kind == "chairs_changed":
        return namer.person(str(c.before)), namer.person(str(c.after))
    deferred = render("whatif.deferred", lang)
    if c.kind == "removed" and c.subject == "meeting":
        return _slot(c.before, namer), "—"
    before = namer.meeting(str(c.before)) if c.before else deferred
    after = namer.meeting(str(c.after)) if c.after else ("—" if c.kind == "removed" else deferred)
    return before, after


def diff_table(
    diff: PlanDiff, scenarios: tuple[Scenario, Scenario], title: str, lang: str
) -> Table:
    """One row per change: what, which, from → to, and why (article, sentence, edits)."""
    base, variant = (Namer(s, lang) for s in scenarios)
    table = Table(title=render("whatif.table.title", lang, name=title), show_lines=True)
    for key in (
        "whatif.table.change",
        "whatif.table.subject",
        "whatif.table.from_to",
        "whatif.table.reason",
    ):
        table.add_column(render(key, lang), overflow="fold")
    for c in diff.changes:
        namer = base if c.kind == "removed" else variant
        name = namer.meeting(c.id) if c.subject == "meeting" else namer.topic(c.id)
        before, after = _ends(c, namer)
        why = "\n".join(f"[{articles(w.articles, lang)}] {w.message}" for w in c.reasons)
        table.add_row(render(f"whatif.kind.{c.kind}", lang), name, f"{before} → {after}", why)
    return table


def print_diff(
    console: Console,
    diff: PlanDiff,
    scenarios: tuple[Scenario, Scenario],
    title: str,
    lang: str,
    seconds: tuple[float, float],
) -> None:
    if diff.is_empty:
        console.print(render("whatif.empty", lang, name=title), markup=False)
    else:
        console.print(diff_table(diff, scenarios, title, lang))
    counts = diff.counts()
    console.print(
        render(
            "whatif.summary",
            lang,
            name=title,
            moved=counts["meetings_moved"],
            chairs=counts["chairs_changed"],
            topics=counts["topics_moved"],
            deferred=counts["newly_deferred"],
            scheduled=counts["newly_scheduled"],
            seconds=f"{seconds[1]:.2f}",
            base_seconds=f"{seconds[0]:.2f}",
        ),
        markup=False,
    )


def _share(x: float) -> str:
    return f"{x * 100:.0f}%"


def print_sweep(console: Console, result: Any, lang: str) -> None:
    """Fragility: meetings by share of runs affected, then topics scheduled in the base plan
    by share of runs deferred (`result` is a planner.sweep.SweepResult)."""
    namer = Namer(result.base_loaded.scenario, lang)
    runs = len(result.outcomes)
    if result.mode == "random_leaves":
        title = render("sweep.title_random", lang, runs=runs, leaves=result.k, seed=result.seed)
    else:
        title = render("sweep.title_files", lang, runs=runs)
    meetings = Table(title=title)
    for key in (
        "sweep.col.meeting",
        "sweep.col.base",
        "sweep.col.not_held",
        "sweep.col.moved",
        "sweep.col.affected",
    ):
        meetings.add_column(render(key, lang), overflow="fold")
    for m in sorted(result.meetings, key=lambda m: (-m["affected"], m["id"])):
        base = m["base"]
        where = (
            f"{base['date']} {namer.half(base['half'])}"
            if base
            else render("whatif.not_held", lang)
        )
        meetings.add_row(
            namer.meeting(m["id"]),
            where,
            _share(m["not_held"]),
            _share(m["moved"]),
            _share(m["affected"]),
        )
    console.print(meetings)
    topics = Table()
    for key in ("sweep.col.topic", "sweep.col.base_meeting", "sweep.col.deferred"):
        topics.add_column(render(key, lang), overflow="fold")
    for t in sorted(result.topics, key=lambda t: (-t["deferred"], t["id"])):
        if t["base_meeting"] is None:
            continue
        topics.add_row(
            namer.topic(t["id"]), namer.meeting(t["base_meeting"]), _share(t["deferred"])
        )
    console.print(topics)
    if result.workers.startswith("dask:"):
        workers = render("sweep.workers_dask", lang, address=result.workers[5:])
    else:
        workers = render("sweep.workers_local", lang, count=result.workers.split(":")[1])
    rate = f"{runs / result.seconds:.2f}" if result.seconds else "—"
    console.print(
        render(
            "sweep.summary",
            lang,
            runs=runs,
            seconds=f"{result.seconds:.1f}",
            rate=rate,
            workers=workers,
        ),
        markup=False,
    )
