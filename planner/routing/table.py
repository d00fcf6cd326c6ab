"""The routing table: which steps a document passes, who owns each, how long each may take.

Rules as data. Each row is a plain mapping (the same shape a rulebook file may give under
`document_routes`), parsed into a `StepRule`:

- ``step``: the step's name (FORMATS.md "Document steps"); unique in the table.
- ``article``: the article the step cites; ``articles`` overrides it for documents that
  match a condition (``[{issuer: [department], article: 54}]``, first match wins). A
  ``sign`` step cites the article of the signer's case (Art. 59 (1)-(8), 50 or 55).
- ``owner``: who owns the step, one of `OWNERS`.
- ``limit``: the rulebook parameter that gives the limit in working days;
  ``complex_limit_days``: the parameter that gives it in calendar days for a complex matter
  (Art. 57). ``timing: meeting`` instead dates the step by a planned meeting (Art. 19).
- ``after``: the steps that come before it; a step that does not apply to a document is
  skipped and its own predecessors take its place.
- ``when``: a list of conditions, any of which makes the step apply (absent: always). A
  condition may name ``kind``s, ``issuer``s and ``flags`` (all of `FLAGS` it names must hold).
- ``silence_is_consent``: an owner who is away throughout the limit counts as agreeing
  (Art. 57: countersigns); otherwise the step waits for someone to act.

A table whose steps form a cycle, or that has no ``sign`` step, is an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from planner.model import DOCUMENT_KINDS, ISSUERS
from planner.rules import PARAMETERS, Rulebook

# Who can own a step (planner.routing.owners resolves each to people).
OWNERS: tuple[str, ...] = (
    "drafter_head",  # head of the drafting department (Art. 54, 57)
    "involved_heads",  # heads of the departments in `involves`, one step each (Art. 54, 57)
    "legality_department",  # head of the department that does legality_review (Art. 19, 58)
    "fair_competition_department",  # the department that does it, else the drafter (Art. 26)
    "office",  # the office director (Art. 55, 57)
    "meeting_chair",  # the chair of the meeting that deliberates it (Art. 19)
    "signer",  # by Art. 59 (planner.routing.signer)
    "co_signers",  # the other leaders whose portfolios it touches, one step each (Art. 59 (5))
    "seal_keeper",  # who consents to the seal (Art. 62)
)
# Facts about a document that a condition may require.
FLAGS: tuple[str, ...] = (
    "drafter",  # a department drafts it (absent: the office drafts it)
    "involves",  # it touches other departments' authority
    "market_entities",  # it touches market entities' economic activity
    "topic",  # a topic of the plan deliberates it
    "co_signers",  # it touches the portfolios of leaders other than its signer
    "complex",
    "urgent",
    "routine",
    "decided",  # a meeting already decided it (`decided_at`)
    "classified",
)
TIMINGS: tuple[str, ...] = ("workdays", "meeting")

# The meeting step cites Art. 19 for a normative document, else its meeting kind's article.
MEETING_KIND_ARTICLE: dict[str, int] = {
    "plenary": 42,
    "executive": 43,
    "mayor_office": 44,
    "topic": 45,
}
# Meetings that may deliberate a document whose topic has no meeting (Art. 19, 25).
DELIBERATIVE_KINDS: tuple[str, ...] = ("plenary", "executive")

# The Yanzhou 2022 rules (Art. 19, 26, 54, 55, 57, 58, 59, 62).
YANZHOU_2022: tuple[dict[str, Any], ...] = (
    {
        "step": "draft_approval",
        "article": 57,
        "articles": [{"issuer": ["department"], "article": 54}],
        "owner": "drafter_head",
        "limit": "draft_approval_workdays",
        "when": [{"flags": ["drafter"]}],
    },
    {
        "step": "countersign",
        "article": 57,
        "articles": [{"issuer": ["department"], "article": 54}],
        "owner": "involved_heads",
        "limit": "countersign_workdays",
        "complex_limit_days": "countersign_complex_days",
        "after": ["draft_approval"],
        "when": [{"flags": ["involves"]}],
        "silence_is_consent": True,
    },
    {
        "step": "legality_review",
        "article": 19,
        "articles": [{"kind": ["contract"], "article": 58}],
        "owner": "legality_department",
        "limit": "legality_review_workdays",
        "after": ["countersign"],
        "when": [{"kind": ["normative"]}, {"kind": ["contract"], "issuer": ["government"]}],
    },
    {
        "step": "fair_competition_review",
        "article": 26,
        "owner": "fair_competition_department",
        "limit": "fair_competition_review_workdays",
        "after": ["countersign"],
        "when": [{"flags": ["market_entities"]}],
    },
    {
        "step": "office_review",
        "article": 57,
        "articles": [{"issuer": ["department"], "article": 55}],
        "owner": "office",
        "limit": "office_review_workdays",
        "after": ["legality_review", "fair_competition_review"],
    },
    {
        "step": "meeting",
        "article": 19,
        "owner": "meeting_chair",
        "timing": "meeting",
        "after": ["office_review"],
        "when": [{"kind": ["normative"]}, {"flags": ["topic"]}],
    },
    {
        "step": "sign",
        "article": 59,
        "owner": "signer",
        "limit": "sign_workdays",
        "after": ["meeting"],
    },
    {
        "step": "co_sign",
        "article": 59,
        "owner": "co_signers",
        "limit": "co_sign_workdays",
        "after": ["sign"],
        "when": [{"flags": ["co_signers"]}],
    },
    {
        "step": "seal",
        "article": 62,
        "owner": "seal_keeper",
        "limit": "seal_workdays",
        "after": ["co_sign"],
        "when": [{"issuer": ["government", "office"]}],
    },
)

# The order in which the cases of Art. 59 (and Art. 50, 55) are tried; the first that
# applies decides the signer (planner.routing.signer holds one function per case).
SIGNER_CASES: tuple[str, ...] = (
    "minutes",  # Art. 50
    "superior_or_policy",  # Art. 59 (1)
    "motion",  # Art. 59 (2)
    "appointment",  # Art. 59 (3)
    "travel_abroad",  # Art. 59 (4)
    "decided_or_routine",  # Art. 59 (6)
    "urgent_authorised",  # Art. 59 (7)
    "office_documents",  # Art. 59 (8)
    "department_submission",  # Art. 55
    "government_other",  # Art. 59 (5)
)


class TableError(ValueError):
    """The routing table is malformed: the row `index` (None: the whole table), the `field`,
    and a message key of the catalogue with its parameters."""

    def __init__(self, index: int | None, at: str | None, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.index = index
        self.field = at
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Condition:
    """Kinds, issuers and flags a document must all match (an empty part matches all)."""

    kinds: frozenset[str] = frozenset()
    issuers: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()

    def holds(self, kind: str, issuer: str, facts: frozenset[str]) -> bool:
        return (
            (not self.kinds or kind in self.kinds)
            and (not self.issuers or issuer in self.issuers)
            and self.flags <= facts
        )


@dataclass(frozen=True)
class StepRule:
    """One row of the routing table."""

    step: str
    article: int
    owner: str
    after: tuple[str, ...] = ()
    when: tuple[Condition, ...] = ()
    articles: tuple[tuple[Condition, int], ...] = ()
    limit: str | None = None
    complex_limit_days: str | None = None
    timing: str = "workdays"
    silence_is_consent: bool = False

    def applies(self, kind: str, issuer: str, facts: frozenset[str]) -> bool:
        return not self.when or any(c.holds(kind, issuer, facts) for c in self.when)

    def article_for(self, kind: str, issuer: str, facts: frozenset[str]) -> int:
        for cond, article in self.articles:
            if cond.holds(kind, issuer, facts):
                return article
        return self.article


@dataclass(frozen=True)
class Table:
    """A validated routing table: its rows in order and the graph of their `after` links."""

    rules: tuple[StepRule, ...]
    graph: nx.DiGraph
    _links: dict[frozenset[str], tuple[tuple[str, str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def rule(self, step: str) -> StepRule:
        for r in self.rules:
            if r.step == step:
                return r
        raise KeyError(step)

    def links(self, present: frozenset[str]) -> tuple[tuple[str, str], ...]:
        """The `after` links among the steps that apply: a step that does not apply is
        skipped (its own predecessors take its place), and a link that another path
        already implies is dropped (countersign → office review beside countersign →
        legality review → office review). Cached per set of steps."""
        found = self._links.get(present)
        if found is None:
            closure = nx.transitive_closure_dag(self.graph)
            among = nx.DiGraph()
            among.add_nodes_from(present)
            among.add_edges_from((u, v) for u, v in closure.edges if u in present and v in present)
            reduced = nx.transitive_reduction(among)
            found = tuple(sorted(reduced.edges))
            self._links[present] = found
        return found


def _names(value: Any, allowed: Sequence[str], index: int, field: str) -> frozenset[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TableError(index, field, "route.table.names", field=field)
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise TableError(index, field, "route.table.unknown_name", field=field, value=unknown[0])
    return frozenset(value)


def _condition(data: Any, index: int, field: str) -> Condition:
    if not isinstance(data, Mapping):
        raise TableError(index, field, "route.table.condition", field=field)
    extra = sorted(set(data) - {"kind", "issuer", "flags", "article"})
    if extra:
        raise TableError(index, field, "route.table.unknown_key", key=extra[0])
    return Condition(
        _names(data.get("kind", []), DOCUMENT_KINDS, index, "kind"),
        _names(data.get("issuer", []), ISSUERS, index, "issuer"),
        _names(data.get("flags", []), FLAGS, index, "flags"),
    )


def _article(value: Any, index: int, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise TableError(index, field, "route.table.article", field=field)
    return value


def _parameter(value: Any, index: int, field: str) -> str | None:
    if value is None:
        return None
    known = isinstance(value, str) and value in PARAMETERS
    default = getattr(Rulebook(), value) if known else None
    if not isinstance(default, int) or isinstance(default, bool):
        raise TableError(index, field, "route.table.parameter", field=field, value=value)
    return str(value)


def _list(data: Mapping[str, Any], field: str, index: int) -> list[Any]:
    value = data.get(field, [])
    if not isinstance(value, list | tuple):
        raise TableError(index, field, "route.table.list", field=field)
    return list(value)


_KEYS = frozenset(
    {
        "step",
        "article",
        "articles",
        "owner",
        "after",
        "when",
        "limit",
        "complex_limit_days",
        "timing",
        "silence_is_consent",
    }
)


def parse_rule(data: Any, index: int) -> StepRule:
    """One row of a routing table; raise TableError naming the field that is wrong."""
    if not isinstance(data, Mapping):
        raise TableError(index, None, "route.table.row")
    extra = sorted(set(data) - _KEYS)
    if extra:
        raise TableError(index, extra[0], "route.table.unknown_key", key=extra[0])
    step = data.get("step")
    if not isinstance(step, str) or not step:
        raise TableError(index, "step", "route.table.step")
    owner = data.get("owner")
    if owner not in OWNERS:
        raise TableError(
            index, "owner", "route.table.choice", field="owner", expected=", ".join(OWNERS)
        )
    timing = data.get("timing", "workdays")
    if timing not in TIMINGS:
        raise TableError(
            index, "timing", "route.table.choice", field="timing", expected=", ".join(TIMINGS)
        )
    limit = _parameter(data.get("limit"), index, "limit")
    if timing == "workdays" and limit is None:
        raise TableError(index, "limit", "route.table.limit")
    after = _list(data, "after", index)
    if not all(isinstance(a, str) for a in after):
        raise TableError(index, "after", "route.table.names", field="after")
    articles = _list(data, "articles", index)
    consent = data.get("silence_is_consent", False)
    if not isinstance(consent, bool):
        raise TableError(
            index, "silence_is_consent", "route.table.bool", field="silence_is_consent"
        )
    return StepRule(
        step=step,
        article=_article(data.get("article"), index, "article"),
        owner=str(owner),
        after=tuple(after),
        when=tuple(_condition(c, index, "when") for c in _list(data, "when", index)),
        articles=tuple(
            (
                _condition(c, index, "articles"),
                _article(c.get("article") if isinstance(c, Mapping) else None, index, "articles"),
            )
            for c in articles
        ),
        limit=limit,
        complex_limit_days=_parameter(data.get("complex_limit_days"), index, "complex_limit_days"),
        timing=str(timing),
        silence_is_consent=consent,
    )


def parse_table(rows: Sequence[Any]) -> Table:
    """A routing table from its rows; raise TableError if a row is wrong, a step is named
    twice or unknown, the steps form a cycle, or no step signs."""
    rules = tuple(parse_rule(row, i) for i, row in enumerate(rows))
    graph = nx.DiGraph()
    for i, r in enumerate(rules):
        if r.step in graph:
            raise TableError(i, "step", "route.table.duplicate", step=r.step)
        graph.add_node(r.step, index=i)
    for i, r in enumerate(rules):
        for before in r.after:
            if before not in graph:
                raise TableError(i, "after", "route.table.unknown_step", step=before)
            graph.add_edge(before, r.step)
    if not nx.is_directed_acyclic_graph(graph):
        steps = [u for u, _ in nx.find_cycle(graph)]
        raise TableError(None, None, "route.table.cycle", cycle=" → ".join([*steps, steps[0]]))
    if not any(r.step == "sign" and r.owner == "signer" for r in rules):
        raise TableError(None, None, "route.table.no_sign")
    return Table(rules, graph)


_BUILT_IN = parse_table(YANZHOU_2022)


def table_for(rows: Sequence[Any]) -> Table:
    """The table of a rulebook's `document_routes` (empty: the built-in Yanzhou table)."""
    return parse_table(rows) if rows else _BUILT_IN
