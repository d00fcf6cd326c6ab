"""The rooms-and-time-grid problem: blocks of grains, rooms, items to place, term weights.

Time is a grid of integer grains with a global index. A *block* is a stretch of consecutive
grains that no item may cross (a half-day, a day); blocks never overlap. Each item lasts a
whole number of grains, starts on one of its candidate grains and takes one room.

Hard rules: no room holds two items at once; an item's room seats at least its people; no
person required at two items is there at two overlapping times; an item stays inside one
block. Medium: a person at two overlapping items, at least one of them optionally, costs
``Weights.clash`` per grain of overlap (a person required at both is a hard conflict instead).
Soft terms are listed on :class:`Weights`.

Everything here is plain, immutable data and the derived indexes the model builder needs
(:class:`Prepared`); nothing imports a solver.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations, pairwise

import networkx as nx

__all__ = [
    "MAX_CLIQUES",
    "Block",
    "Blocker",
    "Item",
    "Pair",
    "Prepared",
    "Problem",
    "Room",
    "Weights",
    "diagnose",
]


MAX_CLIQUES = 5000
"""Conflict cliques beyond this many are not used (bound and cuts are then left out)."""


@dataclass(frozen=True)
class Block:
    """Grains ``start … end - 1`` (global indices) that an item must not cross.

    ``cost`` is a soft cost per item placed in the block (weighted by ``Weights.block_cost``).
    """

    id: str
    start: int
    end: int
    cost: int = 0

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"block {self.id!r}: end {self.end} is not after start {self.start}")

    @property
    def length(self) -> int:
        """The number of grains in the block."""
        return self.end - self.start


@dataclass(frozen=True)
class Room:
    """A room with a seat capacity; ``cost`` is a soft cost per item placed in it."""

    id: str
    capacity: int
    cost: int = 0

    def __post_init__(self) -> None:
        if self.capacity < 0:
            raise ValueError(f"room {self.id!r}: capacity {self.capacity} is negative")


@dataclass(frozen=True)
class Item:
    """Something to place: a meeting, or one alternative of a meeting.

    ``required`` people must attend (never in two overlapping items); ``optional`` people are
    welcome (a clash costs medium). A person in both sets counts as required. ``seats`` is the
    capacity the room needs (default: the number of distinct people). ``starts`` restricts the
    start grains (default: every grain from which the item fits inside a block); ``rooms``
    restricts the rooms (default: all). A non-``mandatory`` item may stay unplaced. Items that
    share a ``group`` are alternatives: at most one of them is placed.
    """

    id: str
    duration: int
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    seats: int | None = None
    starts: frozenset[int] | None = None
    rooms: frozenset[str] | None = None
    mandatory: bool = True
    group: str | None = None

    def __post_init__(self) -> None:
        if self.duration < 1:
            raise ValueError(f"item {self.id!r}: duration {self.duration} is below 1")
        object.__setattr__(self, "required", frozenset(self.required))
        object.__setattr__(self, "optional", frozenset(self.optional) - self.required)
        if self.starts is not None:
            object.__setattr__(self, "starts", frozenset(self.starts))
        if self.rooms is not None:
            object.__setattr__(self, "rooms", frozenset(self.rooms))
        if self.seats is not None and self.seats < 0:
            raise ValueError(f"item {self.id!r}: seats {self.seats} is negative")

    @property
    def people(self) -> frozenset[str]:
        """Everyone who attends, required or optional."""
        return self.required | self.optional

    @property
    def need(self) -> int:
        """Seats the room must have."""
        return len(self.people) if self.seats is None else self.seats


@dataclass(frozen=True)
class Weights:
    """Weights of the objective terms. Medium: ``clash``. Soft: all the others.

    * ``clash``: per person and grain at which they are at two items, not required at both.
    * ``early``: per grain an item starts after the start of its block.
    * ``block_cost`` / ``room_cost``: multipliers of :attr:`Block.cost` / :attr:`Room.cost`.
    * ``back_to_back``: per person at both of two items where the second starts less than
      ``break_grains`` grains after the first ends (no break between them).
    * ``room_switch``: per person required at both of two items in different rooms where the
      second starts at most ``switch_gap`` grains after the first ends.
    * ``touching``: per ordered pair of any two items where the second starts on the grain the
      first ends (Timefold's "one time grain break", whoever attends).
    * ``overlap``: per grain during which any two items run at once, whoever attends.
    """

    clash: int = 1
    early: int = 0
    block_cost: int = 1
    room_cost: int = 1
    back_to_back: int = 0
    break_grains: int = 1
    room_switch: int = 0
    switch_gap: int = 0
    touching: int = 0
    overlap: int = 0

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value < 0:
                raise ValueError(f"weight {name} is negative ({value})")


@dataclass(frozen=True)
class Problem:
    """Blocks, rooms, items and weights: a whole instance of the rooms-and-grid problem."""

    blocks: tuple[Block, ...]
    rooms: tuple[Room, ...]
    items: tuple[Item, ...]
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        _check_unique("block", (b.id for b in self.blocks))
        _check_unique("room", (r.id for r in self.rooms))
        _check_unique("item", (i.id for i in self.items))
        ordered = sorted(self.blocks, key=lambda b: b.start)
        for first, second in pairwise(ordered):
            if second.start < first.end:
                raise ValueError(f"blocks {first.id!r} and {second.id!r} overlap")
        room_ids = {r.id for r in self.rooms}
        for item in self.items:
            unknown = sorted((item.rooms or frozenset()) - room_ids)
            if unknown:
                raise ValueError(f"item {item.id!r}: unknown room(s) {unknown}")


def _check_unique(kind: str, ids: Iterable[str]) -> None:
    """Raise ``ValueError`` on the first repeated id."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValueError(f"duplicate {kind} id {item_id!r}")
        seen.add(item_id)


@dataclass(frozen=True)
class Blocker:
    """Why an item cannot be placed at all: ``no_room`` (none seats ``need``) or ``no_start``."""

    item_id: str
    kind: str
    need: int = 0
    largest: int = 0


@dataclass(frozen=True)
class Pair:
    """Two items that may overlap in time, with what their overlap would cost or break.

    ``clash`` counts the people at both, not required at both (medium per grain); ``hard``
    is true if someone is required at both (they must not overlap).
    """

    a: int
    b: int
    clash: int
    hard: bool


class Prepared:
    """Derived indexes of a :class:`Problem`: candidate starts, blocks, rooms and pairs."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.items = problem.items
        self.blocks = tuple(sorted(problem.blocks, key=lambda b: b.start))
        self.rooms = problem.rooms
        self.index = {item.id: i for i, item in enumerate(self.items)}
        self.starts: list[tuple[int, ...]] = []
        self.start_block: list[dict[int, int]] = []
        self.item_rooms: list[tuple[int, ...]] = []
        for item in self.items:
            by_start = self._fitting_starts(item)
            self.starts.append(tuple(sorted(by_start)))
            self.start_block.append(by_start)
            self.item_rooms.append(self._eligible_rooms(item))

    def _fitting_starts(self, item: Item) -> dict[int, int]:
        """Each candidate start that keeps the item inside a block, mapped to that block."""
        out: dict[int, int] = {}
        for k, block in enumerate(self.blocks):
            for start in range(block.start, block.end - item.duration + 1):
                if item.starts is None or start in item.starts:
                    out[start] = k
        return out

    def _eligible_rooms(self, item: Item) -> tuple[int, ...]:
        """Indices of the rooms that are allowed and seat the item's people."""
        return tuple(
            k
            for k, room in enumerate(self.rooms)
            if room.capacity >= item.need and (item.rooms is None or room.id in item.rooms)
        )

    def duration(self, i: int) -> int:
        """Item ``i``'s length in grains."""
        return self.items[i].duration

    def item_blocks(self, i: int) -> tuple[int, ...]:
        """The blocks item ``i`` may be placed in, in time order."""
        return tuple(sorted(set(self.start_block[i].values())))

    def start_block_set(self, i: int) -> frozenset[int]:
        """The blocks item ``i`` may be placed in, as a set."""
        return self._block_sets[i]

    @cached_property
    def _block_sets(self) -> tuple[frozenset[int], ...]:
        """Each item's candidate blocks, as sets."""
        return tuple(frozenset(self.start_block[i].values()) for i in range(len(self.items)))

    def block_starts(self, i: int, k: int) -> tuple[int, ...]:
        """Item ``i``'s candidate starts inside block ``k``."""
        return tuple(s for s in self.starts[i] if self.start_block[i][s] == k)

    def placeable(self, i: int) -> bool:
        """True if item ``i`` has a start and a room."""
        return bool(self.starts[i]) and bool(self.item_rooms[i])

    @cached_property
    def live(self) -> tuple[int, ...]:
        """The items that can be placed at all (the others are left out of the model)."""
        return tuple(i for i in range(len(self.items)) if self.placeable(i))

    def may_overlap(self, a: int, b: int) -> bool:
        """True if some pair of candidate starts makes items ``a`` and ``b`` overlap."""
        if not set(self.item_blocks(a)) & set(self.item_blocks(b)):
            return False
        da, db = self.duration(a), self.duration(b)
        starts_b = self.starts[b]
        for sa in self.starts[a]:
            lo, hi = sa - db + 1, sa + da - 1  # b overlaps a iff lo <= sb <= hi
            if any(lo <= sb <= hi for sb in starts_b):
                return True
        return False

    @cached_property
    def pairs(self) -> tuple[Pair, ...]:
        """Every pair of live items that may overlap, with its clash count and hard flag."""
        out: list[Pair] = []
        for a, b in combinations(self.live, 2):
            if not self.may_overlap(a, b):
                continue
            ia, ib = self.items[a], self.items[b]
            hard = bool(ia.required & ib.required)
            clash = len(ia.people & ib.people) - len(ia.required & ib.required)
            out.append(Pair(a, b, clash, hard))
        return tuple(out)

    @cached_property
    def required_by_person(self) -> Mapping[str, tuple[int, ...]]:
        """Each person's live items where they are required."""
        out: dict[str, list[int]] = {}
        for i in self.live:
            for person in sorted(self.items[i].required):
                out.setdefault(person, []).append(i)
        return {person: tuple(items) for person, items in sorted(out.items())}

    @cached_property
    def room_classes(self) -> tuple[tuple[int, ...], ...]:
        """Rooms grouped by the set of items that may use them (interchangeable for time)."""
        signature: dict[frozenset[int], list[int]] = {}
        for k in range(len(self.rooms)):
            users = frozenset(i for i in self.live if k in self.item_rooms[i])
            if users:
                signature.setdefault(users, []).append(k)
        return tuple(tuple(rooms) for rooms in signature.values())

    @cached_property
    def cliques(self) -> tuple[tuple[int, ...], ...] | None:
        """Maximal cliques (two items or more) of the conflict graph of the mandatory items,
        whose edges join items that share a person; None if there are over ``MAX_CLIQUES``."""
        chosen = {i for i in self.live if self.items[i].mandatory}
        graph = nx.Graph()
        graph.add_nodes_from(sorted(chosen))
        graph.add_edges_from(
            (p.a, p.b) for p in self.pairs if (p.clash or p.hard) and {p.a, p.b} <= chosen
        )
        out: list[tuple[int, ...]] = []
        for clique in nx.find_cliques(graph):
            if len(clique) >= 2:
                out.append(tuple(sorted(clique)))
                if len(out) > MAX_CLIQUES:
                    return None
        return tuple(sorted(out))

    def usable(self, items: Iterable[int], k: int) -> int:
        """Grains of block ``k`` that some of ``items`` can occupy."""
        grains: set[int] = set()
        for i in items:
            for s in self.block_starts(i, k):
                grains.update(range(s, s + self.duration(i)))
        return len(grains)

    @cached_property
    def groups(self) -> Mapping[str, tuple[int, ...]]:
        """Live items by group (alternatives: at most one is placed)."""
        out: dict[str, list[int]] = {}
        for i in self.live:
            group = self.items[i].group
            if group is not None:
                out.setdefault(group, []).append(i)
        return {g: tuple(items) for g, items in out.items()}


def diagnose(problem: Problem) -> list[Blocker]:
    """The items that cannot be placed at all, and why (room too small, no start fits)."""
    prepared = Prepared(problem)
    largest = max((r.capacity for r in problem.rooms), default=0)
    out: list[Blocker] = []
    for i, item in enumerate(problem.items):
        if not prepared.item_rooms[i]:
            allowed = [
                r.capacity for r in problem.rooms if item.rooms is None or r.id in item.rooms
            ]
            out.append(Blocker(item.id, "no_room", item.need, max(allowed, default=largest)))
        if not prepared.starts[i]:
            out.append(Blocker(item.id, "no_start"))
    return out
