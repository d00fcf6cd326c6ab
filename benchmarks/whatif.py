"""What-if and sweep timings on the demo month: `python -m benchmarks.whatif [--repeat 5]`.

For each bundled what-if: the base's cold solve, the variant re-planned warm (reference and
hint from the base plan) and, for comparison, the variant solved cold; medians of `repeat`
runs in the same process; and how many changes the variant produced. Then the throughput
of a random-leaves sweep (variants per second) on 1 and 2 local processes.
Wall-clock numbers: on a shared machine they are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from planner.diff import compare, reference_of
from planner.scenario import load_scenario
from planner.schedule import SolveOptions, plan_scenario
from planner.sweep import run_sweep
from planner.whatif import load_whatif

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scenarios" / "yanzhou-2026-06.yaml"
WHATIFS = sorted((ROOT / "scenarios").glob("whatif-*.yaml"))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--leaves", type=int, default=3)
    args = parser.parse_args()
    options = SolveOptions()
    for path in WHATIFS:
        wi = load_whatif(path)
        base_plan = plan_scenario(wi.base_loaded, options)
        ref = reference_of(base_plan)
        cold = [timed(partial(plan_scenario, wi.base_loaded, options)) for _ in range(args.repeat)]
        warm = [
            timed(partial(plan_scenario, wi.loaded, options, ref, ref)) for _ in range(args.repeat)
        ]
        variant_cold = [
            timed(partial(plan_scenario, wi.loaded, options)) for _ in range(args.repeat)
        ]
        variant = plan_scenario(wi.loaded, options, ref, ref)
        scenarios = (wi.base_loaded.scenario, wi.loaded.scenario)
        diff = compare(
            ref,
            reference_of(variant),
            tuple([m.id for m in s.meetings] for s in scenarios),  # type: ignore[arg-type]
            tuple([t.id for t in s.topics] for s in scenarios),  # type: ignore[arg-type]
        )
        changes = {k: v for k, v in diff.counts().items() if v}
        print(
            f"{path.name}: base cold {statistics.median(cold):.3f} s, "
            f"variant warm {statistics.median(warm):.3f} s, "
            f"variant cold {statistics.median(variant_cold):.3f} s "
            f"(medians of {args.repeat}); {variant.solver.status}; changes {changes}"
        )
    base = load_scenario(DEMO)
    for workers in (1, 2):
        result = run_sweep(DEMO, base, None, k=args.leaves, runs=args.runs, seed=1, workers=workers)
        print(
            f"sweep K={args.leaves} N={args.runs}, {workers} worker(s): {result.seconds:.1f} s, "
            f"{len(result.outcomes) / result.seconds:.2f} variants/s"
        )


if __name__ == "__main__":
    main()
