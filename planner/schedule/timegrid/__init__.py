"""A rooms-and-time-grid scheduling engine on CP-SAT, independent of scenarios.

Items (meetings) get a start on a grid of grains inside one block (a half-day, a day) and a
room; hard: no room holds two items at once, rooms seat everyone, nobody required at two
items at once; medium: clashes of optional attendees; soft: weighted terms (earlier starts,
breaks, room stability, block and room costs, and Timefold-style terms for benchmarks).

* :mod:`.problem`: the input dataclasses (:class:`Problem`, :class:`Block`, :class:`Room`,
  :class:`Item`, :class:`Weights`) and their derived indexes;
* :mod:`.model`: the CP-SAT model, built into a given ``CpModel`` so a larger model can link
  to it (:func:`build`);
* :mod:`.bound`: a lower bound on the medium cost (block–clique relaxation);
* :mod:`.solve`: the standalone solve (:func:`solve`) and its :class:`Result`, with
  :mod:`.search` (budget, block neighbourhoods), :mod:`.blocks` (reordering interchangeable
  blocks) and :mod:`.rooms` (rooms after the time stage);
* :mod:`.evaluate`: exact costs of any placement (:func:`evaluate`).
"""

from planner.schedule.timegrid.bound import Relaxation, medium_lower_bound, relax
from planner.schedule.timegrid.evaluate import Evaluation, Placement, evaluate, overlap
from planner.schedule.timegrid.model import Attendance, BuildOptions, GridModel, build
from planner.schedule.timegrid.problem import (
    Block,
    Blocker,
    Item,
    Prepared,
    Problem,
    Room,
    Weights,
    diagnose,
)
from planner.schedule.timegrid.search import Stage
from planner.schedule.timegrid.solve import Result, SolveOptions, solve

__all__ = [
    "Attendance",
    "Block",
    "Blocker",
    "BuildOptions",
    "Evaluation",
    "GridModel",
    "Item",
    "Placement",
    "Prepared",
    "Problem",
    "Relaxation",
    "Result",
    "Room",
    "SolveOptions",
    "Stage",
    "Weights",
    "build",
    "diagnose",
    "evaluate",
    "medium_lower_bound",
    "overlap",
    "relax",
    "solve",
]
