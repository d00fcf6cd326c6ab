"""Reasons and warnings: an article, a message key of the catalogue, and its parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.messages import render


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

    def message(self, lang: str = "zh") -> str:
        return render(self.key, lang, **dict(self.params))

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "message": self.message(lang)}
        if self.subject is not None:
            out = {"article": self.article, "subject": self.subject, "message": out["message"]}
        out["code"] = self.key
        return out
