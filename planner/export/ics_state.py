"""What the calendars remember between runs: UIDs, SEQUENCE, stamps, and where each went.

The state lives in the plan folder (`ics/state.json`). Planning again into that folder
reads it back, so that every meeting and to-do keeps its UID, SEQUENCE rises on each one
whose content changed, and one that vanished is written once more, cancelled, to every
calendar that held it. The state holds no e-mail address and no topic title: only ids,
times, meeting names (which public.ics shows anyway) and content digests.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

FORMAT = 1
STATE_FILE = "state.json"
# A calendar that held an item it no longer does: the item is written there as cancelled.
REMOVED = "removed"
LIVE = "CONFIRMED"
CANCELLED = "CANCELLED"

_NAMESPACE = uuid.UUID("6f2d7c0e-3b7a-5c1e-9a43-2f5f0c6a9d11")


def derive_uid(scenario_title: str, key: str, horizon_start: date | None = None) -> str:
    """The UID an item gets the first time it is planned: the same for the same scenario
    title, horizon and key, so that planning without a state gives the same UIDs too."""
    since = horizon_start.isoformat() if horizon_start else ""
    return str(uuid.uuid5(_NAMESPACE, f"{scenario_title}\n{since}\n{key}"))


@dataclass(frozen=True)
class Entry:
    """One UID: a meeting (`meeting:<id>`) or a topic's materials to-do (`todo:<id>`)."""

    key: str
    uid: str
    kind: str  # "event" or "todo"
    sequence: int
    digest: str
    status: str
    created: datetime
    stamp: datetime
    start: datetime | None  # a meeting's start; for a to-do, the start of its meeting
    end: datetime | None  # a meeting's end; for a to-do, when it is due
    summary: str = ""  # a meeting's name (public); empty for to-dos
    calendars: dict[str, str] = field(default_factory=dict)  # calendar stem → view or REMOVED

    @property
    def ref(self) -> str:
        """The meeting or topic id behind the key."""
        return self.key.split(":", 1)[1]

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "kind": self.kind,
            "sequence": self.sequence,
            "digest": self.digest,
            "status": self.status,
            "created": self.created.isoformat(),
            "stamp": self.stamp.isoformat(),
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "summary": self.summary,
            "calendars": dict(sorted(self.calendars.items())),
        }

    @staticmethod
    def from_json(key: str, data: dict[str, Any]) -> Entry:
        def when(value: Any) -> datetime | None:
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        created = when(data["created"])
        stamp = when(data["stamp"])
        if created is None or stamp is None:
            raise ValueError(f"{key}: created and stamp are required")
        return Entry(
            key=key,
            uid=str(data["uid"]),
            kind=str(data["kind"]),
            sequence=int(data["sequence"]),
            digest=str(data["digest"]),
            status=str(data["status"]),
            created=created,
            stamp=stamp,
            start=when(data.get("start")),
            end=when(data.get("end")),
            summary=str(data.get("summary") or ""),
            calendars={str(k): str(v) for k, v in dict(data.get("calendars") or {}).items()},
        )


@dataclass
class State:
    source: str = ""
    entries: dict[str, Entry] = field(default_factory=dict)

    def dumps(self) -> bytes:
        data = {
            "format": FORMAT,
            "source": self.source,
            "entries": {k: e.to_json() for k, e in sorted(self.entries.items())},
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @staticmethod
    def loads(raw: bytes) -> State:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a calendar state file of this planner")
        entries = {str(k): Entry.from_json(str(k), v) for k, v in dict(data["entries"]).items()}
        return State(str(data.get("source") or ""), entries)

    @staticmethod
    def read(path: Path) -> State:
        """The state in `path`, or an empty one if there is none (a damaged file counts as none)."""
        try:
            return State.loads(path.read_bytes())
        except FileNotFoundError:
            return State()
        except (OSError, ValueError, KeyError, TypeError):
            return State()


@dataclass(frozen=True)
class Current:
    """An item as this plan has it: what `advance` compares with the state."""

    key: str
    kind: str
    digest: str
    start: datetime | None
    end: datetime | None
    summary: str
    calendars: dict[str, str]


def advance(
    previous: State,
    current: list[Current],
    scenario_title: str,
    source: str,
    now: datetime,
    horizon: tuple[date, date] | None = None,
) -> State:
    """The new state: UIDs kept, SEQUENCE raised on change, vanished items cancelled.

    An earlier item whose meeting lies before the horizon's first day belongs to an
    earlier plan (last month's, planned into the same folder): it is neither matched nor
    cancelled, only dropped from the state and the files (a CalDAV server keeps it as it
    was). Vanished items in or after the horizon are cancelled.
    """

    def past(entry: Entry) -> bool:
        return horizon is not None and entry.start is not None and entry.start.date() < horizon[0]

    since = horizon[0] if horizon else None
    entries: dict[str, Entry] = {}
    seen: set[str] = set()
    for item in current:
        seen.add(item.key)
        old = previous.entries.get(item.key)
        if old is not None and past(old):
            old = None
        calendars = dict(item.calendars)
        if old is not None:
            for stem in old.calendars:
                calendars.setdefault(stem, REMOVED)
        if old is None:
            entries[item.key] = Entry(
                item.key,
                derive_uid(scenario_title, item.key, since),
                item.kind,
                0,
                item.digest,
                LIVE,
                now,
                now,
                item.start,
                item.end,
                item.summary,
                calendars,
            )
            continue
        changed = old.digest != item.digest or old.status != LIVE or old.calendars != calendars
        entries[item.key] = replace(
            old,
            kind=item.kind,
            sequence=old.sequence + 1 if changed else old.sequence,
            digest=item.digest,
            status=LIVE,
            stamp=now if changed else old.stamp,
            start=item.start,
            end=item.end,
            summary=item.summary,
            calendars=calendars,
        )
    for key, old in previous.entries.items():
        if key in seen or past(old):
            continue
        if old.status == CANCELLED:
            entries[key] = old
        else:
            entries[key] = replace(old, sequence=old.sequence + 1, status=CANCELLED, stamp=now)
    return State(source, entries)
