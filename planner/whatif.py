"""What-if files: a base scenario and the edits that make a variant of it.

```yaml
base: yanzhou-2026-06.yaml            # the scenario, relative to this file
name: 区长6月15日至18日出访
add:    {leaves: [{person: sun_ml, from: 2026-06-15, to: 2026-06-18, reason: 出访}],
         topics: [...], calendar: {blocked: [...], days_off: [...], workdays: [...]}}
remove: {topics: [t05], leaves: [0], calendar: {days_off: [2026-06-12], blocked: [0]}}
change: {topics: {t03: {materials: 2026-06-12}}, meetings: {exec-06: {window: null}}}
rules:  {materials_lead_workdays: 3}
```

`add` appends entries to the scenario's lists (people, departments, rooms, leaves, meetings,
topics, documents; the calendar's blocked, days_off, workdays). `remove` drops entries by id;
leaves and blocked half-days, which have no id, by their index in the base (from 0), days off
and extra working days by their date. `change` sets fields of entries by id (`null` removes
the field, so its default applies). `rules` overrides rulebook parameters.

The file is checked on its own first (its shape, list names, ids and field names), each
problem at its place in the what-if file (`change.topics.t03.materials`). The edits are then
applied to the base's raw data and the result is validated as any scenario is
(`check_scenario(base, overlay=...)`): a problem inside an added or changed entry is reported
at its place in the what-if file, any other at its place in the base file, "after applying"
the what-if, so that the entry responsible can be found either way.

Each edit is atomic (one added entry, one removed entry, one changed field, one rule):
`Worlds` builds the base with a single edit, or the variant without one, so the diff can say
which edit forced each change.

`run_whatifs` plans the base once, then each variant warm-started from the base plan with a
stability term in the objective (every moved meeting, changed chair or moved topic costs a
rulebook weight below the rule and priority costs), and writes `DIR/base/` and
`DIR/<what-if file's stem>/` (plan, calendars against the base, `diff.json`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from planner import schema
from planner.diff import Cause, Condition, PlanDiff, explain_diff, reference_of
from planner.hard_rules import HardRules
from planner.messages import render
from planner.output import check_target, write_folder
from planner.pipeline import PlanRun, dump_json, run_plan
from planner.plan import Plan
from planner.scenario import (
    Collector,
    InputError,
    Loaded,
    Problem,
    check_scenario,
    pydantic_problems,
    read_problem,
)
from planner.schedule import SolveOptions
from planner.yamlio import Place, YamlFile, YamlProblem, format_place, read_yaml

ID_LISTS: dict[str, type[BaseModel]] = {
    "people": schema.PersonIn,
    "departments": schema.DepartmentIn,
    "rooms": schema.RoomIn,
    "meetings": schema.MeetingIn,
    "topics": schema.TopicIn,
    "documents": schema.DocumentIn,
}
LISTS: tuple[str, ...] = (*ID_LISTS, "leaves")
CALENDAR_LISTS: tuple[str, ...] = ("blocked", "days_off", "workdays")
BASE_FOLDER = "base"


@dataclass(frozen=True)
class Edit:
    """One atomic edit: the smallest thing a change of the plan can be blamed on."""

    op: Literal["add", "remove", "change", "rules"]
    place: Place  # where it is written in the what-if file
    target: str  # a list ("topics", "calendar.blocked") or, for rules, the parameter
    key: str | int | None = None  # remove/change: id, index (leaves, blocked) or date
    field: str | None = None  # change: the field
    value: Any = None  # add: the entry; change and rules: the new value

    @property
    def where(self) -> str:
        return format_place(self.place)


# ---- applying edits to raw scenario data ----


def _container(data: dict[str, Any], target: str) -> tuple[dict[str, Any], str]:
    if target.startswith("calendar."):
        cal = data.get("calendar")
        if not isinstance(cal, dict):
            cal = {}
            data["calendar"] = cal
        return cal, target.split(".", 1)[1]
    return data, target


def _split(target: str) -> Place:
    return tuple(target.split("."))


@dataclass
class Provenance:
    """Where each entry of the merged data came from: a base index or a what-if place."""

    origin: dict[str, list[int | Place]] = field(default_factory=dict)
    changed: dict[tuple[str, int], dict[str, Place]] = field(default_factory=dict)
    rules: dict[str, Place] = field(default_factory=dict)

    def locate(self, place: Place) -> tuple[bool, Place]:
        """(in the what-if file?, place there) for a place of the merged data."""
        if len(place) >= 2 and place[0] in LISTS and isinstance(place[1], int):
            return self._entry(str(place[0]), place[1], place[2:])
        if (
            len(place) >= 3
            and place[0] == "calendar"
            and place[1] in CALENDAR_LISTS
            and isinstance(place[2], int)
        ):
            return self._entry(f"calendar.{place[1]}", place[2], place[3:])
        if len(place) >= 2 and place[0] == "rules" and place[1] in self.rules:
            return True, (*self.rules[str(place[1])], *place[2:])
        return False, place

    def _entry(self, target: str, index: int, rest: Place) -> tuple[bool, Place]:
        origins = self.origin.get(target)
        if origins is None or index >= len(origins):
            return False, (*_split(target), index, *rest)
        o = origins[index]
        if isinstance(o, tuple):
            return True, (*o, *rest)
        fields = self.changed.get((target, o), {})
        if rest and rest[0] in fields:
            return True, (*fields[str(rest[0])], *rest[1:])
        return False, (*_split(target), o, *rest)


def apply_edits(
    data: dict[str, Any], edits: Sequence[Edit], prov: Provenance | None = None
) -> dict[str, Any]:
    """Apply edits to a scenario's raw data (a fresh copy) and return it."""
    prov = prov if prov is not None else Provenance()
    for e in edits:
        if e.op != "change":
            continue
        items = data.get(e.target) or []
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("id") == e.key and e.field is not None:
                if e.value is None:
                    item.pop(e.field, None)
                else:
                    item[e.field] = copy.deepcopy(e.value)
                prov.changed.setdefault((e.target, i), {})[e.field] = e.place
    targets = [*LISTS, *(f"calendar.{c}" for c in CALENDAR_LISTS)]
    for target in targets:
        removes = [e for e in edits if e.op == "remove" and e.target == target]
        adds = [e for e in edits if e.op == "add" and e.target == target]
        holder, key = _container(data, target) if (removes or adds) else (data, "")
        if not key:
            items = _get_list(data, target)
            prov.origin[target] = list(range(len(items)))
            continue
        items = list(holder.get(key) or [])
        gone = {_index_of(items, e) for e in removes}
        kept: list[Any] = []
        origin: list[int | Place] = []
        for i, item in enumerate(items):
            if i not in gone:
                kept.append(item)
                origin.append(i)
        for e in adds:
            kept.append(copy.deepcopy(e.value))
            origin.append(e.place)
        holder[key] = kept
        prov.origin[target] = origin
    rule_edits = [e for e in edits if e.op == "rules"]
    if rule_edits:
        rules = dict(data.get("rules") or {})
        for e in rule_edits:
            rules[e.target] = copy.deepcopy(e.value)
            prov.rules[e.target] = e.place
        data["rules"] = rules
    return data


def _get_list(data: dict[str, Any], target: str) -> list[Any]:
    if target.startswith("calendar."):
        cal = data.get("calendar")
        value = cal.get(target.split(".", 1)[1]) if isinstance(cal, dict) else None
    else:
        value = data.get(target)
    return value if isinstance(value, list) else []


def _index_of(items: list[Any], e: Edit) -> int:
    if isinstance(e.key, int):
        return e.key
    for i, item in enumerate(items):
        if (isinstance(item, dict) and item.get("id") == e.key) or str(item) == e.key:
            return i
    return -1


# ---- reading and checking a what-if file ----


@dataclass
class WhatIf:
    """A validated what-if file and the variant it makes."""

    path: Path
    name: str
    base: Path
    edits: list[Edit]
    causes: list[Cause]
    base_loaded: Loaded
    loaded: Loaded  # the variant
    lang: str = "zh"
    doc: YamlFile | None = None  # the what-if file as read (for lines)

    @property
    def stem(self) -> str:
        return self.path.stem


def _fields(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


def _edits(raw: schema.WhatIfIn, base: dict[str, Any], out: Collector) -> list[Edit]:
    """The atomic edits of a what-if, checked against the base's raw data."""
    edits: list[Edit] = []
    for name, entries in raw.add.items():
        at: Place = ("add", name)
        if name == "calendar":
            if not isinstance(entries, dict):
                out.add(at, "field.mapping")
                continue
            for cal, items in entries.items():
                if cal not in CALENDAR_LISTS:
                    out.add((*at, cal), "ref.whatif_unknown_list", value=f"calendar.{cal}")
                elif not isinstance(items, list):
                    out.add((*at, cal), "field.list")
                else:
                    edits.extend(
                        Edit("add", (*at, cal, k), f"calendar.{cal}", value=item)
                        for k, item in enumerate(items)
                    )
        elif name not in LISTS:
            out.add(at, "ref.whatif_unknown_list", value=name)
        elif not isinstance(entries, list):
            out.add(at, "field.list")
        else:
            for k, item in enumerate(entries):
                if isinstance(item, dict):
                    edits.append(Edit("add", (*at, k), name, value=item))
                else:
                    out.add((*at, k), "field.mapping")
    for name, keys in raw.remove.items():
        at = ("remove", name)
        if name == "calendar":
            if not isinstance(keys, dict):
                out.add(at, "field.mapping")
                continue
            for cal, items in keys.items():
                if cal not in CALENDAR_LISTS:
                    out.add((*at, cal), "ref.whatif_unknown_list", value=f"calendar.{cal}")
                    continue
                edits.extend(_removals((*at, cal), f"calendar.{cal}", items, base, out))
        elif name not in LISTS:
            out.add(at, "ref.whatif_unknown_list", value=name)
        else:
            edits.extend(_removals(at, name, keys, base, out))
    for name, entries in raw.change.items():
        at = ("change", name)
        model = ID_LISTS.get(name)
        if model is None:
            out.add(at, "ref.whatif_unknown_list", value=name)
            continue
        known = {item.get("id") for item in _get_list(base, name) if isinstance(item, dict)}
        allowed = _fields(model)
        for key, fields in entries.items():
            if key not in known:
                out.add((*at, key), "ref.whatif_unknown_id", list=name, value=key)
                continue
            for fname, value in fields.items():
                place: Place = (*at, key, fname)
                if fname == "id":
                    out.add(place, "ref.whatif_field")
                elif fname not in allowed:
                    out.add(place, "field.unknown")
                else:
                    edits.append(Edit("change", place, name, key, fname, value))
    for rule, value in raw.rules.items():
        edits.append(Edit("rules", ("rules", rule), rule, value=value))
    return edits


def _removals(
    at: Place, target: str, keys: Any, base: dict[str, Any], out: Collector
) -> list[Edit]:
    if not isinstance(keys, list):
        out.add(at, "field.list")
        return []
    items = _get_list(base, target)
    by_index = target in ("leaves", "calendar.blocked")
    by_date = target in ("calendar.days_off", "calendar.workdays")
    found: list[Edit] = []
    for k, key in enumerate(keys):
        place: Place = (*at, k)
        if by_index:
            if not isinstance(key, int) or isinstance(key, bool) or not 0 <= key < len(items):
                out.add(place, "whatif.expected_index", list=target, value=str(key))
                continue
        elif by_date:
            if str(key) not in {str(d) for d in items}:
                out.add(place, "ref.whatif_unknown_id", list=target, value=str(key))
                continue
            key = str(key)
        else:
            if not isinstance(key, str):
                out.add(place, "whatif.expected_id", value=str(key))
                continue
            if key not in {item.get("id") for item in items if isinstance(item, dict)}:
                out.add(place, "ref.whatif_unknown_id", list=target, value=key)
                continue
        found.append(Edit("remove", place, target, key))
    return found


def load_whatif(path: Path, lang: str = "zh", base: Loaded | None = None) -> WhatIf:
    """Read and validate a what-if file and build its variant; raise InputError listing
    every problem, each at its place (in the what-if file where it can be)."""
    label = str(path)
    try:
        doc = read_yaml(path)
    except YamlProblem as exc:
        raise InputError([read_problem(path, exc)]) from None
    out = Collector(doc, label)
    if not isinstance(doc.data, dict) or "base" not in doc.data:
        out.add((), "whatif.not_whatif")
        raise InputError(out.problems)
    try:
        raw = schema.WhatIfIn.model_validate(doc.data)
    except ValidationError as exc:
        pydantic_problems(exc, out)
        raise InputError(out.problems) from None
    base_path = path.parent / raw.base
    if not base_path.is_file():
        out.add(("base",), "ref.base_missing", value=raw.base)
        raise InputError(out.problems)
    if base is None:
        base_loaded, problems = check_scenario(base_path)
        errors = [p for p in problems if p.severity == "error"]
        if base_loaded is None or errors:
            raise InputError(errors)
        base = base_loaded
    try:
        base_doc = read_yaml(base_path)
    except YamlProblem as exc:
        raise InputError([read_problem(base_path, exc)]) from None
    edits = _edits(raw, base_doc.data, out)
    if out.errors:
        raise InputError(out.errors)
    prov = Provenance()
    loaded, problems = check_scenario(base_path, lambda data: apply_edits(data, edits, prov))
    after = render("whatif.after_applying", lang, base=str(base_path), whatif=label)
    mapped = [_relocate(p, prov, doc, base_doc, label, after) for p in problems]
    errors = [p for p in mapped if p.severity == "error"]
    if loaded is None or errors:
        raise InputError(errors)
    loaded.warnings = [p for p in mapped if p.severity == "warning"]
    causes = [Cause(e.where, describe(e, base_doc.data, lang)) for e in edits]
    name = raw.name or path.stem
    return WhatIf(path, name, base_path, edits, causes, base, loaded, lang, doc)


def _relocate(
    p: Problem, prov: Provenance, doc: YamlFile, base_doc: YamlFile, label: str, after: str
) -> Problem:
    """A problem of the merged scenario, at its place in the what-if or the base file."""
    in_whatif, place = prov.locate(p.place)
    if in_whatif:
        return dc_replace(p, file=label, place=place, line=doc.line_of(place))
    return dc_replace(p, file=after, place=place, line=base_doc.line_of(place))


# ---- saying what an edit does ----


def describe(e: Edit, base: dict[str, Any], lang: str = "zh") -> str:
    """What an edit does, in the reader's language (the edit's place is added by Cause)."""
    if e.op == "rules":
        return render("whatif.edit.rule", lang, name=e.target, value=_show(e.value))
    if e.target == "leaves":
        if e.op == "add":
            return _leave(e.value, base, lang)
        items = _get_list(base, "leaves")
        leave = items[e.key] if isinstance(e.key, int) and e.key < len(items) else {}
        return render("whatif.edit.remove_leave", lang, leave=_leave(leave, base, lang))
    if e.target.startswith("calendar."):
        return _calendar(e, base, lang)
    what = render(f"whatif.list.{e.target}", lang)
    if e.op == "add":
        return render("whatif.edit.add", lang, what=what, title=_title(e.value))
    entry: dict[str, Any] = {}
    for item in _get_list(base, e.target):
        if isinstance(item, dict) and item.get("id") == e.key:
            entry = item
    if e.op == "remove":
        return render("whatif.edit.remove", lang, what=what, title=_title(entry) or str(e.key))
    key = "whatif.edit.unset" if e.value is None else "whatif.edit.change"
    return render(key, lang, what=what, title=_title(entry), field=e.field, value=_show(e.value))


def _title(entry: Any) -> str:
    if not isinstance(entry, dict):
        return str(entry)
    return str(entry.get("title") or entry.get("name") or entry.get("id") or "")


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _person(pid: Any, base: dict[str, Any]) -> str:
    for p in _get_list(base, "people"):
        if isinstance(p, dict) and p.get("id") == pid:
            return str(p.get("name") or pid)
    return str(pid)


def _half(half: Any, lang: str) -> str:
    if half not in ("am", "pm"):
        return ""
    return render("whatif.edit.half", lang, half=render(f"half.{half}", lang))


def _leave(leave: Any, base: dict[str, Any], lang: str) -> str:
    if not isinstance(leave, dict):
        return str(leave)
    return render(
        "whatif.edit.leave",
        lang,
        person=_person(leave.get("person"), base),
        start=_day(leave.get("from"), lang),
        end=_day(leave.get("to"), lang),
        half=_half(leave.get("half"), lang),
        reason=leave.get("reason") or "",
    ).strip()


def _day(value: Any, lang: str) -> str:
    """`6月15日` in Chinese (no hyphen for a table to break at), ISO in English."""
    text = str(value) if value is not None else "?"
    if lang == "en" or len(text) != 10 or text[4] != "-":
        return text
    return (
        f"{int(text[5:7])}月{int(text[8:10])}日"
        if text[5:7].isdigit() and text[8:].isdigit()
        else text
    )


def _calendar(e: Edit, base: dict[str, Any], lang: str) -> str:
    kind = e.target.split(".", 1)[1]
    if kind == "blocked":
        entry = e.value
        if e.op == "remove":
            items = _get_list(base, e.target)
            entry = items[e.key] if isinstance(e.key, int) and e.key < len(items) else {}
        entry = entry if isinstance(entry, dict) else {}
        key = "whatif.edit.remove_blocked" if e.op == "remove" else "whatif.edit.blocked"
        return render(
            key,
            lang,
            date=entry.get("date", "?"),
            half=_half(entry.get("half"), lang),
            reason=entry.get("reason") or "—",
        )
    day = e.value if e.op == "add" else e.key
    key = {
        ("add", "days_off"): "whatif.edit.day_off",
        ("add", "workdays"): "whatif.edit.workday",
        ("remove", "days_off"): "whatif.edit.remove_day_off",
        ("remove", "workdays"): "whatif.edit.remove_workday",
    }[(e.op, kind)]
    return render(key, lang, date=day)


# ---- counterfactual worlds: which edit forced a change ----


class Worlds:
    """The base with one edit applied, and the variant with one edit left out.

    `blame(condition)` answers which edits bring about a condition on the hard rules that
    holds in the variant: those that bring it about alone (the base plus that edit), else
    those without which it would not hold (the variant less that edit), else all of them.
    A condition that already held in the base is blamed on no edit.
    """

    def __init__(self, wi: WhatIf) -> None:
        self.wi = wi
        full = frozenset(range(len(wi.edits)))
        self._rules: dict[frozenset[int], HardRules | None] = {
            frozenset(): self._hard_rules(wi.base_loaded),
            full: self._hard_rules(wi.loaded),
        }

    def _hard_rules(self, loaded: Loaded) -> HardRules:
        return HardRules(loaded.scenario, loaded.rulebook, loaded.calendar, self.wi.lang)

    def rules(self, subset: frozenset[int]) -> HardRules | None:
        """The hard rules of the base with the edits in `subset` (None if that is invalid)."""
        if subset not in self._rules:
            edits = [self.wi.edits[i] for i in sorted(subset)]
            loaded, problems = check_scenario(self.wi.base, lambda d: apply_edits(d, edits))
            valid = loaded is not None and not any(p.severity == "error" for p in problems)
            self._rules[subset] = self._hard_rules(loaded) if valid and loaded else None
        return self._rules[subset]

    def _holds(self, condition: Condition, subset: frozenset[int]) -> bool | None:
        rules = self.rules(subset)
        if rules is None:
            return None
        try:
            return bool(condition(rules))
        except (KeyError, LookupError, ValueError):
            return False

    def blame(self, condition: Condition) -> list[Cause]:
        n = len(self.wi.edits)
        causes = self.wi.causes
        if n == 0 or self._holds(condition, frozenset()):
            return []
        if n == 1:
            return list(causes)
        alone = [causes[i] for i in range(n) if self._holds(condition, frozenset({i}))]
        if alone:
            return alone
        full = frozenset(range(n))
        needed = [causes[i] for i in range(n) if self._holds(condition, full - {i}) is False]
        return needed or list(causes)


# ---- running what-ifs ----


@dataclass
class VariantRun:
    whatif: WhatIf
    plan: Plan
    diff: PlanDiff
    files: dict[str, bytes]
    base_seconds: float

    def diff_json(self) -> dict[str, Any]:
        wi = self.whatif
        return {
            "variant": wi.stem,
            "name": wi.name,
            "whatif": str(wi.path),
            "base": str(wi.base),
            "edits": [{"place": c.place, "edit": c.label} for c in wi.causes],
            "solver": {
                "status": self.plan.solver.status,
                "seconds": round(self.plan.solver.seconds, 3),
                "base_seconds": round(self.base_seconds, 3),
            },
            **self.diff.to_json(),
        }


@dataclass
class WhatIfRun:
    base: PlanRun
    variants: list[VariantRun]


def load_whatifs(paths: Sequence[Path], lang: str = "zh") -> list[WhatIf]:
    """Load every what-if of one run (they share one base); every problem of every file."""
    problems: list[Problem] = []
    loaded: list[WhatIf] = []
    base: Loaded | None = None
    first: WhatIf | None = None
    for path in paths:
        try:
            wi = load_whatif(path, lang, base if first is not None else None)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if first is None:
            first, base = wi, wi.base_loaded
        elif wi.base.resolve() != first.base.resolve():
            problems.append(
                _problem(
                    wi,
                    ("base",),
                    "whatif.base_differs",
                    value=str(wi.base),
                    first=str(first.path),
                    other=str(first.base),
                )
            )
            continue
        loaded.append(wi)
    seen = {BASE_FOLDER: ""}
    for wi in loaded:
        if wi.stem in seen:
            problems.append(_problem(wi, (), "whatif.name_taken", stem=wi.stem))
        seen[wi.stem] = str(wi.path)
    if problems:
        raise InputError(problems)
    return loaded


def _problem(wi: WhatIf, place: Place, key: str, **params: Any) -> Problem:
    line = wi.doc.line_of(place) if wi.doc is not None else None
    return Problem(str(wi.path), place, key, tuple(sorted(params.items())), line)


def run_whatifs(
    paths: Sequence[Path], out: Path, options: SolveOptions, lang: str = "zh"
) -> WhatIfRun:
    """Plan the base once into OUT/base, then each variant (warm-started from the base plan,
    with the stability term) into OUT/<stem>, each folder written atomically."""
    whatifs = load_whatifs(paths, lang)
    if out.exists() and not out.is_dir():
        from planner.output import OutputError

        raise OutputError("out.not_folder", out)
    check_target(out / BASE_FOLDER)
    for wi in whatifs:
        check_target(out / wi.stem)
    base = whatifs[0]
    base_run = run_plan(base.base, out / BASE_FOLDER, options, loaded=base.base_loaded)
    reference = reference_of(base_run.plan)
    variants: list[VariantRun] = []
    for wi in whatifs:
        run = run_plan(
            wi.base,
            None,
            options,
            reference=reference,
            hint=reference,
            loaded=wi.loaded,
            previous=out / BASE_FOLDER,
        )
        worlds = Worlds(wi)
        diff = explain_diff(
            wi.base_loaded, wi.loaded, base_run.plan, run.plan, wi.causes, worlds.blame, lang
        )
        variant = VariantRun(wi, run.plan, diff, run.files, base_run.plan.solver.seconds)
        variant.files = {**run.files, "diff.json": dump_json(variant.diff_json())}
        write_folder(out / wi.stem, variant.files)
        variants.append(variant)
    return WhatIfRun(base_run, variants)


def is_whatif(path: Path) -> bool:
    """Whether a file is a what-if file (a mapping with `base`) rather than a scenario."""
    try:
        data = read_yaml(path).data
    except YamlProblem:
        return False
    return isinstance(data, dict) and "base" in data and "scenario" not in data
