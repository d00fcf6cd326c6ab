"""Sweeps: random leaves drawn by a documented model, planned in parallel, deterministically
for a seed, with the same results on local processes and on a Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cli import app
from planner.scenario import load_scenario
from planner.schedule import SolveOptions
from planner.sweep import MAX_LENGTH, REASONS, SweepResult, draw_leaves, plan_sweep, run_sweep
from tests.conftest import write_scenario
from tests.helpers import leave, meeting, topic

FAST = SolveOptions(seed=3, work_budget=2.0)
runner = CliRunner()


def week(base: dict[str, Any]) -> dict[str, Any]:
    """An executive meeting, vm1's topic meeting (Wednesday or Thursday), vm2's."""
    base["meetings"] = [
        meeting("ex", minutes=120),
        meeting(
            "tm1",
            kind="topic",
            chair="vm1",
            minutes=60,
            attendees=["h_a"],
            window={"from": "2026-06-03", "to": "2026-06-04"},
        ),
        meeting("tm2", kind="topic", chair="vm2", minutes=60, attendees=["h_b"]),
    ]
    base["topics"] = [
        topic("t1", minutes=30),
        topic("t2", decided_by="topic", minutes=30, deadline="2026-06-03"),
        topic("t3", decided_by="topic", department="b", vice_mayor="vm2", minutes=30),
    ]
    return base


def sweep(path: Path, **extra: Any) -> SweepResult:
    loaded = load_scenario(path)
    options = {"k": 3, "runs": 6, "seed": 11, "options": FAST, "base_options": FAST, **extra}
    return run_sweep(path, loaded, None, **options)


def test_the_random_leaves_follow_the_documented_model(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    base["horizon"] = {"from": "2026-06-01", "to": "2026-06-30"}
    loaded = load_scenario(write_scenario(tmp_path, week(base)))
    people = {p.id for p in loaded.scenario.people}
    workdays = loaded.calendar.workdays(loaded.scenario.start, loaded.scenario.end)
    lengths: list[int] = []
    halves = 0
    for i in range(200):
        for lv in draw_leaves(loaded, 2, seed=5, index=i):
            assert lv.person in people and lv.start in workdays and lv.reason in REASONS
            assert lv.requested is not None and (lv.start - lv.requested).days == 7
            span = [d for d in workdays if lv.start <= d <= lv.end]
            assert span[0] == lv.start and 1 <= len(span) <= MAX_LENGTH
            lengths.append(len(span))
            halves += lv.half is not None
    assert draw_leaves(loaded, 2, 5, 17) == draw_leaves(loaded, 2, 5, 17)
    assert draw_leaves(loaded, 2, 5, 17) != draw_leaves(loaded, 2, 6, 17)
    # 1/2, 1/4, 1/4 (clipping at the horizon's end shortens a few); one in five half-day
    assert 0.4 < lengths.count(1) / len(lengths) < 0.6
    assert 0.1 < halves / len(lengths) < 0.3


def test_a_seed_gives_the_same_sweep_on_one_or_two_processes(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    path = write_scenario(tmp_path, week(base))
    inline = sweep(path, workers=0).to_json(timing=False)
    two = sweep(path, workers=2).to_json(timing=False)
    assert inline == two
    assert inline["runs"] == 6 and len(inline["variants"]) == 6
    assert [v["run"] for v in inline["variants"]] == list(range(6))
    other = sweep(path, workers=0, seed=12).to_json(timing=False)
    assert other["variants"] != inline["variants"]


def test_fragility_is_the_share_of_runs(tmp_path: Path, base: dict[str, Any]) -> None:
    """Two what-ifs: vm1 away on Wednesday (tm1 moves to Thursday, t2 misses its deadline),
    and a leave that touches nothing: tm1 moved in 1 run of 2, t2 deferred in 1 of 2."""
    write_scenario(tmp_path, week(base), "base.yaml")
    paths = []
    for name, who in (("away", "vm1"), ("idle", "dir")):
        path = tmp_path / f"{name}.yaml"
        day = "2026-06-03" if who == "vm1" else "2026-06-05"
        data = {"base": "base.yaml", "add": {"leaves": [leave(who, day)]}}
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        paths.append(path)
    result = plan_sweep(paths, options=FAST, base_options=FAST, workers=0)
    meetings = {m["id"]: (m["not_held"], m["moved"], m["affected"]) for m in result.meetings}
    assert meetings == {"ex": (0, 0, 0), "tm1": (0, 0.5, 0.5), "tm2": (0, 0, 0)}
    topics = {t["id"]: t["deferred"] for t in result.topics}
    assert topics == {"t1": 0, "t2": 0.5, "t3": 0}
    assert [v["name"] for v in result.variants] == ["away", "idle"]
    assert result.variants[0]["moved"] == [
        {
            "id": "tm1",
            "from": {"date": "2026-06-03", "half": "am"},
            "to": {"date": "2026-06-04", "half": "am"},
        }
    ]


def test_dask_gives_the_same_results_as_local_processes(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    distributed = pytest.importorskip("dask.distributed")
    path = write_scenario(tmp_path, week(base))
    local = sweep(path, workers=2).to_json(timing=False)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = sweep(path, dask=cluster.scheduler_address)
    assert on_dask.to_json(timing=False) == local
    assert on_dask.workers.startswith("dask:")


def test_sweep_command_writes_sweep_json(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, week(base))
    out = tmp_path / "sweep"
    options = "--random-leaves 2 --runs 3 --seed 4 --workers 0 --work-budget 2 --lang en"
    result = runner.invoke(app, ["sweep", str(path), *options.split(), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 variants" in result.output
    data = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    head = (data["mode"], data["runs"], data["seed"], data["random_leaves"])
    assert head == ("random_leaves", 3, 4, 2)
    assert data["model"]["length_workdays"] == {"1": 0.5, "2": 0.25, "3": 0.25}
    assert {m["id"] for m in data["meetings"]} == {"ex", "tm1", "tm2"}
    assert data["timing"]["variants_per_second"] > 0


def test_sweep_refuses_a_scenario_without_random_leaves_or_mixed_files(
    tmp_path: Path, base: dict[str, Any]
) -> None:
    path = write_scenario(tmp_path, week(base), "base.yaml")
    whatif = tmp_path / "w.yaml"
    whatif.write_text("base: base.yaml\n", encoding="utf-8")
    for args in ([str(path)], [str(path), str(whatif)], [str(whatif), "--random-leaves", "2"]):
        result = runner.invoke(app, ["sweep", *args, "--out", str(tmp_path / "o")])
        assert result.exit_code == 2, (args, result.output)
    assert not (tmp_path / "o").exists()
