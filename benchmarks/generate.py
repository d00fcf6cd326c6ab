"""A seeded generator of realistic planning scenarios (FORMATS.md) at three sizes.

The proportions follow the demo month `scenarios/yanzhou-2026-06.yaml`:

* leadership: a mayor, an executive vice-mayor and vice-mayors with portfolios of 3-5
  departments, stand-ins in mutual pairs (one odd vice-mayor points into a pair), the mayor
  keeping the audit bureau; an office director and two deputies; one head per department;
* meetings per month: one executive meeting (whole month), optional extra executive
  meetings (second half of the month, held only for urgent topics), mayor's office meetings
  splitting the month, topic meetings chaired by vice-mayors (half with no window, a third
  with a ten-day window, a sixth on a fixed half-day) with three required and one or two
  optional department heads;
* topics per meeting by kind (executive 7, mayor's office 2.5, topic 1.17 in the demo),
  scaled to the size's total; meeting lengths scaled by the same factor (executive meetings
  capped at a half-day), so that the load of each kind of meeting stays the demo's;
* executive topics: categories as in the demo (two each of normative, major decision,
  budget, plan, project and safety, one ecology, one general in fourteen), 3/14 with
  materials too late for their month, 1/14 without materials, 1/14 late but with the lead
  time waived, 2/14 missing a required review; priorities 5/4/3/2 in 11/19/50/20 %, a
  deadline on every priority-5 and on half of the priority-4 topics, 8 % not public;
* calendar: statutory holidays, one extra day off and two blocked half-days per month;
* leaves: 1-3 days (one in ten a half-day), four in five of leaders or the office director,
  one in ten requested late (Art. 78 warning).

Sizes: S a district month, M a district year, L a city year (see `SIZES`); `--months K`
keeps only the first K months of a year size (for the growth table). The same size, seed and
months always give the same bytes.

    python benchmarks/generate.py --size S|M|L --seed N --out FILE.yaml [--months K]
"""

from __future__ import annotations

import argparse
import calendar as pycal
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from planner.model import CalendarSpec
from planner.workdays import WorkCalendar

YEAR = 2026
# Topics per meeting of each kind in the demo month (14/2, 5/2, 7/6).
DEMO_TOPICS_PER_MEETING = {"executive": 7.0, "mayor_office": 2.5, "topic": 7 / 6}
PRIORITIES = ((5, 0.115), (4, 0.19), (3, 0.50), (2, 0.195))
EXEC_CATEGORIES = (
    ["normative"] * 2
    + ["major_decision"] * 2
    + ["budget"] * 2
    + ["plan"] * 2
    + ["project"] * 2
    + ["safety"] * 2
    + ["ecology", "general"]
)
OTHER_CATEGORIES = ["general"] * 6 + ["safety", "ecology"]
REQUIRED_REVIEWS = {
    "normative": ["legality"],
    "major_decision": ["public_participation", "expert", "risk_assessment", "legality"],
}


@dataclass(frozen=True)
class Size:
    """One benchmark size: what it stands for and how many of each thing it holds."""

    name: str
    label: str
    months: int
    leaders: int
    departments: int
    optional_executive_per_month: int
    mayor_office_per_month: int
    topic_meetings: int
    topics: int
    leaves: int
    city: bool

    def per_month(self, total: int, months: int) -> list[int]:
        """`total` spread evenly over the size's months, truncated to the first `months`."""
        base, extra = divmod(total, self.months)
        return [base + (1 if i < extra else 0) for i in range(self.months)][:months]


SIZES: dict[str, Size] = {
    # 1 executive + 1 optional executive + 2 mayor's office + 8 topic = 12 meetings
    "S": Size("S", "district month", 1, 8, 30, 1, 2, 8, 40, 10, False),
    # 12 executive + 24 mayor's office + 250 topic = 286 meetings
    "M": Size("M", "district year", 12, 8, 30, 0, 2, 250, 600, 80, False),
    # 12 executive + 12 optional executive + 48 mayor's office + 1,128 topic = 1,200 meetings
    "L": Size("L", "city year", 12, 15, 60, 1, 4, 1128, 3000, 300, True),
}

# (id, name without the 区/市 prefix, services); the first 30 make a district.
DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fgj", "发展和改革局", ()),
    ("czj", "财政局", ()),
    ("sfj", "司法局", ("legality_review",)),
    ("scjgj", "市场监督管理局", ("fair_competition_review",)),
    ("yjglj", "应急管理局", ()),
    ("sthjj", "生态环境局", ()),
    ("zjj", "住房和城乡建设局", ()),
    ("zrzyj", "自然资源局", ()),
    ("jtj", "教育和体育局", ()),
    ("wjj", "卫生健康局", ()),
    ("mzj", "民政局", ()),
    ("rsj", "人力资源和社会保障局", ()),
    ("nyncj", "农业农村局", ()),
    ("swj", "水务局", ()),
    ("jtysj", "交通运输局", ()),
    ("swtcj", "商务和投资促进局", ()),
    ("whlyj", "文化和旅游局", ()),
    ("tyjrj", "退役军人事务局", ()),
    ("sjj", "审计局", ()),
    ("tjj", "统计局", ()),
    ("ybj", "医疗保障局", ()),
    ("zhzfj", "综合行政执法局", ()),
    ("spj", "行政审批服务局", ()),
    ("dsj", "大数据中心", ()),
    ("xfj", "信访局", ()),
    ("gxj", "工业和信息化局", ()),
    ("kjj", "科学技术局", ()),
    ("gjj", "住房公积金管理中心", ()),
    ("gaj", "公安局", ()),
    ("gzw", "国有资产监督管理委员会", ()),
    ("lyj", "林业局", ()),
    ("mzzj", "民族宗教事务局", ()),
    ("rfb", "人民防空办公室", ()),
    ("jrj", "地方金融监督管理局", ()),
    ("cgj", "城市管理局", ()),
    ("ylj", "园林绿化局", ()),
    ("ggzy", "公共资源交易中心", ()),
    ("jgsw", "机关事务管理局", ()),
    ("qxj", "气象局", ()),
    ("dzj", "地震局", ()),
    ("lsj", "粮食和物资储备局", ()),
    ("wsb", "外事办公室", ()),
    ("qlb", "侨务办公室", ()),
    ("tsb", "台湾事务办公室", ()),
    ("yzj", "邮政管理局", ()),
    ("xczx", "乡村振兴局", ()),
    ("dag", "档案馆", ()),
    ("szb", "地方史志研究院", ()),
    ("zfbz", "住房保障服务中心", ()),
    ("xfjy", "消防救援支队", ()),
    ("tyj", "体育局", ()),
    ("wlj", "文物局", ()),
    ("kfq", "高新技术产业开发区管委会", ()),
    ("zgj", "招商服务中心", ()),
    ("gwy", "港航事业发展中心", ()),
    ("nyj", "能源局", ()),
    ("sjzx", "社会信用中心", ()),
    ("hbzx", "环境监测中心", ()),
    ("jkzx", "疾病预防控制中心", ()),
    ("zwfw", "政务服务管理办公室", ()),
)

SURNAMES = (
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("赵", "zhao"),
    ("黄", "huang"),
    ("周", "zhou"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("韩", "han"),
    ("冯", "feng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
)
GIVEN = (
    ("建", "j"),
    ("华", "h"),
    ("志", "z"),
    ("刚", "g"),
    ("红", "h"),
    ("霞", "x"),
    ("晓", "x"),
    ("东", "d"),
    ("立", "l"),
    ("新", "x"),
    ("海", "h"),
    ("燕", "y"),
    ("国", "g"),
    ("庆", "q"),
    ("明", "m"),
    ("磊", "l"),
    ("文", "w"),
    ("静", "j"),
    ("永", "y"),
    ("胜", "s"),
    ("德", "d"),
    ("宏", "h"),
    ("伟", "w"),
    ("玉", "y"),
    ("兰", "l"),
    ("春", "c"),
    ("秋", "q"),
    ("军", "j"),
)
SUBJECTS = {
    "normative": ["关于《{d}管理办法》的审议", "关于《{d}实施细则》的审议"],
    "major_decision": ["关于{d}重大改革方案的审议", "关于{d}价格调整方案的审议"],
    "budget": ["关于{d}预算调整方案（草案）的审议", "关于{d}专项资金安排的审议"],
    "plan": ["关于《{d}发展规划》的审议", "关于{d}年度工作计划的审议"],
    "project": ["关于{d}重点建设项目的审议", "关于{d}基础设施工程项目的审议"],
    "safety": ["关于{d}安全生产形势的汇报", "研究{d}安全隐患排查整治有关事宜"],
    "ecology": ["关于{d}生态环境问题整改情况的汇报", "研究{d}生态环境治理有关事宜"],
    "general": ["研究{d}重点工作推进有关事宜", "研究{d}有关事宜", "关于{d}工作情况的汇报"],
}
LEAVE_REASONS = ("出差", "参加上级培训", "赴外地考察", "休假", "就医", "赴省直部门汇报工作")
BLOCK_REASONS = ("上级政府常务会议", "全市视频调度会议", "上级督导检查", "人大常委会会议")
WAIVER = "上级督导组反馈问题须于月底前整改销号，经主要领导同意特殊提交"


@dataclass
class People:
    """The generated leadership, office and department heads."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    mayor: str = ""
    evm: str = ""
    vms: list[str] = field(default_factory=list)
    director: str = ""
    heads: dict[str, str] = field(default_factory=dict)
    portfolio: dict[str, list[str]] = field(default_factory=dict)


class Generator:
    """Builds one scenario dictionary from a size and a seed (all randomness in `rng`)."""

    def __init__(self, size: Size, seed: int, months: int | None = None) -> None:
        self.size = size
        self.seed = seed
        self.rng = random.Random(f"{size.name}:{seed}")
        self.months = min(months or size.months, size.months)
        self.cal = WorkCalendar(CalendarSpec())
        self.prefix = "市" if size.city else "区"
        self.gov = "济宁市人民政府" if size.city else "兖州区人民政府"
        self.month_list = self._months()
        self.start = self.month_list[0][0]
        self.end = self.month_list[-1][1]
        self.used_names: set[str] = set()
        self.used_ids: set[str] = set()
        self.days_off: list[date] = []
        self.blocked: list[dict[str, Any]] = []
        self.leaves: list[dict[str, Any]] = []
        self.meetings: list[dict[str, Any]] = []
        self.topics: list[dict[str, Any]] = []
        self.fixed_taken: dict[tuple[date, str], set[str]] = {}
        scale = size.topics / sum(
            DEMO_TOPICS_PER_MEETING[k] * n for k, n in self._meeting_counts().items()
        )
        self.scale = scale

    # ---- dates ----
    def _months(self) -> list[tuple[date, date]]:
        """(first, last) day of each month of the horizon."""
        if self.size.months == 1:
            month = self.rng.randrange(1, 13)
            return [(date(YEAR, month, 1), date(YEAR, month, pycal.monthrange(YEAR, month)[1]))]
        return [
            (date(YEAR, m, 1), date(YEAR, m, pycal.monthrange(YEAR, m)[1]))
            for m in range(1, self.months + 1)
        ]

    def workdays(self, first: date, last: date) -> list[date]:
        """Working days between first and last (statutory calendar and extra days off)."""
        return [d for d in self.cal.workdays(first, last) if d not in self.days_off]

    def _meeting_counts(self) -> dict[str, int]:
        """Meetings of each kind over the whole size (for the topics-per-meeting scale)."""
        s = self.size
        return {
            "executive": s.months * (1 + s.optional_executive_per_month),
            "mayor_office": s.months * s.mayor_office_per_month,
            "topic": s.topic_meetings,
        }

    # ---- people ----
    def name(self) -> tuple[str, str]:
        """A fresh Chinese name and its slug id (surname pinyin and given-name initials)."""
        while True:
            sur, py = self.rng.choice(SURNAMES)
            g = self.rng.sample(GIVEN, 2)
            name = sur + g[0][0] + g[1][0]
            pid = f"{py}_{g[0][1]}{g[1][1]}"
            if name in self.used_names:
                continue
            n, base = 2, pid
            while pid in self.used_ids:
                pid, n = f"{base}{n}", n + 1
            self.used_names.add(name)
            self.used_ids.add(pid)
            return name, pid

    def departments(self) -> list[dict[str, Any]]:
        rows = []
        for did, name, does in DEPARTMENTS[: self.size.departments]:
            row: dict[str, Any] = {"id": did, "name": self.prefix + name}
            if does:
                row["does"] = list(does)
            rows.append(row)
        return rows

    def people(self) -> People:
        """Leaders with portfolios and stand-ins, the office, one head per department."""
        out = People()
        dept_ids = [d[0] for d in DEPARTMENTS[: self.size.departments]]
        n_vm = self.size.leaders - 2
        out.mayor = self._person(out, "mayor")
        out.evm = self._person(out, "executive_vice_mayor")
        out.vms = [self._person(out, "vice_mayor") for _ in range(n_vm)]
        rest = [d for d in dept_ids if d != "sjj"]
        self.rng.shuffle(rest)
        holders = [out.evm, *out.vms]
        out.portfolio = {out.mayor: ["sjj"], **{h: [] for h in holders}}
        for i, d in enumerate(rest):
            out.portfolio[holders[i % len(holders)]].append(d)
        for row in out.rows:
            if row["id"] in out.portfolio:
                row["portfolio"] = sorted(out.portfolio[row["id"]], key=dept_ids.index)
        self._stand_ins(out)
        out.director = self._person(out, "office_director")
        self._person(out, "office_deputy")
        self._person(out, "office_deputy")
        for d in dept_ids:
            name, _ = self.name()
            pid = f"h_{d}"
            out.rows.append({"id": pid, "name": name, "role": "department_head", "department": d})
            out.heads[d] = pid
        return out

    def _person(self, out: People, role: str) -> str:
        name, pid = self.name()
        out.rows.append({"id": pid, "name": name, "role": role})
        return pid

    def _stand_ins(self, out: People) -> None:
        """Mutual pairs (executive vice-mayor with the first vice-mayor); an odd one out
        stands in through the first vice-mayor, as 周国庆 does in the demo."""
        chain = [out.evm, *out.vms]
        stand: dict[str, str] = {}
        for i in range(0, len(chain) - 1, 2):
            stand[chain[i]], stand[chain[i + 1]] = chain[i + 1], chain[i]
        if len(chain) % 2:
            stand[chain[-1]] = out.vms[0]
        for row in out.rows:
            if row["id"] in stand:
                row["stand_in"] = stand[row["id"]]

    # ---- calendar ----
    def calendar(self) -> dict[str, Any]:
        """One extra day off and two blocked half-days per month (as in the demo)."""
        for first, last in self.month_list:
            days = self.cal.workdays(first, last)
            self.days_off.append(self.rng.choice(days[3:-3]))
        self.days_off.sort()
        for first, last in self.month_list:
            for d in sorted(self.rng.sample(self.workdays(first, last), 2)):
                self.blocked.append(
                    {
                        "date": d,
                        "half": self.rng.choice(["am", "pm"]),
                        "reason": self.rng.choice(BLOCK_REASONS),
                    }
                )
        return {
            "holidays": "cn-statutory",
            "days_off": list(self.days_off),
            "workdays": [],
            "blocked": self.blocked,
            "hours": {"am": "08:30-12:00", "pm": "14:30-18:00"},
        }

    # ---- leaves ----
    def make_leaves(self, people: People) -> None:
        """Leaves spread over the months; most of leaders and the office director."""
        leadership = [people.mayor, people.evm, *people.vms, people.director]
        heads = sorted(people.heads.values())
        for month, count in zip(
            self.month_list, self.size.per_month(self.size.leaves, self.months), strict=True
        ):
            days = self.workdays(*month)
            for _ in range(count):
                for _attempt in range(20):
                    person = self.rng.choice(leadership if self.rng.random() < 0.8 else heads)
                    leave = self._leave(person, days)
                    if not self._overlaps(leave):
                        self.leaves.append(leave)
                        break
        self.leaves.sort(key=lambda lv: (lv["from"], lv["person"]))

    def _leave(self, person: str, days: list[date]) -> dict[str, Any]:
        i = self.rng.randrange(len(days))
        length = self.rng.choice([1, 2, 2, 3, 3])
        start, end = days[i], days[min(i + length - 1, len(days) - 1)]
        leave: dict[str, Any] = {"person": person, "from": start, "to": end}
        if self.rng.random() < 0.1:
            leave["half"] = self.rng.choice(["am", "pm"])
        leave["reason"] = self.rng.choice(LEAVE_REASONS)
        late = self.rng.random() < 0.1
        leave["requested"] = start - timedelta(days=1 if late else self.rng.randint(4, 20))
        return leave

    def _overlaps(self, leave: dict[str, Any]) -> bool:
        return any(
            lv["person"] == leave["person"]
            and lv["from"] <= leave["to"]
            and leave["from"] <= lv["to"]
            for lv in self.leaves
        )

    def away(self, person: str, day: date, half: str) -> bool:
        return any(
            lv["person"] == person
            and lv["from"] <= day <= lv["to"]
            and lv.get("half", half) == half
            for lv in self.leaves
        )

    # ---- meetings ----
    def minutes(self, base: int, cap: int = 210) -> int:
        """A demo meeting length scaled by the topics-per-meeting factor, in half-hours."""
        return max(60, min(cap, round(base * self.scale / 30) * 30))

    def make_meetings(self, people: People) -> None:
        topic_counts = self.size.per_month(self.size.topic_meetings, self.months)
        for k, ((first, last), n_topic) in enumerate(
            zip(self.month_list, topic_counts, strict=True)
        ):
            tag = f"{first.year}-{first.month:02d}"
            window = None if self.size.months == 1 else {"from": first, "to": last}
            number = 56 + k * (1 + self.size.optional_executive_per_month)
            self._meeting(
                f"exec-{tag}",
                "executive",
                self.minutes(180),
                f"{self.gov}第{number}次常务会议",
                window,
            )
            for j in range(self.size.optional_executive_per_month):
                mid = date(first.year, first.month, 16)
                self._meeting(
                    f"exec-{tag}-x{j + 1}",
                    "executive",
                    self.minutes(120),
                    f"{self.gov}第{number + 1 + j}次常务会议",
                    {"from": mid, "to": last},
                    optional=True,
                )
            self._mayor_office(tag, first, last)
            for j in range(n_topic):
                self._topic_meeting(people, f"tm-{tag}-{j + 1:03d}", first, last, j)

    def _meeting(
        self,
        mid: str,
        kind: str,
        minutes: int,
        title: str,
        window: dict[str, date] | None,
        optional: bool = False,
        **extra: Any,
    ) -> dict[str, Any]:
        row: dict[str, Any] = {"id": mid, "kind": kind, "minutes": minutes, "title": title}
        if window is not None:
            row["window"] = window
        if optional:
            row["optional"] = True
        row.update(extra)
        self.meetings.append(row)
        return row

    def _mayor_office(self, tag: str, first: date, last: date) -> None:
        """Mayor's office meetings splitting the month's working days (demo: 1-11 and
        15-30), so that no window falls wholly on a holiday."""
        n = self.size.mayor_office_per_month
        days = self.workdays(first, last)
        for j in range(n):
            a = days[len(days) * j // n]
            b = days[len(days) * (j + 1) // n - 1]
            self._meeting(
                f"mo-{tag}-{chr(97 + j)}",
                "mayor_office",
                self.minutes(120),
                f"{self.prefix}长办公会议（{first.month}月第{j + 1}次）",
                {"from": a, "to": b},
            )

    def _topic_meeting(self, people: People, mid: str, first: date, last: date, j: int) -> None:
        """A vice-mayor's topic meeting: no window, a ten-day window, or a fixed half-day."""
        chair = people.vms[(j + self.rng.randrange(len(people.vms))) % len(people.vms)]
        own = [people.heads[d] for d in people.portfolio[chair]]
        others = [h for h in sorted(people.heads.values()) if h not in own]
        attendees = self.rng.sample(own, min(3, len(own)))
        attendees += self.rng.sample(others, 3 - len(attendees))
        optional = self.rng.sample(
            [h for h in others if h not in attendees], self.rng.choice([1, 2])
        )
        dept = people.portfolio[chair][0]
        title = f"{self._dept_name(dept)}专题会议"
        minutes = self.minutes(self.rng.choice([60] * 5 + [90]), cap=180)
        row = self._meeting(
            mid,
            "topic",
            minutes,
            title,
            None,
            chair=chair,
            attendees=attendees,
            optional_attendees=optional,
        )
        draw = self.rng.random()
        if draw < 1 / 6:
            fixed = self._fixed_slot([chair, *attendees], first, last)
            if fixed is not None:
                row["fixed"] = fixed
                return
        if draw < 1 / 2:
            row["window"] = self._ten_days(first, last)
        elif self.size.months > 1:
            row["window"] = {"from": first, "to": last}

    def _ten_days(self, first: date, last: date) -> dict[str, date]:
        """A ten-day window inside the month with at least five working days (a clerk does
        not give a meeting a window that falls in the Spring Festival)."""
        for _ in range(100):
            a = first + timedelta(days=self.rng.randrange(0, max(1, (last - first).days - 9)))
            b = a + timedelta(days=10)
            if len(self.workdays(a, b)) >= 5:
                return {"from": a, "to": b}
        return {"from": first, "to": last}

    def _fixed_slot(self, who: list[str], first: date, last: date) -> dict[str, Any] | None:
        """A half-day when everyone is present, nothing is blocked and no fixed meeting
        already takes one of them."""
        for _ in range(30):
            day = self.rng.choice(self.workdays(first, last))
            half = self.rng.choice(["am", "pm"])
            if any(b["date"] == day and b["half"] == half for b in self.blocked):
                continue
            if any(self.away(p, day, half) for p in who):
                continue
            taken = self.fixed_taken.setdefault((day, half), set())
            if taken & set(who):
                continue
            taken.update(who)
            return {"date": day, "half": half}
        return None

    def _dept_name(self, did: str) -> str:
        return self.prefix + next(n for d, n, _ in DEPARTMENTS if d == did)

    # ---- topics ----
    def make_topics(self, people: People) -> None:
        counts = self._meeting_counts()
        share = {k: DEMO_TOPICS_PER_MEETING[k] * counts[k] * self.scale for k in counts}
        n = 0
        for k, (first, last) in enumerate(self.month_list):
            tag = f"{first.year}-{first.month:02d}"
            month_meetings = [m for m in self.meetings if m["id"].startswith(f"tm-{tag}")]
            for kind in ("executive", "mayor_office", "topic"):
                total = round(share[kind])
                count = self.size.per_month(total, self.months)[k]
                for i in range(count):
                    n += 1
                    self.topics.append(
                        self._topic(people, f"t{n:04d}", kind, i, first, last, month_meetings)
                    )

    def _priority(self) -> int:
        draw, acc = self.rng.random(), 0.0
        for p, share in PRIORITIES:
            acc += share
            if draw < acc:
                return p
        return 3

    def _topic(
        self,
        people: People,
        tid: str,
        kind: str,
        i: int,
        first: date,
        last: date,
        month_meetings: list[dict[str, Any]],
    ) -> dict[str, Any]:
        """One topic of `kind` for the month starting `first`."""
        if kind == "topic":
            meeting = month_meetings[i % len(month_meetings)]
            vm = meeting["chair"]
            category = self.rng.choice(OTHER_CATEGORIES)
        else:
            vm = self.rng.choice([people.evm, *people.vms])
            pool = EXEC_CATEGORIES if kind == "executive" else OTHER_CATEGORIES
            category = self.rng.choice(pool)
        dept = self.rng.choice(people.portfolio[vm])
        others = [d for d, _, _ in DEPARTMENTS[: self.size.departments] if d != dept]
        priority = self._priority()
        row: dict[str, Any] = {
            "id": tid,
            "title": self.rng.choice(SUBJECTS[category]).format(d=self._dept_name(dept)),
            "department": dept,
            "vice_mayor": vm,
            "decided_by": kind,
            "category": category,
            "minutes": self.rng.choice(
                {
                    "executive": [20, 25, 30, 35],
                    "mayor_office": [15, 20, 25],
                    "topic": [20, 30, 40],
                }[kind]
            ),
        }
        draw = self.rng.random()
        materials = self._materials(kind, draw, first, last)
        if materials is not None:
            row["materials"] = materials
        if kind != "topic" and self.rng.random() < 0.15:
            row["public_interest"] = True
        if self.rng.random() < 0.15:
            row["market_entities"] = True
        reviews = self._reviews(row, kind == "executive" and 5 / 14 <= draw < 7 / 14, first)
        if reviews:
            row["reviews"] = reviews
        row["attending"] = sorted(self.rng.sample(others, self.rng.randint(1, 4)), key=others.index)
        if kind == "executive" and 4 / 14 <= draw < 5 / 14:
            priority = 5
            row["lead_time_waived"] = WAIVER
        row["priority"] = priority
        if priority == 5 or (priority == 4 and self.rng.random() < 0.5):
            row["deadline"] = last - timedelta(days=self.rng.choice([0, 0, 6, 10]))
        if self.rng.random() < 0.08:
            row["public"] = False
        return row

    def _materials(self, kind: str, draw: float, first: date, last: date) -> date | None:
        """Materials date: on time for the month; for executive topics 3/14 too late,
        1/14 missing, 1/14 late but waived (the `draw` bands)."""
        if kind == "executive" and draw < 3 / 14:
            return last - timedelta(days=self.rng.randint(0, 6))
        if kind == "executive" and draw < 4 / 14:
            return None
        if kind == "executive" and draw < 5 / 14:
            return first + timedelta(days=self.rng.randint(12, 18))
        return first + timedelta(days=self.rng.randint(-7, 7))

    def _reviews(self, row: dict[str, Any], drop_one: bool, first: date) -> dict[str, date]:
        """Every required review, finished before the materials; `drop_one` leaves one out."""
        needed = list(REQUIRED_REVIEWS.get(row["category"], []))
        if row.get("market_entities"):
            needed.append("fair_competition")
        if row.get("public_interest"):
            needed.append("stability_risk")
        if drop_one and not needed:
            row["market_entities"] = True
            needed.append("fair_competition")
        before = row.get("materials", first)
        done = {r: before - timedelta(days=self.rng.randint(1, 20)) for r in needed}
        if drop_one:
            del done[self.rng.choice(needed)]
        return done

    # ---- documents ----
    def documents(self, people: People) -> list[dict[str, Any]]:
        """A few documents per month (demo rate 10 per 26 topics), tied to topics."""
        out: list[dict[str, Any]] = []
        for t in self.topics:
            if self.rng.random() >= 10 / 26:
                continue
            start = t.get("materials", self.start)
            start = max(start, self.start)
            doc: dict[str, Any] = {
                "id": f"d{len(out) + 1:04d}",
                "start": start,
                "drafter": t["department"],
                "issuer": "government",
            }
            if t["category"] == "normative":
                doc.update(
                    kind="normative",
                    title=f"关于印发{t['title'][2:-4]}的通知",
                    to=["towns_and_departments"],
                    topic=t["id"],
                    involves=t["attending"][:2],
                )
            elif t["category"] in ("budget", "project"):
                doc.update(
                    kind="request",
                    title=f"{self.gov}关于{t['title'][2:-4]}的请示",
                    to=["higher_government"],
                    involves=t["attending"][:1],
                )
            else:
                doc.update(
                    kind="notice",
                    issuer="office",
                    title=f"关于做好{self._dept_name(t['department'])}有关工作的通知",
                    to=["towns_and_departments"],
                    involves=[],
                )
            out.append(doc)
        return out

    # ---- all ----
    def scenario(self) -> dict[str, Any]:
        """The whole scenario as a dict in FORMATS.md order."""
        people = self.people()
        departments = self.departments()
        calendar = self.calendar()
        self.make_leaves(people)
        self.make_meetings(people)
        self.make_topics(people)
        history = {
            "safety": self.start - timedelta(days=self.rng.randint(40, 100)),
            "ecology": self.start - timedelta(days=self.rng.randint(40, 100)),
        }
        span = f"{self.start.year}年{self.start.month}月" + (
            "" if self.months == 1 else f"至{self.end.month}月"
        )
        return {
            "scenario": f"{self.gov} {span}工作安排（基准 {self.size.name}，种子 {self.seed}）",
            "horizon": {"from": self.start, "to": self.end},
            "rulebook": "yanzhou-2022",
            "rules": {},
            "calendar": calendar,
            "people": people.rows,
            "departments": departments,
            "leaves": self.leaves,
            "meetings": self.meetings,
            "history": history,
            "topics": self.topics,
            "documents": self.documents(people),
        }


def generate(size: str, seed: int, months: int | None = None) -> dict[str, Any]:
    """The scenario of `size` ("S", "M", "L") for `seed`, optionally its first `months`."""
    return Generator(SIZES[size], seed, months).scenario()


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes repeated values (shared dates) out instead of as aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    """YAML text of a scenario: deterministic, UTF-8, one item per line."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=120,
        default_flow_style=None,
    )


def write(size: str, seed: int, out: Path, months: int | None = None) -> Path:
    """Generate and write a scenario file; return its path."""
    text = f"# generated: python benchmarks/generate.py --size {size} --seed {seed}"
    text += f" --months {months}\n" if months else "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + dump(generate(size, seed, months)), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--months", type=int, default=None, help="keep only the first K months")
    args = parser.parse_args(argv)
    write(args.size, args.seed, args.out, args.months)
    return 0


if __name__ == "__main__":
    sys.exit(main())
