"""The CP-SAT model of the rooms-and-grid problem, built into a given ``CpModel``.

:func:`build` adds variables and constraints to a model (a fresh one, or the caller's own, so
that a larger model can link its decisions to these) and returns a :class:`GridModel` holding
the handles: each item's start variable, its placed literal, one literal per candidate block
and per candidate room, and the medium and soft cost expressions.

Encoding (measured on Timefold's demo instance, see ``benchmarks/results.md``):

* an item's start is an integer variable whose domain is its candidate starts (so block
  edges and the grid are in the domain), with a fixed-size interval on it;
* rooms: one optional interval per (item, room) and a ``NoOverlap`` per room. Rooms that every
  item can use alike form a *class*; a cumulative per class (capacity = its size) is added as
  a redundant constraint, or, with ``rooms=False``, replaces the rooms altogether (the time
  stage: a room within a class can always be chosen afterwards, see :mod:`.rooms`);
* required people: a ``NoOverlap`` per person;
* overlap of two items: ``max(0, min(ends) - max(starts))`` with min/max equalities, only for
  pairs that can overlap and whose overlap costs something;
* "b starts within [lo, hi] grains after a ends": a literal whose negation forbids that gap;
* clique cuts (redundant): per block and per clique of items that pairwise share a person,
  the clique's grains beyond the block's length are overlap (see :mod:`.bound`). They give the
  model a real medium bound (40 on the demo, where the plain model's is 0) and make block
  sub-problems solve to optimality in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ortools.sat.python import cp_model

from planner.schedule.timegrid.evaluate import Placement
from planner.schedule.timegrid.problem import Pair, Prepared

__all__ = ["BuildOptions", "GridModel", "build"]

Literal = cp_model.IntVar
LinearExpr = cp_model.LinearExprT
Expr = cp_model.LinearExpr


def total(terms: Iterable[LinearExpr]) -> Expr:
    """The sum of ``terms`` as one CP-SAT linear expression."""
    return cp_model.LinearExpr.sum(list(terms))


@dataclass(frozen=True)
class BuildOptions:
    """What to build.

    ``rooms``: a room per item (else room classes only: the time stage). ``soft``: the soft
    terms. ``class_cumulative``: the redundant cumulative per room class when ``rooms``.
    ``block_literals``: the (item, block) literals (needed by soft terms, clique cuts and
    callers that link to them). ``clique_cuts``: the block–clique inequalities of
    :mod:`.bound` as redundant constraints (they give the model its medium bound).
    For neighbourhood search: ``fixed`` maps an item index to the start it must keep,
    ``blocks`` to the only blocks it may use, ``room_of`` to the only room it may use;
    ``only`` lists the items to model (default: all that can be placed).
    """

    rooms: bool = True
    soft: bool = True
    class_cumulative: bool = True
    block_literals: bool = True
    clique_cuts: bool = True
    fixed: Mapping[int, int] = field(default_factory=dict)
    blocks: Mapping[int, frozenset[int]] = field(default_factory=dict)
    room_of: Mapping[int, int] = field(default_factory=dict)
    only: frozenset[int] | None = None


@dataclass
class GridModel:
    """Handles on the variables of one built model (item and block/room indices as keys)."""

    model: cp_model.CpModel
    prep: Prepared
    options: BuildOptions
    start: dict[int, cp_model.IntVar] = field(default_factory=dict)
    placed: dict[int, Literal] = field(default_factory=dict)
    interval: dict[int, cp_model.IntervalVar] = field(default_factory=dict)
    in_block: dict[int, dict[int, Literal]] = field(default_factory=dict)
    in_room: dict[int, dict[int, Literal]] = field(default_factory=dict)
    in_class: dict[int, dict[int, Literal]] = field(default_factory=dict)
    overlap: dict[tuple[int, int], LinearExpr] = field(default_factory=dict)
    gap: dict[tuple[int, int, int, int], Literal] = field(default_factory=dict)
    pair_cache: list[Pair] | None = None
    medium: Expr = field(default_factory=lambda: total(()))
    soft_terms: dict[str, Expr] = field(default_factory=dict)
    unplaced: Expr = field(default_factory=lambda: total(()))

    @property
    def soft(self) -> Expr:
        """The sum of the soft terms."""
        return total(self.soft_terms.values())

    def starts_of(self, i: int) -> tuple[int, ...]:
        """The starts item ``i`` may take in this model."""
        return _domain(self.prep, self.options, i)

    def hint(self, placements: Mapping[str, Placement]) -> None:
        """Suggest a placement (item id → start, room) as the search's starting point."""
        room_index = {r.id: k for k, r in enumerate(self.prep.rooms)}
        values: dict[int, tuple[cp_model.IntVar, int]] = {}

        def put(var: cp_model.IntVar, value: int) -> None:
            values.setdefault(var.index, (var, value))

        for i, var in self.start.items():
            p = placements.get(self.prep.items[i].id)
            put(self.placed[i], int(p is not None))
            if p is None:
                continue
            put(var, p.start)
            block = self.prep.start_block[i].get(p.start)
            for k, lit in self.in_block.get(i, {}).items():
                put(lit, int(k == block))
            for r, lit in self.in_room.get(i, {}).items():
                put(lit, int(r == room_index.get(p.room)))
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in values.values():
            self.model.add_hint(var, value)

    def read_starts(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """Item index → start, for every placed item."""
        return {
            i: solver.value(var) for i, var in self.start.items() if solver.value(self.placed[i])
        }

    def read_rooms(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """Item index → room index (room models) or class index (time models)."""
        chosen = self.in_room if self.options.rooms else self.in_class
        return {
            i: k for i, lits in chosen.items() for k, lit in lits.items() if solver.value(lit)
        }


def _domain(prep: Prepared, options: BuildOptions, i: int) -> tuple[int, ...]:
    """Item ``i``'s allowed starts under the options' fixing and block restrictions."""
    if i in options.fixed:
        return (options.fixed[i],)
    allowed = options.blocks.get(i)
    if allowed is None:
        return prep.starts[i]
    return tuple(s for s in prep.starts[i] if prep.start_block[i][s] in allowed)


Attendance = Mapping[str, Sequence[tuple[int, Literal]]]
"""Person → (item index, literal) pairs: the person must attend the item if the literal is
true (a caller's own decision: a stand-in on a given half-day, a presenter of a topic)."""


def build(prep: Prepared, options: BuildOptions | None = None,
          model: cp_model.CpModel | None = None, attendance: Attendance | None = None,
          ) -> GridModel:
    """Add the rooms-and-grid model of ``prep`` to ``model`` (a new one by default).

    ``attendance`` adds people whose presence the caller decides: each is kept out of two
    items at once like a required person, whenever its literal holds.
    """
    options = options or BuildOptions()
    g = GridModel(model or cp_model.CpModel(), prep, options)
    for i in prep.live:
        if (options.only is None or i in options.only) and _domain(prep, options, i):
            _item(g, i)
    _groups(g)
    if options.block_literals or options.soft or options.clique_cuts:
        _blocks(g)
    if options.rooms:
        _rooms(g)
    _classes(g)
    _people(g, attendance or {})
    _medium(g)
    if options.clique_cuts:
        _clique_cuts(g)
    if options.soft:
        _soft(g)
    return g


def _item(g: GridModel, i: int) -> None:
    """Start variable, placed literal and interval of item ``i``."""
    m, item = g.model, g.prep.items[i]
    name = item.id
    g.start[i] = m.new_int_var_from_domain(
        cp_model.Domain.from_values(g.starts_of(i)), f"start[{name}]"
    )
    g.placed[i] = m.new_bool_var(f"placed[{name}]")
    if item.mandatory:
        m.add(g.placed[i] == 1)
        g.interval[i] = m.new_fixed_size_interval_var(g.start[i], item.duration, f"iv[{name}]")
    else:
        g.interval[i] = m.new_optional_fixed_size_interval_var(
            g.start[i], item.duration, g.placed[i], f"iv[{name}]"
        )


def _groups(g: GridModel) -> None:
    """Alternatives: at most one item of a group is placed; count what stays unplaced."""
    unplaced: list[LinearExpr] = []
    for members in g.prep.groups.values():
        lits = [g.placed[i] for i in members if i in g.placed]
        g.model.add_at_most_one(lits)
        unplaced.append(1 - sum(lits))
    for i in g.placed:
        item = g.prep.items[i]
        if not item.mandatory and item.group is None:
            unplaced.append(1 - g.placed[i])
    g.unplaced = total(unplaced)


def _blocks(g: GridModel) -> None:
    """One literal per (item, candidate block): the item is placed and starts in it."""
    prep = g.prep
    for i in g.start:
        starts = g.starts_of(i)
        blocks = sorted({prep.start_block[i][s] for s in starts})
        g.in_block[i] = {}
        if len(blocks) == 1:
            g.in_block[i][blocks[0]] = g.placed[i]
            continue
        lits = []
        for k in blocks:
            lit = g.model.new_bool_var(f"block[{prep.items[i].id},{prep.blocks[k].id}]")
            inside = [s for s in starts if prep.start_block[i][s] == k]
            g.model.add_linear_expression_in_domain(
                g.start[i], cp_model.Domain.from_values(inside)
            ).only_enforce_if(lit)
            g.in_block[i][k] = lit
            lits.append(lit)
        g.model.add(sum(lits) == g.placed[i])


def _rooms(g: GridModel) -> None:
    """One literal and optional interval per (item, eligible room); no room holds two."""
    prep, m = g.prep, g.model
    per_room: dict[int, list[cp_model.IntervalVar]] = {}
    for i in g.start:
        rooms = prep.item_rooms[i]
        if i in g.options.room_of:
            rooms = (g.options.room_of[i],)
        name = prep.items[i].id
        g.in_room[i] = {}
        if len(rooms) == 1:
            g.in_room[i][rooms[0]] = g.placed[i]
            per_room.setdefault(rooms[0], []).append(g.interval[i])
            continue
        lits = []
        for k in rooms:
            lit = m.new_bool_var(f"room[{name},{prep.rooms[k].id}]")
            g.in_room[i][k] = lit
            lits.append(lit)
            per_room.setdefault(k, []).append(
                m.new_optional_fixed_size_interval_var(
                    g.start[i], prep.duration(i), lit, f"iv[{name},{prep.rooms[k].id}]"
                )
            )
        m.add(sum(lits) == g.placed[i])
    for intervals in per_room.values():
        if len(intervals) > 1:
            m.add_no_overlap(intervals)


def _classes(g: GridModel) -> None:
    """A cumulative per room class: redundant with rooms, the room rule itself without."""
    prep, m = g.prep, g.model
    if g.options.rooms and not g.options.class_cumulative:
        return
    for c, rooms in enumerate(prep.room_classes):
        intervals = []
        for i in g.start:
            if rooms[0] not in prep.item_rooms[i]:
                continue
            lit = _class_literal(g, i, c, rooms)
            if lit is g.placed[i]:
                intervals.append(g.interval[i])
            else:
                intervals.append(
                    m.new_optional_fixed_size_interval_var(
                        g.start[i], prep.duration(i), lit, f"iv[{prep.items[i].id},c{c}]"
                    )
                )
        if len(intervals) > len(rooms):
            m.add_cumulative(intervals, [1] * len(intervals), len(rooms))


def _class_literal(g: GridModel, i: int, c: int, rooms: tuple[int, ...]) -> Literal:
    """Item ``i`` is in room class ``c``: from the room literals, or a new choice literal."""
    prep, m = g.prep, g.model
    classes = [k for k, cls in enumerate(prep.room_classes) if cls[0] in prep.item_rooms[i]]
    if len(classes) == 1:
        lit = g.placed[i]
    elif g.options.rooms:
        lit = m.new_bool_var(f"class[{prep.items[i].id},{c}]")
        m.add(lit == sum(g.in_room[i].get(k, 0) for k in rooms))
    else:
        lit = m.new_bool_var(f"class[{prep.items[i].id},{c}]")
    g.in_class.setdefault(i, {})[c] = lit
    if not g.options.rooms and len(classes) > 1 and c == classes[-1]:
        m.add(sum(g.in_class[i].values()) == g.placed[i])
    return lit


def _people(g: GridModel, attendance: Attendance) -> None:
    """Nobody is required at two items at once (nor at two the caller makes them attend)."""
    m = g.model
    people = sorted(set(g.prep.required_by_person) | set(attendance))
    for person in people:
        items = g.prep.required_by_person.get(person, ())
        intervals = [g.interval[i] for i in items if i in g.start]
        for i, lit in attendance.get(person, ()):
            if i in g.start and i not in items:
                intervals.append(
                    m.new_optional_fixed_size_interval_var(
                        g.start[i], g.prep.duration(i), lit, f"iv[{person},{g.prep.items[i].id}]"
                    )
                )
                m.add_implication(lit, g.placed[i])
        if len(intervals) > 1:
            m.add_no_overlap(intervals)


def overlap_var(g: GridModel, a: int, b: int) -> LinearExpr:
    """The overlap of items ``a`` and ``b`` in grains: a constant if both starts are fixed,
    else a variable bounded below by it (made once)."""
    if (a, b) in g.overlap:
        return g.overlap[a, b]
    m, prep = g.model, g.prep
    da, db = prep.duration(a), prep.duration(b)
    starts_a, starts_b = g.starts_of(a), g.starts_of(b)
    if len(starts_a) == 1 and len(starts_b) == 1:
        return max(0, min(starts_a[0] + da, starts_b[0] + db) - max(starts_a[0], starts_b[0]))
    ov = m.new_int_var(0, min(da, db), f"ov[{prep.items[a].id},{prep.items[b].id}]")
    lo = m.new_int_var(max(starts_a[0], starts_b[0]), max(starts_a[-1], starts_b[-1]), "")
    hi = m.new_int_var(min(starts_a[0] + da, starts_b[0] + db),
                       min(starts_a[-1] + da, starts_b[-1] + db), "")
    m.add_max_equality(lo, [g.start[a], g.start[b]])
    m.add_min_equality(hi, [g.start[a] + da, g.start[b] + db])
    m.add(ov >= hi - lo).only_enforce_if([g.placed[a], g.placed[b]])
    g.overlap[a, b] = ov
    return ov


def _may_overlap(g: GridModel, a: int, b: int) -> bool:
    """True if the starts this model allows can make items ``a`` and ``b`` overlap."""
    da, db = g.prep.duration(a), g.prep.duration(b)
    starts_a, starts_b = g.starts_of(a), g.starts_of(b)
    if starts_a[-1] + da <= starts_b[0] or starts_b[-1] + db <= starts_a[0]:
        return False
    if len(starts_a) * len(starts_b) > 4096:
        return True
    return any(sa - db < sb < sa + da for sa in starts_a for sb in starts_b)


def pairs(g: GridModel) -> list[Pair]:
    """The prepared pairs both of whose items are in the model and may overlap in it."""
    if g.pair_cache is None:
        g.pair_cache = [
            p
            for p in g.prep.pairs
            if p.a in g.start and p.b in g.start and _may_overlap(g, p.a, p.b)
        ]
    return g.pair_cache


def _medium(g: GridModel) -> None:
    """Medium: clashes of people at two overlapping items, per grain."""
    weight = g.prep.problem.weights.clash
    terms = []
    for pair in pairs(g):
        if pair.clash and not pair.hard and weight:
            terms.append(weight * pair.clash * overlap_var(g, pair.a, pair.b))
    g.medium = total(terms)


def _clique_cuts(g: GridModel) -> None:
    """Per conflict clique: its excess over each block's usable length is overlap."""
    prep, m = g.prep, g.model
    costly_pairs = {(p.a, p.b) for p in pairs(g) if p.clash and not p.hard}
    for clique in prep.cliques or ():
        members = [i for i in clique if i in g.start]
        excess = []
        for k, block in enumerate(prep.blocks):
            inside = [i for i in members if k in g.in_block[i]]
            length = prep.usable(inside, k)
            total = sum(prep.duration(i) for i in inside)
            if total <= length:
                continue
            ex = m.new_int_var(0, total - length, f"excess[{block.id}]")
            m.add(ex >= sum(prep.duration(i) * g.in_block[i][k] for i in inside) - length)
            excess.append(ex)
        if excess:
            costly = [
                overlap_var(g, a, b)
                for a, b in combinations(members, 2)
                if (a, b) in costly_pairs
            ]
            m.add(sum(excess) <= sum(costly))


def gap_literal(g: GridModel, a: int, b: int, lo: int, hi: int) -> Literal | None:
    """A literal that is true if ``b`` starts ``lo``…``hi`` grains after ``a`` ends (both
    placed); None if that can never happen. Its negation forbids such a gap."""
    key = (a, b, lo, hi)
    if key in g.gap:
        return g.gap[key]
    da = g.prep.duration(a)
    ends = {s + da for s in g.starts_of(a)}
    gaps = {sb - ea for sb in g.starts_of(b) for ea in ends}
    if not any(lo <= x <= hi for x in gaps):
        return None
    m = g.model
    lit = m.new_bool_var(f"gap[{g.prep.items[a].id},{g.prep.items[b].id},{lo},{hi}]")
    outside = cp_model.Domain.from_values(sorted(x for x in gaps if not lo <= x <= hi))
    m.add_linear_expression_in_domain(g.start[b] - g.start[a] - da, outside).only_enforce_if(
        [~lit, g.placed[a], g.placed[b]]
    )
    m.add_implication(lit, g.placed[a])
    m.add_implication(lit, g.placed[b])
    g.gap[key] = lit
    return lit


def _soft(g: GridModel) -> None:
    """Every soft term with a non-zero weight, by name (without rooms: those not about
    rooms)."""
    w = g.prep.problem.weights
    for name, weight, term in (
        ("early", w.early, _early),
        ("block", w.block_cost, _block_cost),
        ("room", w.room_cost, _room_cost),
        ("back_to_back", w.back_to_back, _back_to_back),
        ("room_switch", w.room_switch, _room_switch),
        ("touching", w.touching, _touching),
        ("overlap", w.overlap, _any_overlap),
    ):
        if weight and (g.options.rooms or name not in ("room", "room_switch")):
            g.soft_terms[name] = total([weight * term(g)])


def _early(g: GridModel) -> Expr:
    """Grains from each item's block start to its start."""
    blocks = g.prep.blocks
    return total(
        g.start[i] - total(blocks[k].start * lit for k, lit in g.in_block[i].items())
        for i in g.start
    )


def _block_cost(g: GridModel) -> Expr:
    """The cost of each item's block."""
    blocks = g.prep.blocks
    return total(
        blocks[k].cost * lit for lits in g.in_block.values() for k, lit in lits.items()
    )


def _room_cost(g: GridModel) -> Expr:
    """The cost of each item's room (room models only)."""
    rooms = g.prep.rooms
    return total(rooms[k].cost * lit for lits in g.in_room.values() for k, lit in lits.items())


def _ordered_pairs(g: GridModel) -> list[tuple[int, int]]:
    """Every ordered pair of distinct items of the model."""
    items = sorted(g.start)
    return [(a, b) for a in items for b in items if a != b]


def _back_to_back(g: GridModel) -> Expr:
    """Per person at both items: b starts less than ``break_grains`` after a ends."""
    w, items = g.prep.problem.weights, g.prep.items
    terms = []
    for a, b in _ordered_pairs(g):
        shared = len(items[a].people & items[b].people)
        if shared and w.break_grains > 0:
            lit = gap_literal(g, a, b, 0, w.break_grains - 1)
            if lit is not None:
                terms.append(shared * lit)
    return total(terms)


def _room_switch(g: GridModel) -> Expr:
    """Per person required at both: b follows a within ``switch_gap`` in another room."""
    w, items, m = g.prep.problem.weights, g.prep.items, g.model
    terms = []
    for a, b in _ordered_pairs(g):
        shared = len(items[a].required & items[b].required)
        if not shared:
            continue
        lit = gap_literal(g, a, b, 0, w.switch_gap)
        if lit is None:
            continue
        switch = m.new_bool_var(f"switch[{items[a].id},{items[b].id}]")
        for k, room_a in g.in_room[a].items():
            room_b = g.in_room[b].get(k, 0)
            m.add(switch >= lit + room_a - room_b - 1)
        terms.append(shared * switch)
    return total(terms)


def _touching(g: GridModel) -> Expr:
    """Ordered pairs of any items where b starts on the grain a ends."""
    lits = [gap_literal(g, a, b, 0, 0) for a, b in _ordered_pairs(g)]
    return total(lit for lit in lits if lit is not None)


def _any_overlap(g: GridModel) -> Expr:
    """Grains of overlap of any two items (pairs with a shared required person never do)."""
    return total(
        overlap_var(g, p.a, p.b)
        for p in pairs(g)
        if not p.hard
    )
