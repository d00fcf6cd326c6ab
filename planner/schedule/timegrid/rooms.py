"""Rooms for items whose times and room classes are chosen (after the time stage).

Inside a room class every item may use every room, so giving rooms is colouring an interval
graph: taking items by start time and giving each a free room always succeeds when no more
items run at once than the class has rooms (which the time model's cumulative guarantees).
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.schedule.timegrid.evaluate import Placement
from planner.schedule.timegrid.problem import Prepared

__all__ = ["assign_rooms"]


def assign_rooms(
    prep: Prepared, starts: Mapping[int, int], classes: Mapping[int, int]
) -> dict[str, Placement]:
    """Item id → placement, choosing in each class the cheapest free room (then the one the
    item's required people used last, then the first). Raises ``ValueError`` if a class runs
    more items at once than it has rooms."""
    out: dict[str, Placement] = {}
    free_at: dict[int, int] = {}  # room index → first grain it is free again
    last_room: dict[str, int] = {}  # person → room of their latest placed item
    for i in sorted(starts, key=lambda i: (starts[i], i)):
        rooms = prep.room_classes[classes[i]]
        start = starts[i]
        free = [k for k in rooms if free_at.get(k, start) <= start]
        if not free:
            raise ValueError(f"item {prep.items[i].id!r}: no free room in its class")
        people = prep.items[i].required
        familiar = {last_room[p] for p in people if p in last_room}
        k = min(free, key=lambda k: (prep.rooms[k].cost, k not in familiar, rooms.index(k)))
        free_at[k] = start + prep.duration(i)
        for person in people:
            last_room[person] = k
        out[prep.items[i].id] = Placement(start, prep.rooms[k].id)
    return out
