"""Render the benchmark's data (from run.py) as `benchmarks/results.md` (and keep the raw
numbers next to it as JSON, so the report can be re-rendered without re-running)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import SIZES  # noqa: E402

Result = dict[str, Any]

NOISE = (
    "The machine is shared: other engineers' test runs use the same 2 cores, so wall times "
    "are noisy (a solve stopped by its time limit is not affected in quality by much, but "
    "build times can be up to twice what an idle machine shows)."
)


def reference_bounds(data: dict[str, Any]) -> dict[str, int]:
    """Per scenario file, the best (highest) bound any whole-horizon CP-SAT run proved."""
    best: dict[str, int] = {}
    rows: list[Result] = list(data["growth"])
    for size, block in data["sizes"].items():
        rows += block["runs"] + data["ablation"].get(size, [])
    for r in rows:
        if r.get("bound") is not None:
            best[r["path"]] = max(best.get(r["path"], r["bound"]), r["bound"])
    return best


def _gap(objective: int | None, bound: int | None, constant: int = 0) -> str:
    if objective is None or bound is None or objective <= 0:
        return "—"
    return f"{100 * (objective - bound) / objective:.3f} %"


def _adj_gap(r: Result, bound: int | None) -> str:
    objective, constant = r.get("objective"), r.get("constant", 0)
    if objective is None or bound is None or objective - constant <= 0:
        return "—"
    return f"{100 * (objective - bound) / (objective - constant):.2f} %"


def _num(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.2f}"
    return f"{x:,}"


def _deferred(r: Result) -> str:
    d, p = r.get("deferred", {}), r.get("deferred_placeable", {})
    parts = [f"{d.get(str(k), 0)}/{p.get(str(k), 0)}" for k in (5, 4, 3, 2, 1)]
    return " · ".join(parts)


def _method(r: Result) -> str:
    if r["kind"] == "greedy":
        return "greedy (clerk)"
    return f"CP-SAT {r['kind']} {r['limit']:g} s"


def _status(r: Result) -> str:
    if "error" in r:
        return f"error: {r['error'][:60]}"
    if r.get("month_solves"):
        text = f"{r['status']} ({r['months_optimal']}/{r['month_solves']} months optimal"
        hinted = r.get("months_from_hint", 0)
        return text + (f", {hinted} from the hint)" if hinted else ")")
    return str(r.get("status"))


HEADER = (
    "| method | status | objective | bound | gap | gap (adjustable part) | deferred P5·P4·P3·P2·P1 "
    "(all/placeable) | weighted deferred | meetings held | build s | solve s | wall s | "
    "peak MB | verify |\n|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n"
)


def _row(r: Result, ref: int | None) -> str:
    if "error" in r:
        return f"| {_method(r)} | {_status(r)} |" + " |" * 13 + "\n"
    own = r.get("bound")
    bound = own if own is not None else ref
    mark = "" if own is not None else " †"
    verify = "ok" if r.get("violations") == 0 else f"{r.get('violations')} violations"
    build = r.get("build_s", r.get("wall_s"))
    return (
        f"| {_method(r)} | {_status(r)} | {_num(r.get('objective'))} | "
        f"{_num(bound)}{mark if bound is not None else ''} | "
        f"{_gap(r.get('objective'), bound)} | {_adj_gap(r, bound)} | {_deferred(r)} | "
        f"{_num(r.get('terms', {}).get('deferred_topics'))} | "
        f"{r.get('meetings_held')}/{r.get('meetings')} | {_num(build)} | "
        f"{_num(r.get('solve_s'))} | {_num(r.get('wall_s'))} | {r.get('rss_mb', 0):,.0f} | "
        f"{verify} |\n"
    )


def _results(data: dict[str, Any], refs: dict[str, int]) -> str:
    out = ["## Results\n\n"]
    out.append(
        "Objective: the planner's own (`planner.schedule.evaluate`: the solver's model with "
        "every decision fixed to the plan's), the same function for every row; lower is "
        "better. Bound: CP-SAT's proven lower bound of the whole-horizon model; † marks a "
        "plan that has none of its own (greedy, month by month), shown against the best "
        "bound any whole-horizon run of this benchmark proved for the same file. Gap = "
        "(objective − bound) / objective, CP-SAT's convention; the *adjustable* gap divides "
        "by objective − constant instead, where the constant is what no plan can change "
        "(topics no meeting may take: materials missing or late, reviews missing), so it "
        "is not diluted by them. Deferred: topics left without a meeting per priority, all "
        "of them / those that had at least one possible meeting. Weighted deferred: the "
        "objective's `deferred_topics` term. Build: rules, candidates and model (and, for "
        "the hint, the greedy plan); solve: CP-SAT's wall time, all months together; peak "
        "MB: the solving child process's maximum resident set (CP-SAT's C++ memory "
        "included). Verify: `verify_plan` (what `planner verify` runs) on every plan.\n"
    )
    for size, block in data["sizes"].items():
        s = SIZES[size]
        first: Result = next((r for r in block["runs"] if "meetings" in r), {})
        out.append(
            f"\n### {size}: {s.label} — `{block['path']}`: {first.get('meetings')} meetings, "
            f"{first.get('topics')} topics\n\n"
        )
        out.append(HEADER)
        for r in block["runs"]:
            out.append(_row(r, refs.get(block["path"])))
    return "".join(out)


def _targets(data: dict[str, Any], refs: dict[str, int]) -> str:
    lines = ["## Targets\n\n| target | measured | met |\n|---|---|---|\n"]
    sizes = data["sizes"]

    def runs(size: str) -> list[Result]:
        return [r for r in sizes.get(size, {}).get("runs", []) if "error" not in r]

    s_opt = [r for r in runs("S") if r["kind"] != "greedy" and r.get("status") == "OPTIMAL"]
    if "S" in sizes:
        best = min((r["wall_s"] for r in s_opt), default=None)
        lines.append(
            f"| S proven optimal in under 1 s | OPTIMAL in {_num(best)} s wall (build + "
            f"hint + search) | {'yes' if best is not None and best < 1 else 'no'} |\n"
        )
    for size, limit, target in (("M", 60.0, 1.0), ("L", 120.0, 5.0)):
        rs = [r for r in runs(size) if r["kind"] != "greedy" and r["limit"] == limit]
        if not rs:
            continue
        r = min(rs, key=lambda r: r["objective"])
        bound = r.get("bound") if r.get("bound") is not None else refs.get(sizes[size]["path"])
        gap = None if bound is None else 100 * (r["objective"] - bound) / r["objective"]
        ok = gap is not None and gap <= target and r.get("violations") == 0
        extra = ""
        if size == "L":
            ok = ok and r.get("rss_mb", 1e9) < 2048
            extra = f", peak {r.get('rss_mb', 0):,.0f} MB"
        met = "yes" if ok else "no"
        own = ""
        if r.get("bound") is None:
            own = " (bound †)"
            prover = _prover(data, size, bound)
            if ok and prover:
                met = (
                    f"the plan: yes; proving its gap: no (the bound is the whole-horizon "
                    f"`{prover['kind']}` run's: {prover.get('rss_mb', 0):,.0f} MB, "
                    f"{_num(prover.get('wall_s'))} s)"
                )
        memory = " under 2 GB" if size == "L" else ""
        lines.append(
            f"| {size} within {target:g} % of the bound in {limit:g} s{memory} "
            f"| `{r['kind']}`: gap {_num(gap)} %{own}{extra}; search {_num(r.get('solve_s'))} s, "
            f"wall {_num(r['wall_s'])} s with building | {met} |\n"
        )
    worse = []
    for size in sizes:
        greedy = [r for r in runs(size) if r["kind"] == "greedy"]
        if not greedy:
            continue
        for r in runs(size):
            if r["kind"] != "greedy" and r["objective"] > greedy[0]["objective"]:
                worse.append(f"{size} {r['kind']} {r['limit']:g} s")
    measured = "worse on " + ", ".join(worse) if worse else "never worse"
    lines.append(f"| CP-SAT never worse than greedy | {measured} | {'no' if worse else 'yes'} |\n")
    return "".join(lines)


def _prover(data: dict[str, Any], size: str, bound: int | None) -> Result | None:
    """The whole-horizon run that proved `bound` for `size`."""
    rows = data["sizes"][size]["runs"] + data["ablation"].get(size, [])
    return next((r for r in rows if bound is not None and r.get("bound") == bound), None)


def _ablation(data: dict[str, Any], refs: dict[str, int]) -> str:
    if not data["ablation"]:
        return ""
    out = [
        "## What each modelling change bought\n\n",
        "Each size at its target time limit, adding one change at a time:\n\n",
    ]
    for name, what in data["configs"].items():
        out.append(f"- `{name}`: {what}\n")
    for size, rows in data["ablation"].items():
        path = data["sizes"][size]["path"]
        out.append(f"\n### {size}\n\n")
        out.append(HEADER)
        for r in rows:
            out.append(_row(r, refs.get(path)))
    return "".join(out)


def _growth(data: dict[str, Any]) -> str:
    rows = list(data["growth"])
    if not rows:
        return ""
    year = [r for r in data["ablation"].get("L", []) if r["kind"] in ("max_lp+hint", "by_month")]
    rows += [{"horizon_months": 12, **r} for r in year]
    out = [
        "## How cost grows\n\n",
        "The L profile (a city) cut to its first K months, so that everything but the "
        "horizon stays alike; each solved as one whole-horizon model (`max_lp`) and month by "
        f"month (`by_month`), both with a {data['growth_limit']:g} s search limit (the "
        "12-month rows are L's own runs from the ablation, at their limit). "
        "Size = meetings × candidate half-days (the `x` variables); y = (topic, meeting) "
        "pairs the rules allow (the `y` variables, what the whole-horizon model really "
        "grows with).\n\n",
        "| months | meetings | topics | model | limit s | size (meetings × half-days) | y | "
        "build s | solve s | status | gap | peak MB |\n"
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|\n",
    ]
    for r in rows:
        if "error" in r:
            out.append(
                f"| {r['horizon_months']} | | | {r['kind']} | {r['limit']:g} | | | | | "
                f"{_status(r)} | | |\n"
            )
            continue
        out.append(
            f"| {r['horizon_months']} | {r.get('meetings')} | {r.get('topics')} | {r['kind']} | "
            f"{r['limit']:g} | {_num(r.get('size'))} | {_num(r.get('y'))} | "
            f"{_num(r.get('build_s'))} | "
            f"{_num(r.get('solve_s'))} | {_status(r)} | "
            f"{_gap(r.get('objective'), r.get('bound'))} | {r.get('rss_mb', 0):,.0f} |\n"
        )
    return "".join(out)


def _find(data: dict[str, Any], size: str, kind: str, limit: float | None = None) -> Result:
    """The first run of `kind` (at `limit`) for `size`, from the main table or the ablation."""
    rows: list[Result] = data["sizes"].get(size, {}).get("runs", [])
    rows = rows + data["ablation"].get(size, [])
    for r in rows:
        if r["kind"] == kind and (limit is None or r["limit"] == limit) and "error" not in r:
            return r
    return {}


def _findings(data: dict[str, Any], refs: dict[str, int]) -> str:
    """What limited L and which change helped most, with this run's numbers."""
    kinds = ("by_month+hint", "max_lp+hint", "plain")
    lp, full, plain = (_find(data, "L", k, 120.0) for k in kinds)
    sp, sm = _find(data, "S", "plain", 10.0), _find(data, "S", "max_lp", 10.0)
    mp, mm = _find(data, "M", "plain", 60.0), _find(data, "M", "max_lp", 60.0)
    greedy = _find(data, "L", "greedy")
    if not (lp and full and plain and sp and sm and mp and mm and greedy):
        return ""
    bound = refs.get(lp["path"])
    return (
        "## What limited L, and what helped most\n\n"
        f"**What limited L: the whole-year model itself.** It holds {_num(full.get('y'))} "
        "(topic, meeting) pairs against "
        f"{_num(full.get('size'))} meeting half-days: a topic without a deadline may go to any "
        "meeting of its kind in the year (and topic and mayor's office meetings have no "
        "materials rule), so the pairs grow with the square of the horizon (see the growth "
        f"table). Building rules, candidates and model takes {_num(full.get('build_s'))} s of "
        f"Python and the solving process peaks at {full.get('rss_mb', 0):,.0f} MB; in the 120 s "
        "that remain CP-SAT barely moves: `plain` ends at "
        f"{_num(plain.get('objective'))}, worse than the clerk ({_num(greedy.get('objective'))}),"
        f" and even warm-started with the clerk's plan it ends at {_num(full.get('objective'))} "
        f"with {full.get('meetings_held')}/{full.get('meetings')} meetings held (the clerk: "
        f"{greedy.get('meetings_held')}). Its LP bound, "
        f"{_num(bound)}, is the only valid bound for L this benchmark has: the month-by-month "
        "plans have none of their own, so the L target is met by the plan (found within the "
        f"120 s search, {_num(lp.get('wall_s'))} s wall with the month models' building, "
        f"{lp.get('rss_mb', 0):,.0f} MB), while certifying its gap took the whole-year model's "
        f"{full.get('rss_mb', 0):,.0f} MB and {_num(full.get('wall_s'))} s.\n\n"
        "**What helped most.** For proofs, the `max_lp` portfolio (every Boolean constraint "
        "in the LP; with 2 workers CP-SAT's default portfolio runs only `default_lp`, whose "
        "LP leaves most of them out, the topics' at-most-ones and the implications): "
        f"S goes from a bound of {_num(sp.get('bound'))} after 10 s "
        f"to proven optimal in {_num(sm.get('wall_s'))} s, M's bound from "
        f"{_num(mp.get('bound'))} to {_num(mm.get('bound'))}. For scale, planning month by "
        f"month: L from {_num(plain.get('objective'))} at {plain.get('rss_mb', 0):,.0f} MB to "
        f"{_num(lp.get('objective'))} at {lp.get('rss_mb', 0):,.0f} MB, the only configuration "
        "that meets the L target. The clerk's plan as a hint changes little once CP-SAT has a "
        "minute; at 10 s on L, where a month gets 0.1-1.5 s, it gives each month a plan to start "
        "from and to fall back on (an earlier run without it, and with even time shares, held "
        "no meeting at all at 10 s). Symmetry breaking was not "
        "added: CP-SAT's presolve finds only small orbits (size ≤ 3 on M), since the lateness "
        "and queue-order terms already tell equal plans apart.\n\n"
        "Months stitched in order are not proven optimal: on M, where the whole-year model is "
        "affordable, compare the rows (the whole-year model places one more priority-4 "
        "topic); `planner.schedule.decompose` is for horizons the whole model cannot hold.\n"
    )


def render(data: dict[str, Any], notes: str = "") -> str:
    """The whole results.md text."""
    env = data["env"]
    refs = reference_bounds(data)
    libs = ", ".join(f"{k} {v}" for k, v in env["libs"].items())
    head = (
        "# Benchmark results\n\n"
        f"Generated by `{env['command']}` (seed {data['seed']}) on {env['started']}, "
        f"{env['minutes']} minutes.\n\n"
        f"Machine: {env['cores']} cores, {env['memory_gb']} GB, {env['machine']}; Python "
        f"{env['python']}; {libs}. CP-SAT: 2 workers (`parallel=True, workers=2`), a wall "
        "time limit and an unbounded work budget.\n\n"
        f"{NOISE}\n\n"
        "Scenarios are not committed; regenerate any of them with "
        "`python benchmarks/generate.py --size S|M|L --seed "
        f"{data['seed']} --out FILE.yaml` (growth rows add `--months K`): same seed, "
        "same bytes.\n\n"
    )
    parts = [head, _targets(data, refs), "\n", _results(data, refs), "\n", _ablation(data, refs)]
    parts += ["\n", _growth(data), "\n", _findings(data, refs)]
    if notes:
        parts += ["\n", notes]
    return "".join(parts)


def write_results(path: Path, data: dict[str, Any], notes_file: Path | None = None) -> None:
    """Write results.md and, beside it, the raw numbers (results.json)."""
    notes_file = notes_file or path.with_name("results-notes.md")
    notes = notes_file.read_text(encoding="utf-8") if notes_file.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    path.write_text(render(data, notes), encoding="utf-8")


if __name__ == "__main__":  # re-render from results.json
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("results.md")
    write_results(target, json.loads(target.with_suffix(".json").read_text()))
