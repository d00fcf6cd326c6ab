"""A document's route as a networkx DiGraph: one node per step (one per department for
countersigns, one per leader for co-signs), edges from the routing table's `after` links."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from planner.model import Document
from planner.routing.owners import Owner
from planner.routing.table import StepRule, Table

OwnersOf = Callable[[StepRule], tuple[Owner, ...]]


def node_key(step: str, owner: Owner) -> str:
    return f"{step}:{owner.key}" if owner.key else step


def build_graph(
    doc: Document, table: Table, facts: frozenset[str], owners_of: OwnersOf
) -> nx.DiGraph:
    """The route of one document: nodes carry `rule`, `owner` and `order` (the row's index)."""
    graph = nx.DiGraph()
    nodes: dict[str, list[str]] = {}
    for order, rule in enumerate(table.rules):
        if not rule.applies(doc.kind, doc.issuer, facts):
            continue
        keys: list[str] = []
        for owner in owners_of(rule):
            key = node_key(rule.step, owner)
            graph.add_node(key, rule=rule, owner=owner, order=order)
            keys.append(key)
        if keys:
            nodes[rule.step] = keys
    for before, step in table.links(frozenset(nodes)):
        for u in nodes[before]:
            for v in nodes[step]:
                graph.add_edge(u, v)
    return graph


def stages(graph: nx.DiGraph) -> dict[str, int]:
    """Stage of each node: its topological generation, numbered from 1."""
    return {
        node: n
        for n, generation in enumerate(nx.topological_generations(graph), start=1)
        for node in generation
    }


def in_order(graph: nx.DiGraph, stage: dict[str, int]) -> list[str]:
    """Nodes by stage, then by their row in the table, then by key."""
    return sorted(graph.nodes, key=lambda k: (stage[k], graph.nodes[k]["order"], k))
