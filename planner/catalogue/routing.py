"""Messages of document routing: warnings, the route table, graphs, calendar.md."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- warnings about a document (Art. 53, 54, 59) ----
    "route.warn.several_recipients": (
        "主送机关有多个（{recipients}），不得多头主送",
        "it has several principal recipients ({recipients}); a document has one",
    ),
    "route.warn.straight_to_leader": (
        "公文直接报送领导同志个人，应统一送区政府办公室按程序办理",
        "it is handed straight to a leader; documents go through the office",
    ),
    "route.warn.several_matters": (
        "请示含 {matters} 个事项，应一文一事",
        "the request carries {matters} matters; a request carries one",
    ),
    "route.warn.report_asks": (
        "报告夹带请示事项",
        "the report asks for something; a report carries no request",
    ),
    "route.warn.unmarked_classified": (
        "标题含“{word}”，属涉密事项，但未标注密级",
        "its title says “{word}”, a classified matter, but it carries no classification marking",
    ),
    "route.warn.no_vice_mayor": (
        "找不到分管{department}的区政府领导，改由区长签发",
        "no leader in charge of {department} can be found; the mayor signs",
    ),
    "route.warn.no_drafter_vice_mayor": (
        "以区政府名义制发但未注明起草部门，找不到分管领导，改由区长签发",
        "issued in the government's name with no drafting department, so no leader in charge "
        "can be found; the mayor signs",
    ),
    # ---- warnings about deliberation (Art. 19, 25) ----
    "route.warn.topic_meeting_early": (
        "其议题 {topic} 安排在{meeting}（{date}），但公文 {ready} 才能提请审议，改由此后的会议审议",
        "its topic {topic} is on {meeting} ({date}), but the document is ready only on {ready}; "
        "it goes to a later meeting",
    ),
    "route.warn.topic_deferred": (
        "其议题 {topic} 本期暂缓，改由此后第一次区政府全体会议或常务会议审议",
        "its topic {topic} is deferred; it goes to the first plenary or executive meeting it "
        "can reach",
    ),
    "route.warn.no_meeting": (
        "本期 {ready} 以后没有可审议它的区政府全体会议或常务会议，最早 {month} 审议",
        "no plenary or executive meeting in the horizon on or after {ready} can deliberate it; "
        "the earliest is in {month}",
    ),
    # ---- warnings about who acts (Art. 6, 8, 57) ----
    "route.warn.no_head": (
        "{department}没有主要负责人，“{step}”无人办理",
        "{department} has no head: nobody owns the {step}",
    ),
    "route.warn.no_owner": (
        "没有{owner}，“{step}”无人办理",
        "there is no {owner}: nobody owns the {step}",
    ),
    "route.warn.silence": (
        "{department}负责人 {person} 在“{step}”期限内均不在岗，{due} 逾期未复视为无不同意见",
        "{person}, head of {department}, is away throughout the {step}; silence past {due} "
        "counts as no objection",
    ),
    "route.warn.waits": (
        "“{step}”：{person} 及其补位人在 {start} 至 {limit} 期间均不在岗，顺延至 {until} 由 {acting} 办理",
        "{step}: {person} and their stand-ins are all away from {start} to {limit}; it waits "
        "until {until}, when {acting} acts",
    ),
    "route.warn.nobody": (
        "“{step}”：{person} 及其补位链上的人员均不在岗，无法确定办理日期",
        "{step}: {person} and everyone along their stand-in chain are away; no due date",
    ),
    "route.warn.uncovered_year": (
        "“{step}”的期限延伸到 {year} 年，尚无该年节假日数据，无法计算截止日期",
        "the {step} runs into {year}, for which there is no holiday data; its due date is unknown",
    ),
    # ---- who owns a step (names of the routing table's owner kinds) ----
    "route.owner.drafter_head": ("起草部门负责人", "head of the drafting department"),
    "route.owner.involved_heads": ("会签部门负责人", "head of a countersigning department"),
    "route.owner.legality_department": ("负责合法性审查的部门", "department doing legality review"),
    "route.owner.fair_competition_department": (
        "负责公平竞争审查的部门",
        "department doing fair-competition review",
    ),
    "route.owner.office": ("区政府办公室主任", "office director"),
    "route.owner.meeting_chair": ("会议主持人", "meeting chair"),
    "route.owner.signer": ("签发人", "signer"),
    "route.owner.co_signers": ("会签领导", "co-signing leader"),
    "route.owner.seal_keeper": ("用印审批人", "seal approver"),
    # ---- a routing table that cannot be used ----
    "route.table.row": (
        "公文流转表的每一行应为含 step、article、owner 的映射",
        "each row of the routing table is a mapping with step, article and owner",
    ),
    "route.table.unknown_key": (
        "公文流转表中的未知字段：{key}",
        "unknown key in the routing table: {key}",
    ),
    "route.table.step": ("step 应为环节名称", "step: expected the step's name"),
    "route.table.choice": (
        "{field} 取值应为 {expected} 之一",
        "{field}: expected one of {expected}",
    ),
    "route.table.limit": (
        "limit 应为给出时限的规则参数名",
        "limit: expected the rulebook parameter that gives the step's limit",
    ),
    "route.table.parameter": (
        "{field}：{value} 不是以天数计的规则参数",
        "{field}: {value} is not a rulebook parameter that counts days",
    ),
    "route.table.article": (
        "{field} 应为条款编号（正整数）",
        "{field}: expected an article number",
    ),
    "route.table.names": ("{field} 应为名称列表", "{field}: expected a list of names"),
    "route.table.unknown_name": ("{field} 中的未知取值：{value}", "{field}: unknown value {value}"),
    "route.table.condition": (
        "{field} 的每一项应为含 kind、issuer、flags 的映射",
        "{field}: each entry is a mapping of kind, issuer and flags",
    ),
    "route.table.list": ("{field} 应为列表", "{field}: expected a list"),
    "route.table.bool": ("{field} 应为 true 或 false", "{field}: expected true or false"),
    "route.table.duplicate": ("环节 {step} 重复定义", "step {step} is defined twice"),
    "route.table.unknown_step": ("after 中的未知环节：{step}", "after: unknown step {step}"),
    "route.table.cycle": (
        "公文流转环节构成循环：{cycle}",
        "the routing steps form a cycle: {cycle}",
    ),
    "route.table.no_sign": (
        "公文流转表没有签发环节（step: sign，owner: signer）",
        "the routing table has no signing step (step: sign, owner: signer)",
    ),
    "route.unknown_document": ("没有编号为 {value} 的公文", "no document with id {value}"),
    # ---- `planner route` ----
    "route.col.stage": ("阶段", "Stage"),
    "route.col.step": ("环节", "Step"),
    "route.col.owner": ("责任人", "Owner"),
    "route.col.acting": ("办理人", "Acting"),
    "route.col.due": ("截止", "Due"),
    "route.col.article": ("依据", "Article"),
    "route.signer": ("签发人：{signer}（{article}）", "Signer: {signer} ({article})"),
    "route.co_signers": ("会签领导：{names}", "Co-signers: {names}"),
    "route.issue_by": ("最迟印发日期：{date}", "Issue by: {date}"),
    "route.issue_unknown": ("印发日期待定", "Issue date unknown"),
    "route.critical": (
        "关键路径（{days} 个工作日）：{path}",
        "Critical path ({days} working days): {path}",
    ),
    "route.acting_for": ("{person}（代{owner}）", "{person} (for {owner})"),
    "route.lapsed": ("{person}（逾期视为无不同意见）", "{person} (silence is no objection)"),
    "route.waited": ("{person}（顺延）", "{person} (waits)"),
    "route.stage": ("阶段 {n}", "Stage {n}"),
    "route.due": ("截止 {due}", "due {due}"),
    "route.none": ("情景中没有公文", "the scenario has no documents"),
    "route.month": ("{year}年{month}月", "{year}-{mm}"),
    "route.numerals": ("一|二|三|四|五|六|七|八|九|十", "1|2|3|4|5|6|7|8|9|10"),
    "route.clause": ("第{article}条第（{clause}）项", "Art. {article} ({clause})"),
    "route.summary": (
        "公文 {documents} 件；提示 {warnings} 条",
        "{documents} documents; {warnings} warnings",
    ),
    # ---- calendar.md "Documents" section ----
    "md.doc_overview": (
        "| 公文 | 签发人 | 最迟印发 | 本期到期环节 |",
        "| Document | Signer | Issue by | Steps due this horizon |",
    ),
    "md.doc_due_here": ("本期到期的环节：", "Steps due this horizon:"),
    "md.doc_none_due": ("本期没有到期的环节。", "No step falls due this horizon."),
    "md.doc_outside": (
        "另有 {count} 个环节在本期之外到期：{steps}",
        "{count} more steps fall due outside this horizon: {steps}",
    ),
    "md.doc_critical": ("关键路径：{path}", "Critical path: {path}"),
    "md.doc_unknown": ("待定", "unknown"),
}
