"""The message catalogue: every text the office reads, in Chinese (default) and English.

Code refers to messages by key only; `render(key, lang, **params)` fills in the parameters.
Parameters that name things (people, meetings, kinds) are rendered by the caller's
`names` helpers before they reach here, so a message never shows a raw id it could name.
"""

from __future__ import annotations

from typing import Any

LANGS = ("zh", "en")


def _load() -> dict[str, tuple[str, str]]:
    """Merge every module of `planner.catalogue` (one per area) into one catalogue."""
    import importlib
    import pkgutil

    from planner import catalogue

    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(catalogue.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"planner.catalogue.{info.name}")
        for key, pair in getattr(module, "MESSAGES", {}).items():
            if key in merged and merged[key] != pair:
                raise RuntimeError(f"message {key} is defined twice with different texts")
            merged[key] = pair
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _load()


def render(key: str, lang: str = "zh", **params: Any) -> str:
    """The message `key` in `lang`, with its parameters filled in."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    template = pair[1] if lang == "en" else pair[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def join(items: list[str], lang: str = "zh", limit: int = 6) -> str:
    """Join names with the language's list separator, shortening long lists."""
    if not items:
        return render("word.none", lang)
    sep = render("word.sep", lang)
    if len(items) > limit:
        return sep.join(items[:limit]) + " " + render("word.more", lang, count=len(items) - limit)
    return sep.join(items)
