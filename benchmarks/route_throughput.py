"""Routing throughput: route N generated documents over the demo month and report documents
per second.

The documents are generated deterministically from a seed (every kind, issuer and flag, the
demo's departments, starts from May to July 2026). The demo month is planned once first,
untimed, so that documents that must be deliberated meet its planned meetings; the timing
covers routing only (signer, graph, stages, due dates, stand-ins, critical path, warnings).

    python -m benchmarks.route_throughput [--count 10000] [--seed 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path

from planner.model import CLASSIFICATIONS, DOCUMENT_KINDS, ISSUERS, Document
from planner.routing import Router
from planner.scenario import load_scenario
from planner.schedule import SolveOptions, plan_scenario

DEMO = Path(__file__).resolve().parent.parent / "scenarios" / "yanzhou-2026-06.yaml"


def generate(
    count: int, seed: int, departments: list[str], meetings: list[str], topics: list[str]
) -> list[Document]:
    """`count` random documents, the same for the same seed."""
    rng = random.Random(seed)
    docs: list[Document] = []
    for n in range(count):
        docs.append(
            Document(
                id=f"g{n:05d}",
                title=rng.choice(["关于某事项的通知", "关于某事项的请示", "关于涉密事项的函"]),
                kind=rng.choice(DOCUMENT_KINDS),
                issuer=rng.choice(ISSUERS),
                drafter=rng.choice([None, *departments]),
                start=date(2026, 5, 1) + timedelta(rng.randrange(92)),
                to=tuple(
                    rng.sample(
                        ["city_government", "towns_and_departments", "swj"], rng.randint(1, 2)
                    )
                ),
                involves=tuple(rng.sample(departments, rng.randint(0, 4))),
                complex=rng.random() < 0.3,
                decided_at=rng.choice([None, None, None, *meetings]),
                routine=rng.random() < 0.15,
                scope=rng.choice(["normal", "normal", "broad"]),
                urgent=rng.random() < 0.1,
                classification=rng.choice(CLASSIFICATIONS),
                market_entities=rng.random() < 0.2,
                matters=rng.choice([1, 1, 1, 2]),
                asks=rng.random() < 0.1,
                via_office=rng.random() < 0.9,
                topic=rng.choice([None, None, None, *topics]),
            )
        )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    parser.add_argument("--scenario", type=Path, default=DEMO)
    args = parser.parse_args()

    loaded = load_scenario(args.scenario)
    scenario = loaded.scenario
    plan = plan_scenario(loaded, SolveOptions())
    docs = generate(
        args.count,
        args.seed,
        [d.id for d in scenario.departments],
        [m.id for m in scenario.meetings],
        [t.id for t in scenario.topics],
    )
    best = float("inf")
    steps = warnings = 0
    for _ in range(args.repeat):
        router = Router(loaded, plan)  # fresh: no cache carried over from the run before
        began = time.perf_counter()
        routes = router.route_all(docs)
        best = min(best, time.perf_counter() - began)
        steps = sum(len(r.steps) for r in routes)
        warnings = sum(len(r.warnings) for r in routes)
    print(
        f"{args.count} documents ({steps} steps, {warnings} warnings) routed in {best:.2f} s "
        f"(best of {args.repeat}): {args.count / best:,.0f} documents/second"
    )


if __name__ == "__main__":
    main()
