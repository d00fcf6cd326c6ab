"""Names for ids, in the reader's language: people, departments, meetings, topics."""

from __future__ import annotations

from planner.messages import render
from planner.model import Scenario


class Namer:
    def __init__(self, scenario: Scenario, lang: str = "zh") -> None:
        self.scenario = scenario
        self.lang = lang

    def person(self, pid: str | None) -> str:
        if pid is None:
            return render("word.nobody", self.lang)
        return self.scenario.person(pid).name if self.scenario.has_person(pid) else pid

    def department(self, did: str) -> str:
        try:
            return self.scenario.department(did).name
        except KeyError:
            return did

    def meeting(self, mid: str) -> str:
        try:
            m = self.scenario.meeting(mid)
        except KeyError:
            return mid
        return m.title or f"{self.kind(m.kind)} {m.id}"

    def topic(self, tid: str) -> str:
        try:
            return self.scenario.topic(tid).title
        except KeyError:
            return tid

    def kind(self, kind: str) -> str:
        return render(f"kind.{kind}", self.lang)

    def half(self, half: str) -> str:
        return render(f"half.{half}", self.lang)

    def role(self, pid: str) -> str:
        return render(f"role.{self.scenario.person(pid).role}", self.lang)

    def article(self, article: int) -> str:
        return f"Art. {article}" if self.lang == "en" else f"第{article}条"
