"""Messages of the calendars (.ics), invitations and CalDAV publishing."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- calendar names (X-WR-CALNAME / NAME) ----
    "ics.cal.office": ("{office}：区政府会议日程", "{office}: the government's meetings"),
    "ics.cal.person": ("{name}的会议日程", "Meetings of {name}"),
    "ics.cal.department": ("{name}：会议与议题材料", "{name}: meetings and topic materials"),
    "ics.cal.public": ("区政府会议（公开）", "The government's meetings (public)"),
    "ics.office": ("区政府办公室", "District Government Office"),
    # ---- events ----
    "ics.summary": ("{kind}：{title}", "{kind}: {title}"),
    "ics.cancelled": ("【已取消】{summary}", "[cancelled] {summary}"),
    "ics.not_attending": ("【无需出席】{summary}", "[not attending] {summary}"),
    "ics.private_topic": ("议题（不公开）", "topic (not public)"),
    "ics.when": ("时间：{date} {half} {start}–{end}", "When: {date} {half} {start}–{end}"),
    "ics.location": ("地点：{location}", "Location: {location}"),
    "ics.chair": ("主持：{chair}", "Chair: {chair}"),
    "ics.acting": ("{person}（代{owner}）", "{person} (for {owner})"),
    "ics.agenda": ("议程：", "Agenda:"),
    "ics.no_agenda": ("（暂无议题）", "(no topics)"),
    "ics.agenda_item": ("{n}. {title}（汇报：{presenter}）", "{n}. {title} (presented by {presenter})"),
    "ics.agenda_document": ("   文件：{title}", "   document: {title}"),
    "ics.present": ("出席：{names}", "Present: {names}"),
    "ics.absent": ("请假：{items}", "Absent: {items}"),
    "ics.absent_item": ("{person}（补位：{stand_in}）", "{person} (stand-in: {stand_in})"),
    "ics.attending": ("列席部门：{names}", "Attending departments: {names}"),
    "ics.attendees": ("参会人员：{names}", "Attendees: {names}"),
    "ics.cancelled_note": ("本次会议已取消。", "This meeting has been cancelled."),
    "ics.not_attending_note": (
        "会议照常举行，但您已不在出席名单中。",
        "The meeting goes ahead, but you are no longer on its list.",
    ),
    # ---- materials-due to-dos ----
    "ics.todo_summary": ("报送议题材料：{title}", "Materials due: {title}"),
    "ics.todo_private": ("报送议题材料：议题（不公开）（{topic}）", "Materials due: topic (not public) ({topic})"),
    "ics.todo_meeting": ("上会：{meeting}（{date}）", "For: {meeting} ({date})"),
    "ics.todo_department": ("承办部门：{department}", "Submitted by: {department}"),
    "ics.todo_leader": ("分管领导：{leader}", "Vice-mayor in charge: {leader}"),
    "ics.todo_received": ("材料已于 {date} 送达办公室。", "The materials reached the office on {date}."),
    "ics.todo_waived": ("材料时限已免除：{reason}", "Lead time waived: {reason}"),
    "ics.todo_cancelled": ("该议题已不在会议议程中。", "The topic is no longer on a meeting's agenda."),
    # ---- commands ----
    "ics.written": ("已写入 {count} 个日历文件到 {path}", "{count} calendar file(s) written to {path}"),
    "ics.invitations_written": (
        "已写入 {count} 份会议邀请（METHOD:REQUEST/CANCEL）到 {path}",
        "{count} invitation file(s) (METHOD:REQUEST/CANCEL) written to {path}",
    ),
    "ics.no_scenario": (
        "{plan}：找不到生成该计划的情景文件；请用 --scenario 指定",
        "{plan}: cannot tell which scenario this plan came from; name it with --scenario",
    ),
    "ics.bad_plan": ("{plan}：计划文件无法读取：{problem}", "{plan}: cannot read the plan: {problem}"),
    "ics.unknown_for": (
        "--for {id}：情景中没有这个人员或部门",
        "--for {id}: no such person or department in the scenario",
    ),
    "ics.no_calendars": (
        "{path}：没有日历文件（先运行 planner plan 或 planner ics）",
        "{path}: holds no calendar files (run planner plan or planner ics first)",
    ),
    "ics.unknown_calendar": ("--calendar {name}：没有这个日历（可选：{names}）", "--calendar {name}: no such calendar (one of: {names})"),
    "ics.no_password": (
        "--password-env {var}：环境变量未设置",
        "--password-env {var}: the environment variable is not set",
    ),
    "ics.caldav_failed": ("CalDAV 服务器 {url}：{problem}", "CalDAV server {url}: {problem}"),
    "ics.published": (
        "{calendar}：新增 {added}、更新 {updated}、未变 {unchanged}（共 {total} 个对象）",
        "{calendar}: {added} added, {updated} updated, {unchanged} unchanged ({total} objects)",
    ),
}
