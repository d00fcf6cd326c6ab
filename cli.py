"""The `planner` command: thin wrappers over the library in `planner/`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
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

out_console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

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
        _fail(2, [str(exc)])
    except KeyboardInterrupt:
        _fail(1, ["interrupted"])
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if os.environ.get("PLANNER_DEBUG"):
            raise
        _fail(1, [f"internal error: {type(exc).__name__}: {exc}"])


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        _fail(2, [f"--lang: expected one of {', '.join(LANGS)}, got {lang!r}"])


def _options(seed: int, budget: float, time_limit: float | None, lang: str) -> SolveOptions:
    if budget <= 0:
        _fail(2, ["--work-budget: must be positive"])
    if time_limit is not None and time_limit <= 0:
        _fail(2, ["--time-limit: must be positive"])
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
            _fail(2, [f"{plan_file}: {exc}"])
        try:
            violations = verify_plan(loaded, data, lang)
        except PlanFormatError as exc:
            _fail(2, [f"{plan_file}: {exc.place}: {exc.problem}"])
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


def main() -> None:  # pragma: no cover - console entry point
    app()


COMMANDS: dict[str, Callable[..., None]] = {"plan": plan, "check": check, "verify": verify}

if __name__ == "__main__":  # pragma: no cover
    main()
