"""Interchangeable blocks: reorder and mirror whole blocks of a placement.

Two blocks are *interchangeable* when they have the same length and every item may start at
the same offsets in both. The medium cost only depends on what happens inside each block, so
permuting the contents of interchangeable blocks, or mirroring a block's contents in time
(when every item may start at the mirrored offset), keeps it; the soft cost (earliness,
block costs, touching across block edges) changes. :func:`best_arrangement` tries every
permutation of each group of interchangeable blocks (up to :data:`MAX_PERMUTED` blocks), then
mirrors block by block, and keeps the cheapest arrangement (exact evaluation).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import permutations

from planner.schedule.timegrid.evaluate import Placement, evaluate
from planner.schedule.timegrid.problem import Prepared

__all__ = ["MAX_PERMUTED", "best_arrangement", "interchangeable"]

MAX_PERMUTED = 6
"""Groups of more interchangeable blocks than this are not permuted (6! = 720 trials)."""

Placements = Mapping[str, Placement]


def _shape(prep: Prepared, k: int) -> tuple[int, tuple[frozenset[int], ...]]:
    """A block's length and each item's start offsets inside it."""
    start = prep.blocks[k].start
    offsets = tuple(frozenset(s - start for s in prep.block_starts(i, k)) for i in prep.live)
    return prep.blocks[k].length, offsets


def interchangeable(prep: Prepared) -> list[list[int]]:
    """Groups (two blocks or more) of interchangeable blocks, in time order."""
    groups: dict[tuple[int, tuple[frozenset[int], ...]], list[int]] = {}
    for k in range(len(prep.blocks)):
        groups.setdefault(_shape(prep, k), []).append(k)
    return [g for g in groups.values() if len(g) > 1]


def _block_of(prep: Prepared, item_id: str, p: Placement) -> int:
    """The block index of a placed item."""
    i = prep.index[item_id]
    return prep.start_block[i][p.start]


def _moved(prep: Prepared, placements: Placements, mapping: Mapping[int, int]) -> dict[
        str, Placement]:
    """Move the contents of each block ``k`` to block ``mapping[k]`` (same offsets)."""
    out: dict[str, Placement] = {}
    for item_id, p in placements.items():
        k = _block_of(prep, item_id, p)
        target = mapping.get(k, k)
        shift = prep.blocks[target].start - prep.blocks[k].start
        out[item_id] = Placement(p.start + shift, p.room)
    return out


def _mirrored(prep: Prepared, placements: Placements, k: int) -> dict[str, Placement] | None:
    """The contents of block ``k`` mirrored in time, or None if some item cannot start there."""
    block = prep.blocks[k]
    out = dict(placements)
    for item_id, p in placements.items():
        i = prep.index[item_id]
        if prep.start_block[i][p.start] != k:
            continue
        start = block.start + block.end - p.start - prep.duration(i)
        if prep.start_block[i].get(start) != k:
            return None
        out[item_id] = Placement(start, p.room)
    return out


def _cost(prep: Prepared, placements: Placements) -> tuple[int, int, int]:
    """(violations, medium, soft) of a placement, for comparisons."""
    e = evaluate(prep.problem, placements)
    return (len(e.violations), e.medium, e.soft)


def best_arrangement(prep: Prepared, placements: Placements) -> dict[str, Placement]:
    """The cheapest permutation and mirroring of interchangeable blocks' contents."""
    best = dict(placements)
    best_cost = _cost(prep, best)
    for group in interchangeable(prep):
        if len(group) > MAX_PERMUTED:
            continue
        base = best
        for order in permutations(group):
            trial = _moved(prep, base, dict(zip(group, order, strict=True)))
            cost = _cost(prep, trial)
            if cost < best_cost:
                best, best_cost = trial, cost
    for k in range(len(prep.blocks)):
        mirrored = _mirrored(prep, best, k)
        if mirrored is not None and (cost := _cost(prep, mirrored)) < best_cost:
            best, best_cost = mirrored, cost
    return best
