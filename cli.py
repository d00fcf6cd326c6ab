"""The `planner` command: thin wrappers over the library in `planner/`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from planner.messages import LANGS, render
from planner.output import OutputError
from planner.scenario import InputError, Problem, check_scenario, load_scenario
from planner.schedule import SolveOptions

app = typer.Typer(
    help="Plan a district government's meetings, agendas, stand-ins and documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEMO = Path(__file__).resolve().parent / "scenarios" / "yanzhou-2026-06.yaml"

out_console = Console(highlight=False, soft_wrap=True, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

LangOpt = Annotated[
    str, typer.Option("--lang", help="Language of what the office reads: zh or en.")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed of the search.")]
TimeOpt = Annotated[
    float | None,
    typer.Option(
        "--time-limit", help="Wall-clock safety limit in seconds (breaks determinism if hit)."
    ),
]
BudgetOpt = Annotated[
    float,
    typer.Option("--work-budget", help="Deterministic work budget (CP-SAT deterministic seconds)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]


def _fail(code: int, lines: list[str]) -> NoReturn:
    for line in lines:
        err_console.print(line, markup=False)
    raise typer.Exit(code)


def _problems(problems: list[Problem], lang: str) -> list[str]:
    return [p.render(lang) for p in problems]


@contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Map failures to exit codes: 2 for bad input, 1 for anything else; no tracebacks."""
    try:
        yield
    except typer.Exit:
        raise
    except InputError as exc:
        _fail(2, _problems(exc.problems, lang))
    except OutputError as exc:
        _fail(2, [exc.render(lang)])
    except KeyboardInterrupt:
        _fail(1, [render("cli.interrupted", lang)])
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if os.environ.get("PLANNER_DEBUG"):
            raise
        _fail(1, [render("cli.internal", lang, error=f"{type(exc).__name__}: {exc}")])


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        _fail(2, [render("cli.bad_lang", "en", langs=", ".join(LANGS), value=lang)])


def _options(seed: int, budget: float, time_limit: float | None, lang: str) -> SolveOptions:
    if budget <= 0:
        _fail(2, [render("cli.positive", lang, option="--work-budget")])
    if time_limit is not None and time_limit <= 0:
        _fail(2, [render("cli.positive", lang, option="--time-limit")])
    return SolveOptions(seed=seed, work_budget=budget, time_limit=time_limit, lang=lang)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def plan(
    scenario: Annotated[
        Path | None, typer.Argument(help="Scenario file (YAML). Default: the bundled demo month.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
    seed: SeedOpt = 0,
    work_budget: BudgetOpt = 20.0,
    time_limit: TimeOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Plan the horizon; write OUT/plan.json, OUT/calendar.md and OUT/ics/.

    Example: planner plan scenarios/yanzhou-2026-06.yaml --out out/june
    """
    from planner.export.table import print_summary
    from planner.pipeline import run_plan

    _check_lang(lang)
    path = scenario or DEMO
    with guarded(lang):
        run = run_plan(path, out, _options(seed, work_budget, time_limit, lang))
        if as_json:
            _emit_json(run.plan.to_json(lang))
        else:
            print_summary(out_console, run.loaded, run.plan, lang)
            out_console.print(render("table.written", lang, path=str(out)))


@app.command()
def check(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (YAML).")],
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Validate a scenario: list every error and warning with its place in the file.

    Example: planner check scenarios/yanzhou-2026-06.yaml
    """
    _check_lang(lang)
    with guarded(lang):
        _, problems = check_scenario(scenario)
        errors = [p for p in problems if p.severity == "error"]
        if as_json:
            _emit_json({"valid": not errors, "problems": [p.to_json(lang) for p in problems]})
        else:
            for p in problems:
                (err_console if p.severity == "error" else out_console).print(
                    p.render(lang), markup=False
                )
            if errors:
                err_console.print(
                    render("cli.errors", lang, file=str(scenario), count=len(errors)), markup=False
                )
            else:
                out_console.print(
                    render("cli.check_ok", lang, file=str(scenario), warnings=len(problems)),
                    markup=False,
                )
        if errors:
            raise typer.Exit(2)


@app.command()
def verify(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (YAML).")],
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN", help="plan.json to check.")],
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Check a plan (hand-made or edited) against every hard rule; exit 1 on any violation.

    Example: planner verify scenarios/yanzhou-2026-06.yaml out/plan.json
    """
    from planner.verify import PlanFormatError, verify_plan

    _check_lang(lang)
    with guarded(lang):
        loaded = load_scenario(scenario)
        try:
            data = json.loads(plan_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            _fail(2, [render("cli.bad_plan", lang, file=str(plan_file), problem=str(exc))])
        try:
            violations = verify_plan(loaded, data, lang)
        except PlanFormatError as exc:
            _fail(
                2,
                [
                    render(
                        "cli.bad_plan", lang, file=f"{plan_file}: {exc.place}", problem=exc.problem
                    )
                ],
            )
        if as_json:
            _emit_json(
                {"valid": not violations, "violations": [v.to_json(lang) for v in violations]}
            )
        else:
            for v in violations:
                art = f"Art. {v.article}" if lang == "en" else f"第{v.article}条"
                out_console.print(f"[{art}] {v.message(lang)}", markup=False)
            out_console.print(
                render("verify.count", lang, count=len(violations))
                if violations
                else render("verify.ok", lang),
                markup=False,
            )
        if violations:
            raise typer.Exit(1)


@app.command()
def ics(
    plan_path: Annotated[
        Path, typer.Argument(metavar="PLAN", help="plan.json or the folder holding it.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the .ics files. Default: PLAN's ics/.")
    ] = None,
    for_ids: Annotated[
        list[str] | None,
        typer.Option("--for", help="Only this person's or department's calendar (repeatable)."),
    ] = None,
    public: Annotated[bool, typer.Option("--public", help="Only public.ics.")] = False,
    invitations: Annotated[
        bool,
        typer.Option("--invitations", help="Also write METHOD:REQUEST/CANCEL files."),
    ] = False,
    scenario: Annotated[
        Path | None,
        typer.Option("--scenario", help="The plan's scenario (default: the one planned)."),
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Calendars (.ics) from a written plan; UIDs kept, SEQUENCE raised on change.

    Scenario (names, privacy): --scenario, else the one recorded by planner plan.

    UIDs and SEQUENCE continue from OUT/state.json, else from PLAN's ics/state.json.

    Example: planner ics out --out out/ics --invitations
    """
    from planner.export.ics import IcsError, write_calendars

    _check_lang(lang)
    with guarded(lang):
        try:
            written = write_calendars(
                plan_path, out, scenario, tuple(for_ids or ()), public, invitations, lang
            )
        except IcsError as exc:
            _fail(2, [exc.render(lang)])
        if as_json:
            _emit_json(
                {
                    "out": str(written.out),
                    "calendars": written.calendars,
                    "invitations": written.invitations,
                }
            )
        else:
            count, where = len(written.calendars), str(written.out)
            out_console.print(render("ics.written", lang, count=count, path=where), markup=False)
            if invitations:
                path, count = str(written.out / "invitations"), len(written.invitations)
                out_console.print(
                    render("ics.invitations_written", lang, count=count, path=path), markup=False
                )


@app.command()
def publish(
    plan_path: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan folder, or a folder of .ics files.")
    ],
    url: Annotated[str, typer.Option("--caldav", help="CalDAV server URL.")],
    user: Annotated[str, typer.Option("--user", help="CalDAV user name.")],
    password_env: Annotated[
        str, typer.Option("--password-env", help="Environment variable holding the password.")
    ],
    calendars: Annotated[
        list[str] | None,
        typer.Option("--calendar", help="Only this calendar, e.g. office (repeatable)."),
    ] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Put the plan's calendars on a CalDAV server, one object per UID, updating in place.

    Example: planner publish out --caldav http://127.0.0.1:5232/ --user office --password-env PW
    """
    from planner.caldav_publish import PublishError, publish_calendars
    from planner.export.ics import IcsError

    _check_lang(lang)
    password = os.environ.get(password_env)
    if password is None:
        _fail(2, [render("ics.no_password", lang, var=password_env)])
    with guarded(lang):
        try:
            report = publish_calendars(plan_path, url, user, password, tuple(calendars or ()))
        except IcsError as exc:
            _fail(2, [exc.render(lang)])
        except PublishError as exc:
            _fail(1, [render("ics.caldav_failed", lang, url=url, problem=str(exc))])
        if as_json:
            _emit_json([r.to_json() for r in report])
        else:
            for r in report:
                out_console.print(
                    render(
                        "ics.published",
                        lang,
                        calendar=r.calendar,
                        added=r.added,
                        updated=r.updated,
                        unchanged=r.unchanged,
                        total=r.total,
                    ),
                    markup=False,
                )


@app.command()
def route(
    scenario: Annotated[Path, typer.Argument(help="Scenario file (YAML).")],
    document: Annotated[
        str | None, typer.Option("--document", help="Only the document with this id.")
    ] = None,
    dot: Annotated[
        Path | None, typer.Option("--dot", help="Write the routes as Graphviz DOT.")
    ] = None,
    mermaid: Annotated[
        Path | None,
        typer.Option("--mermaid", help="Write Mermaid flowcharts (Markdown; .mmd: bare)."),
    ] = None,
    seed: SeedOpt = 0,
    work_budget: BudgetOpt = 20.0,
    time_limit: TimeOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Document routes: steps, owners, stand-ins, due dates, signer and issue date.

    Example: planner route scenarios/yanzhou-2026-06.yaml --document d03 --mermaid d03.md
    """
    from planner.routing.command import print_routes, run_route, write_graphs

    _check_lang(lang)
    with guarded(lang):
        run = run_route(scenario, document, _options(seed, work_budget, time_limit, lang))
        written = write_graphs(run, lang, dot, mermaid)
        if as_json:
            _emit_json(run.to_json(lang))
        else:
            print_routes(out_console, run, lang)
            for path in written:
                out_console.print(render("table.written", lang, path=str(path)), markup=False)


@app.command()
def whatif(
    whatifs: Annotated[
        list[Path],
        typer.Argument(metavar="WHATIF...", help="What-if files (YAML) on one base scenario."),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder: OUT/base/ and OUT/<what-if file's stem>/.")
    ] = Path("out-whatif"),
    seed: SeedOpt = 0,
    work_budget: BudgetOpt = 20.0,
    time_limit: TimeOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Plan the base once, then each variant with as few changes as possible; print what
    moved and why.

    Example: planner whatif scenarios/whatif-mayor-trip.yaml --out out-whatif
    """
    from planner.export.diff_table import print_diff
    from planner.whatif import run_whatifs

    _check_lang(lang)
    with guarded(lang):
        run = run_whatifs(whatifs, out, _options(seed, work_budget, time_limit, lang), lang)
        if as_json:
            _emit_json({"out": str(out), "variants": [v.diff_json() for v in run.variants]})
            return
        for v in run.variants:
            scenarios = (v.whatif.base_loaded.scenario, v.whatif.loaded.scenario)
            seconds = (run.base.plan.solver.seconds, v.plan.solver.seconds)
            print_diff(out_console, v.diff, scenarios, v.whatif.name, lang, seconds)
        out_console.print(render("table.written", lang, path=str(out)), markup=False)


@app.command()
def sweep(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="BASE | WHATIF...", help="A scenario (with --random-leaves), or what-if files."
        ),
    ],
    random_leaves: Annotated[
        int,
        typer.Option("--random-leaves", help="Random leaves per variant (K) of the base's people."),
    ] = 0,
    runs: Annotated[int, typer.Option("--runs", help="How many random variants (N).")] = 20,
    seed: SeedOpt = 0,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Local processes (default: one per core; 0: this one)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS", help="Run on this Dask scheduler instead."),
    ] = None,
    work_budget: Annotated[
        float, typer.Option("--work-budget", help="Deterministic work budget per variant.")
    ] = 5.0,
    base_work_budget: Annotated[
        float, typer.Option("--base-work-budget", help="Deterministic work budget of the base.")
    ] = 20.0,
    out: Annotated[Path, typer.Option("--out", help="Folder for sweep.json.")] = Path("out-sweep"),
    as_json: JsonOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """Many variants in parallel: for each meeting the share of runs in which it cannot be
    held or must move, for each topic the share in which it is deferred.

    Example: planner sweep scenarios/yanzhou-2026-06.yaml --random-leaves 3 --runs 50 --seed 1
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from planner.export.diff_table import print_sweep
    from planner.sweep import SweepError, plan_sweep, write_sweep

    _check_lang(lang)
    if runs < 1 or random_leaves < 0 or (workers is not None and workers < 0):
        _fail(2, [render("cli.sweep_counts", lang)])
    options = _options(seed, work_budget, None, lang)
    base_options = _options(seed, base_work_budget, None, lang)
    count = workers if workers is not None else (os.cpu_count() or 1)
    with guarded(lang):
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console, transient=as_json) as bar:
            task = bar.add_task(render("sweep.progress", lang), total=None)
            try:
                result = plan_sweep(
                    files,
                    k=random_leaves,
                    runs=runs,
                    seed=seed,
                    options=options,
                    base_options=base_options,
                    workers=count,
                    dask=dask,
                    progress=lambda: bar.advance(task),
                    on_jobs=lambda n: bar.update(task, total=n),
                    lang=lang,
                )
            except SweepError as exc:
                _fail(2, [render(str(exc), lang)])
        write_sweep(out, result)
        if as_json:
            _emit_json(result.to_json())
            return
        print_sweep(out_console, result, lang)
        out_console.print(render("table.written", lang, path=str(out / "sweep.json")), markup=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
