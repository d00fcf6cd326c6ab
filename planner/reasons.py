"""Reasons and warnings: an article, a message key of the catalogue, and its parameters.

Parameters stay language-neutral until a reason is rendered: names are plain text, and
words of the catalogue are `Term`s, lists `Listing`s, pieces `Concat`s and nested reasons
`Reason`s, all rendered in the reader's language by `Reason.message(lang)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.messages import join, render


@dataclass(frozen=True)
class Term:
    """A word or phrase of the catalogue, rendered in the reader's language."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        return render(self.key, lang, **{k: localize(v, lang) for k, v in self.params})


@dataclass(frozen=True)
class Listing:
    """Items joined with the language's list separator."""

    items: tuple[Any, ...]
    limit: int = 6

    def render(self, lang: str) -> str:
        return join([localize(i, lang) for i in self.items], lang, self.limit)


@dataclass(frozen=True)
class Concat:
    """Pieces written one after another (e.g. a date and a half-day)."""

    parts: tuple[Any, ...]

    def render(self, lang: str) -> str:
        return "".join(localize(p, lang) for p in self.parts)


def localize(value: Any, lang: str) -> str:
    if isinstance(value, Term | Listing | Concat):
        return value.render(lang)
    if isinstance(value, Reason):
        return value.message(lang)
    return str(value)


@dataclass(frozen=True)
class Reason:
    """Why something was deferred, not held, replaced or flagged; cites its article."""

    article: int
    key: str
    params: tuple[tuple[str, Any], ...] = ()
    subject: str | None = None
    extra_articles: tuple[int, ...] = field(default=())

    @staticmethod
    def of(article: int, key: str, subject: str | None = None, **params: Any) -> Reason:
        return Reason(article, key, tuple(sorted(params.items())), subject)

    def also(self, *articles: int) -> Reason:
        """The same reason citing further articles (e.g. 46 beside 19)."""
        return Reason(
            self.article, self.key, self.params, self.subject, self.extra_articles + articles
        )

    def about(self, subject: str) -> Reason:
        return Reason(self.article, self.key, self.params, subject, self.extra_articles)

    def message(self, lang: str = "zh") -> str:
        return render(self.key, lang, **{k: localize(v, lang) for k, v in self.params})

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article}
        if self.extra_articles:
            out["articles"] = [self.article, *self.extra_articles]
        if self.subject is not None:
            out["subject"] = self.subject
        out["message"] = self.message(lang)
        out["code"] = self.key
        return out
