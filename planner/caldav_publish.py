"""`planner publish`: put the plan's calendars on a CalDAV server, updating in place.

Each calendar file (`office.ics`, `person-<id>.ics`, ...) becomes one CalDAV calendar
(collection) named by the file's stem, with the file's calendar name as display name.
Each event or to-do becomes one object holding that item and its VTIMEZONE, stored at
`<UID>.ics`. An object that is already there under the same UID, wherever it lives in
the collection, is replaced in place (never added a second time); one whose SEQUENCE,
DTSTAMP and STATUS are already ours is left alone. Objects of other UIDs are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from caldav.calendarobjectresource import Event, Todo
from caldav.davclient import DAVClient
from caldav.lib.error import DAVError
from icalendar import Calendar
from icalendar.parser import Contentlines

from planner.export.ics import PRODID, IcsError


class PublishError(Exception):
    """The server refused or could not be reached (exit status 1)."""


@dataclass(frozen=True)
class Published:
    calendar: str
    url: str
    added: int
    updated: int
    unchanged: int
    total: int

    def to_json(self) -> dict[str, Any]:
        return {
            "calendar": self.calendar,
            "url": self.url,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "total": self.total,
        }


def calendar_files(folder: Path) -> dict[str, Path]:
    """The calendars to publish: `folder/ics/*.ics` of a plan folder, else `folder/*.ics`."""
    if folder.is_file():
        folder = folder.parent
    ics = folder / "ics" if (folder / "ics").is_dir() else folder
    return {p.stem: p for p in sorted(ics.glob("*.ics"))}


def split(calendar: Calendar) -> list[tuple[str, str, bytes, tuple[str, str, str]]]:
    """One VCALENDAR per UID, with its VTIMEZONEs: (uid, kind, data, version)."""
    timezones = calendar.walk("VTIMEZONE")
    out: list[tuple[str, str, bytes, tuple[str, str, str]]] = []
    for component in calendar.subcomponents:
        if component.name not in ("VEVENT", "VTODO"):
            continue
        one = Calendar()
        one.add("prodid", PRODID)
        one.add("version", "2.0")
        for tz in timezones:
            one.add_component(tz)
        one.add_component(component)
        data = one.to_ical()
        uid = str(component["UID"])
        out.append((uid, component.name, data, versions(data)[uid]))
    return out


_WATCHED = ("UID", "SEQUENCE", "DTSTAMP", "STATUS")


def versions(data: str | bytes) -> dict[str, tuple[str, str, str]]:
    """UID → version of each event or to-do in a calendar object, read with icalendar's
    content-line parser (only the four properties compared; a whole parse of every object
    on the server costs seconds)."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    found: dict[str, tuple[str, str, str]] = {}
    stack: list[str] = []
    props: dict[str, str] = {}
    for line in Contentlines.from_ical(text):  # type: ignore[no-untyped-call]
        if not line:
            continue
        name = line.split(":", 1)[0].split(";", 1)[0].upper()
        if name in ("BEGIN", "END"):
            value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
            if name == "BEGIN":
                stack.append(value)
                if value in ("VEVENT", "VTODO"):
                    props = {}
            else:
                if stack and stack[-1] in ("VEVENT", "VTODO") and "UID" in props:
                    found[props["UID"]] = (
                        props.get("SEQUENCE", "0"),
                        props.get("DTSTAMP", ""),
                        props.get("STATUS", ""),
                    )
                if stack:
                    stack.pop()
        elif name in _WATCHED and stack and stack[-1] in ("VEVENT", "VTODO"):
            _, _, value = line.parts()
            props[name] = str(value).strip()
    return found


def _remote(cal: Any) -> dict[str, tuple[Any, tuple[str, str, str]]]:
    """The objects on the server, by UID: (object, version)."""
    found: dict[str, tuple[Any, tuple[str, str, str]]] = {}
    for obj in cal.search():
        try:
            items = versions(obj.data or "")
        except ValueError:
            continue
        for uid, version in items.items():
            found[uid] = (obj, version)
    return found


def _collection(principal: Any, known: dict[str, Any], stem: str, display: str) -> Any:
    if stem in known:
        return known[stem]
    return principal.make_calendar(name=display, cal_id=stem)


def publish_calendars(
    folder: Path,
    url: str,
    user: str,
    password: str,
    names: tuple[str, ...] = (),
) -> list[Published]:
    """Put the calendars in `folder` (all, or those named) on the server at `url`."""
    files = calendar_files(folder)
    if not files:
        raise IcsError("ics.no_calendars", path=str(folder))
    for stem in names:
        if stem not in files:
            raise IcsError("ics.unknown_calendar", name=stem, names=", ".join(sorted(files)))
    chosen = {stem: files[stem] for stem in names} if names else files
    try:
        client = DAVClient(url=url, username=user, password=password)
        principal = client.principal()  # type: ignore[no-untyped-call]
        known = {str(c.url).rstrip("/").rsplit("/", 1)[-1]: c for c in principal.calendars()}
        report: list[Published] = []
        for stem, path in chosen.items():
            calendar = Calendar.from_ical(path.read_bytes())
            display = str(calendar.get("X-WR-CALNAME") or calendar.get("NAME") or stem)
            cal = _collection(principal, known, stem, display)
            remote = _remote(cal)
            added = updated = unchanged = 0
            for uid, kind, data, version in split(calendar):
                cls = Event if kind == "VEVENT" else Todo
                have = remote.get(uid)
                if have is not None and have[1] == version:
                    unchanged += 1
                    continue
                if have is not None:
                    target = have[0].url
                else:
                    target = cal.url.join(quote(uid, safe="") + ".ics")
                obj = cls(client=client, url=target, data=data.decode("utf-8"), parent=cal)
                obj.save(increase_seqno=False)
                if have is None:
                    added += 1
                else:
                    updated += 1
            total = len(remote) + added
            report.append(Published(stem, str(cal.url), added, updated, unchanged, total))
        return report
    except DAVError as exc:
        raise PublishError(f"{type(exc).__name__}: {exc}") from exc
    except OSError as exc:
        raise PublishError(f"{type(exc).__name__}: {exc}") from exc
