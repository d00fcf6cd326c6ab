"""Hostile and broken input: refused quickly with file, place and problem; nothing run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli import app
from planner.scenario import InputError, load_scenario
from planner.yamlio import MAX_INPUT_BYTES
from tests.conftest import write_scenario
from tests.helpers import meeting, topic

runner = CliRunner()


def keys_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as err:
        load_scenario(path)
    return [p.key for p in err.value.problems]


def test_python_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(
        f'scenario: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    assert keys_of(path) == ["yaml.unsupported"]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    assert keys_of(path) == ["yaml.alias_bomb"]
    assert time.perf_counter() - started < 5


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_INPUT_BYTES + b"\n")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    [p] = err.value.problems
    assert p.key == "file.too_big" and str(MAX_INPUT_BYTES) in p.message("en")


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "file.empty"),
        (b"# only a comment\n", "file.empty"),
        (b"- a\n- b\n", "yaml.not_mapping"),
        (b"just text\n", "yaml.not_mapping"),
        (b"\x00\x01garbage\xff", "file.binary"),
        (b"scenario: \xff\xfe\n", "file.not_utf8"),
        (b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", "yaml.too_deep"),
        (b"scenario: x\n  bad indent: [\n", "yaml.syntax"),
    ],
)
def test_broken_files(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    assert keys_of(path) == [key]
    result = runner.invoke(app, ["plan", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("edit", "place"),
    [
        (lambda d: d.update(horizon={"from": "2026-06-05", "to": "2026-06-01"}), "horizon"),
        (lambda d: d["meetings"].append(meeting("m", minutes=-30)), "meetings[0].minutes"),
        (lambda d: d["topics"].append(topic("t", priority=0)), "topics[0].priority"),
        (lambda d: d["topics"].append(topic("t", minutes="long")), "topics[0].minutes"),
        (lambda d: d["people"].append(dict(d["people"][0])), "people[8].id"),
        (lambda d: d["departments"].append({"id": "a", "name": "x"}), "departments[3].id"),
        (lambda d: d["meetings"].append(meeting("../../etc/x")), "meetings[0].id"),
        (lambda d: d["topics"].append(topic("t", title="A\nDESCRIPTION:x")), "topics[0].title"),
        (lambda d: d["topics"].append(topic("t", title="长" * 400)), "topics[0].title"),
        (lambda d: d.update(people="nobody"), "people"),
        (lambda d: d.update(topics=[["not", "a", "mapping"]]), "topics[0]"),
    ],
)
def test_broken_fields_name_their_place(
    tmp_path: Path, base: dict[str, Any], edit: Any, place: str
) -> None:
    edit(base)
    path = write_scenario(tmp_path, base)
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert place in [p.where().split(": ", 1)[-1] for p in err.value.problems]
