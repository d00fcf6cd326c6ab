"""Validation of a document against Art. 53 and 54: one function per rule, each returning
the warnings it finds (subject: the document's id)."""

from __future__ import annotations

from collections.abc import Callable

from planner.model import Document
from planner.reasons import Listing, Reason
from planner.rules import Rulebook

Check = Callable[[Document, Rulebook], list[Reason]]


def several_recipients(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Art. 53: one principal recipient, never several (多头主送)."""
    if len(doc.to) <= 1:
        return []
    return [Reason.of(53, "route.warn.several_recipients", doc.id, recipients=Listing(doc.to))]


def straight_to_leader(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Art. 53: documents go through the office, never straight to a leader, unless classified."""
    if doc.via_office or doc.classification != "none":
        return []
    return [Reason.of(53, "route.warn.straight_to_leader", doc.id)]


def one_matter(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Art. 54: a request carries one matter (一文一事)."""
    if doc.kind != "request" or doc.matters <= 1:
        return []
    return [Reason.of(54, "route.warn.several_matters", doc.id, matters=doc.matters)]


def report_asks(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Art. 54: a report carries no request (报告不得夹带请示事项)."""
    if doc.kind != "report" or not doc.asks:
        return []
    return [Reason.of(54, "route.warn.report_asks", doc.id)]


def classification_marked(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Art. 54: a classified matter is marked with its classification (密级) truthfully."""
    if doc.classification != "none":
        return []
    found = [w for w in rulebook.classified_title_markers if w in doc.title]
    if not found:
        return []
    return [Reason.of(54, "route.warn.unmarked_classified", doc.id, word=found[0])]


CHECKS: tuple[Check, ...] = (
    several_recipients,
    straight_to_leader,
    one_matter,
    report_asks,
    classification_marked,
)


def document_warnings(doc: Document, rulebook: Rulebook) -> list[Reason]:
    """Every Art. 53 and 54 warning for one document, in the order of `CHECKS`."""
    return [w for check in CHECKS for w in check(doc, rulebook)]
