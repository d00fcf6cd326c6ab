"""A `planner plan` process killed (SIGKILL) at any moment leaves the output folder with the
previous complete plan or the new complete plan: never a half-written file, never old
calendars beside a new plan."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.conftest import DEMO


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def titled(tmp_path: Path, title: str) -> Path:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["scenario"] = title
    path = tmp_path / f"{title}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(scenario: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cli import app; app()",
            "plan",
            str(scenario),
            "--out",
            str(out),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def consistent_title(files: dict[str, bytes]) -> str:
    """The one scenario title every file of the folder speaks of."""
    plan = json.loads(files["plan.json"])
    title = str(plan["scenario"])
    assert files["calendar.md"].decode("utf-8").startswith(f"# {title}")
    for name, data in files.items():
        if name.endswith(".ics"):
            text = data.decode("utf-8")
            assert text.startswith("BEGIN:VCALENDAR") and text.rstrip().endswith("END:VCALENDAR")
    return title


def test_killed_runs_leave_old_or_new_complete_plan(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run(titled(tmp_path, "old"), out)
    assert first.wait(timeout=300) == 0
    old = snapshot(out)
    assert consistent_title(old) == "old"
    started = time.perf_counter()  # a complete run into the existing folder, to time it
    assert run(titled(tmp_path, "old"), out).wait(timeout=300) == 0
    duration = time.perf_counter() - started
    old = snapshot(out)
    new_scenario = titled(tmp_path, "new")
    outcomes: list[str] = []
    for i in range(8):
        delay = duration * (0.4 + 0.15 * i)
        proc = run(new_scenario, out)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=300)
        files = snapshot(out)
        title = consistent_title(files)
        assert title in ("old", "new")
        if title == "old":
            assert files == old
        outcomes.append(f"{delay:.1f}s:{'killed' if killed else 'finished'}:{title}")
        if title == "new":  # put the old plan back for the next kill
            assert run(titled(tmp_path, "old"), out).wait(timeout=300) == 0
            old = snapshot(out)
            assert consistent_title(old) == "old"
    # Stale staging folders of killed runs are gone after the next complete run.
    assert run(new_scenario, out).wait(timeout=300) == 0
    assert consistent_title(snapshot(out)) == "new"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.new-")] == []
    print("kill outcomes:", outcomes, "run seconds:", round(duration, 2), file=sys.stderr)
    assert os.path.isdir(out)
