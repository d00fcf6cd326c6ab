"""The command line through typer's CliRunner: exit codes, files written or not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cli import app
from tests.conftest import write_scenario
from tests.helpers import meeting, topic

runner = CliRunner()


def small(base: dict[str, Any]) -> dict[str, Any]:
    base["meetings"] = [meeting("m", minutes=60)]
    base["topics"] = [topic("t1"), topic("t2", materials="2026-06-01")]
    return base


def test_plan_writes_the_folder(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(path), "--out", str(out), "--work-budget", "5"])
    assert result.exit_code == 0, result.output
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in plan["meetings"]] == ["m"]
    assert [t["meeting"] for t in plan["topics"]] == ["m", None]
    assert plan["topics"][1]["reasons"][0]["article"] == 47
    assert "## 会议安排" in (out / "calendar.md").read_text(encoding="utf-8")
    verify = runner.invoke(app, ["verify", str(path), str(out / "plan.json")])
    assert verify.exit_code == 0, verify.output


def test_plan_in_english(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(path), "--out", str(out), "--lang", "en", "--json"])
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["topics"][1]["reasons"][0]["message"].startswith("materials arrive on 2026-06-01")
    assert "## Meetings" in (out / "calendar.md").read_text(encoding="utf-8")


def test_invalid_input_exits_2_and_writes_nothing(tmp_path: Path, base: dict[str, Any]) -> None:
    base["topics"] = [topic("t1", vice_mayor="ghost")]
    path = write_scenario(tmp_path, base)
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(path), "--out", str(out)])
    assert result.exit_code == 2
    assert "topics[0].vice_mayor" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]


def test_invalid_input_keeps_the_previous_plan(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    out = tmp_path / "out"
    assert (
        runner.invoke(app, ["plan", str(path), "--out", str(out), "--work-budget", "5"]).exit_code
        == 0
    )
    before = (out / "plan.json").read_bytes()
    path.write_text("scenario: [broken", encoding="utf-8")
    assert runner.invoke(app, ["plan", str(path), "--out", str(out)]).exit_code == 2
    assert (out / "plan.json").read_bytes() == before


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "nope.yaml" in result.stderr


def test_check_reports_warnings_and_exits_0(tmp_path: Path, base: dict[str, Any]) -> None:
    base["leaves"] = [
        {"person": "h_a", "from": "2026-06-03", "to": "2026-06-03", "requested": "2026-06-02"}
    ]
    result = runner.invoke(app, ["check", str(write_scenario(tmp_path, base)), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert [(p["severity"], p["article"], p["place"]) for p in report["problems"]] == [
        ("warning", 78, "leaves[0].requested")
    ]


def test_refuses_to_overwrite_a_foreign_folder(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = runner.invoke(app, ["plan", str(path), "--out", str(foreign)])
    assert result.exit_code == 2
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_verify_finds_violations_in_an_edited_plan(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    out = tmp_path / "out"
    assert (
        runner.invoke(app, ["plan", str(path), "--out", str(out), "--work-budget", "5"]).exit_code
        == 0
    )
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    plan["meetings"][0]["chair"] = "vm1"  # the mayor is present and chairs (Art. 6)
    plan["meetings"][0]["agenda"].append("t2")  # materials too late (Art. 47), not listed
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(plan), encoding="utf-8")
    result = runner.invoke(app, ["verify", str(path), str(edited), "--json", "--lang", "en"])
    assert result.exit_code == 1
    articles = sorted(v["article"] for v in json.loads(result.stdout)["violations"])
    assert articles == [6, 45, 47]


def test_verify_rejects_a_malformed_plan(tmp_path: Path, base: dict[str, Any]) -> None:
    path = write_scenario(tmp_path, small(base))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["verify", str(path), str(bad)]).exit_code == 2


def test_same_input_same_plan(tmp_path: Path) -> None:
    """Determinism: the demo month planned twice gives the same plan (wall time aside)."""
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = runner.invoke(app, ["plan", "--out", str(out), "--work-budget", "10"])
        assert result.exit_code == 0, result.output
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        plan["solver"].pop("seconds")
        outs.append((plan, (out / "calendar.md").read_bytes()))
    assert outs[0] == outs[1]


def test_every_command_has_help_with_an_example() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name
