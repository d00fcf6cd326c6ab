"""Shared fixtures: tiny scenarios built from a dict, written to YAML, loaded for real."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner.scenario import Loaded, load_scenario

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scenarios" / "yanzhou-2026-06.yaml"
OCTOBER = ROOT / "scenarios" / "yanzhou-2026-10.yaml"


def base_data() -> dict[str, Any]:
    """A one-week horizon (Mon 2026-06-01 .. Fri 06-05) with a small leadership.

    mayor `may`, executive vice-mayor `evm`, vice-mayors `vm1`, `vm2` (stand-ins of each
    other), office director `dir`, department heads `h_a` (dept `a`, vm1's portfolio),
    `h_b` (dept `b`, vm2's), `h_j` (justice bureau `sfj`, evm's). No meetings, no topics.
    """
    return {
        "scenario": "test",
        "horizon": {"from": "2026-06-01", "to": "2026-06-05"},
        "people": [
            {"id": "may", "name": "区长甲", "role": "mayor"},
            {
                "id": "evm",
                "name": "常务乙",
                "role": "executive_vice_mayor",
                "portfolio": ["sfj"],
                "stand_in": "vm1",
            },
            {
                "id": "vm1",
                "name": "副区长丙",
                "role": "vice_mayor",
                "portfolio": ["a"],
                "stand_in": "vm2",
            },
            {
                "id": "vm2",
                "name": "副区长丁",
                "role": "vice_mayor",
                "portfolio": ["b"],
                "stand_in": "vm1",
            },
            {"id": "dir", "name": "主任戊", "role": "office_director"},
            {"id": "h_a", "name": "局长A", "role": "department_head", "department": "a"},
            {"id": "h_b", "name": "局长B", "role": "department_head", "department": "b"},
            {"id": "h_j", "name": "局长J", "role": "department_head", "department": "sfj"},
        ],
        "departments": [
            {"id": "a", "name": "区甲局"},
            {"id": "b", "name": "区乙局"},
            {"id": "sfj", "name": "区司法局", "does": ["legality_review"]},
        ],
        "meetings": [],
        "topics": [],
    }


def write_scenario(tmp_path: Path, data: dict[str, Any], name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def base() -> dict[str, Any]:
    return copy.deepcopy(base_data())


@pytest.fixture
def build(tmp_path: Path) -> Callable[[dict[str, Any]], Loaded]:
    """Write a scenario dict to YAML and load it through the real loader."""
    counter = [0]

    def _build(data: dict[str, Any]) -> Loaded:
        counter[0] += 1
        return load_scenario(write_scenario(tmp_path, data, f"s{counter[0]}.yaml"))

    return _build
