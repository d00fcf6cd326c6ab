"""Messages of planning: reading files, validation, reasons, calendar.md, verify."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading files ----
    "out.not_folder": ("已存在且不是文件夹", "exists and is not a folder"),
    "out.is_folder": ("是一个文件夹，应为文件", "is a folder, not a file"),
    "out.foreign_folder": (
        "文件夹非空且不含 plan.json，为免覆盖他人文件，请选择空文件夹或新文件夹",
        "the folder is not empty and holds no plan.json; choose an empty or new folder for the plan",
    ),
    "out.outside": ("拒绝写到输出文件夹之外", "refusing to write outside the output folder"),
    "out.unwritable": ("无法写入：{problem}", "cannot write: {problem}"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.internal": ("内部错误：{error}", "internal error: {error}"),
    "cli.bad_lang": (
        "--lang 应为 {langs} 之一，而不是 {value}",
        "--lang: expected one of {langs}, got {value}",
    ),
    "cli.positive": ("{option} 应为正数", "{option}: must be positive"),
    "cli.bad_plan": (
        "{file}：计划文件无法读取：{problem}",
        "{file}: the plan cannot be read: {problem}",
    ),
    "cli.sweep_counts": (
        "--runs 至少为 1；--random-leaves 与 --workers 不能为负数",
        "--runs must be at least 1; --random-leaves and --workers not negative",
    ),
    "file.unreadable": ("无法读取文件：{error}", "cannot read the file: {error}"),
    "file.too_big": (
        "文件过大（{size} 字节），上限 {limit} 字节",
        "the file is too large ({size} bytes); the limit is {limit} bytes",
    ),
    "file.binary": ("文件不是文本（含有 NUL 字节）", "the file is not text (it holds NUL bytes)"),
    "file.not_utf8": (
        "文件不是 UTF-8 编码（第 {offset} 字节处）",
        "the file is not UTF-8 (at byte {offset})",
    ),
    "file.empty": ("文件为空", "the file is empty"),
    "yaml.syntax": ("YAML 格式错误：{problem}", "YAML syntax error: {problem}"),
    "yaml.unsupported": (
        "不支持的 YAML 内容（不会执行文件中的任何代码）：{problem}",
        "unsupported YAML content (nothing in the file is ever run): {problem}",
    ),
    "yaml.too_large": ("文件结构过大，已拒绝", "the document has too many nodes; refused"),
    "yaml.too_deep": ("文件嵌套过深，已拒绝", "the document nests too deeply; refused"),
    "yaml.alias_bomb": (
        "锚点/别名展开后过大（疑似“十亿笑声”攻击），已拒绝",
        "aliases expand to too large a document (an alias bomb); refused",
    ),
    "yaml.not_mapping": (
        "文件顶层应为键值映射（scenario、horizon、people……）",
        "the top level must be a mapping (scenario, horizon, people, ...)",
    ),
    # ---- field shapes (pydantic) ----
    "field.missing": ("缺少必填字段", "required field is missing"),
    "field.unknown": ("未知字段（拼写错误？）", "unknown field (a typo?)"),
    "field.date": (
        "不是有效日期（应为 YYYY-MM-DD 且确实存在）：{value}",
        "not a valid date (YYYY-MM-DD, a day that exists): {value}",
    ),
    "field.int": ("应为整数：{value}", "expected a whole number: {value}"),
    "field.bool": ("应为 true 或 false：{value}", "expected true or false: {value}"),
    "field.str": ("应为文本：{value}", "expected text: {value}"),
    "field.list": ("应为列表", "expected a list"),
    "field.mapping": ("应为键值映射", "expected a mapping"),
    "field.choice": ("取值应为 {expected} 之一：{value}", "expected one of {expected}: {value}"),
    "field.min": ("数值应不小于 {limit}：{value}", "must be at least {limit}: {value}"),
    "field.max": ("数值应不大于 {limit}：{value}", "must be at most {limit}: {value}"),
    "field.too_short": ("至少需要 {limit} 项", "needs at least {limit} entries"),
    "field.slug": (
        "标识应为小写字母、数字、下划线或连字符（最长 64 个字符）：{value}",
        "an id is lowercase letters, digits, _ or - (at most 64 characters): {value}",
    ),
    "field.email": ("不是有效的电子邮件地址：{value}", "not a valid e-mail address: {value}"),
    "field.control": ("文本含有控制字符", "the text holds control characters"),
    "field.too_long": (
        "文本过长（上限 {limit} 个字符）",
        "text too long (limit {limit} characters)",
    ),
    "field.line_break": ("标题和姓名不得含换行", "titles and names may not contain line breaks"),
    "field.ends_before_start": ("结束日期早于开始日期", "ends before it starts"),
    "field.hours": (
        "时段应为 HH:MM-HH:MM 且开始早于结束",
        "hours are HH:MM-HH:MM with the start before the end",
    ),
    "field.invalid": ("取值无效：{problem}", "invalid value: {problem}"),
    # ---- cross references and consistency ----
    "ref.duplicate": (
        "标识重复：{value}（{first} 已使用）",
        "duplicate id {value} (first used at {first})",
    ),
    "ref.unknown_person": ("未知人员：{value}", "unknown person: {value}"),
    "ref.unknown_department": ("未知部门：{value}", "unknown department: {value}"),
    "ref.unknown_meeting": ("未知会议：{value}", "unknown meeting: {value}"),
    "ref.unknown_topic": ("未知议题：{value}", "unknown topic: {value}"),
    "ref.unknown_rule": ("未知规则参数：{value}", "unknown rulebook parameter: {value}"),
    "ref.bad_rule": ("规则参数 {name} 取值无效：{problem}", "rulebook parameter {name}: {problem}"),
    "ref.unknown_rulebook": ("未知规则集：{value}", "unknown rulebook: {value}"),
    "ref.not_leader": (
        "{value} 不是区长或副区长，不能作为补位人",
        "{value} is not the mayor or a vice-mayor and cannot stand in ",
    ),
    "ref.not_vice_mayor": (
        "{value} 不是区政府领导（区长、副区长），不能分管议题",
        "{value} is not a leader of the government (mayor or vice-mayor) and cannot be in charge",
    ),
    "ref.department_head_without_department": (
        "部门负责人须注明 department",
        "a department head needs a department",
    ),
    "ref.one_role": ("只能有一位{role}", "there can be only one {role}"),
    "ref.no_mayor": ("人员中没有区长（mayor）", "no mayor among the people"),
    "ref.topic_chair": (
        "专题会议须指定主持人（chair），应为区长、副区长或办公室主任/副主任",
        "a topic meeting needs a chair: the mayor, a vice-mayor or the office director/deputy",
    ),
    "ref.chair_role": (
        "{value} 不能主持专题会议",
        "{value} cannot chair a topic meeting ",
    ),
    "ref.chair_not_topic": (
        "只有专题会议指定主持人；{kind}由区长主持",
        "only topic meetings name a chair; a {kind} is chaired by the mayor ",
    ),
    "ref.window_outside": (
        "时间窗 {start}～{end} 不在规划期 {hstart}～{hend} 内",
        "the window {start}..{end} lies outside the horizon {hstart}..{hend}",
    ),
    "ref.fixed_outside": (
        "固定时段 {date} 不在规划期内或不在时间窗内",
        "the fixed slot {date} lies outside the horizon or the window",
    ),
    "ref.fixed_not_workday": (
        "固定时段 {date} 不是工作日",
        "the fixed slot {date} is not a working day",
    ),
    "ref.reserved_kind": (
        "{category}类议题须由区政府全体会议或常务会议决定，不能交{kind}",
        "a {category} topic is decided by a plenary or executive meeting, not a {kind} ",
    ),
    "ref.uncovered_year": (
        "{year} 年的法定节假日和调休数据尚未收录。请依据国务院办公厅 {year} 年部分节假日安排的通知，"
        "编写节假日文件（见 planner/data/holidays/README.md），并在 calendar.holiday_files 中列出；"
        "或设置 calendar.holidays: none（只按周末计算）",
        "no statutory holiday data for {year}. Transcribe the State Council's notice on {year}'s "
        "holidays into a holiday file (see planner/data/holidays/README.md) and list it under "
        "calendar.holiday_files, or set calendar.holidays: none (weekends only)",
    ),
    "ref.holiday_file": ("节假日文件有误：{problem}", "holiday file: {problem}"),
    "ref.room_capacity": ("会议室容量应为正整数", "a room's capacity must be positive"),
    "ref.whatif_unknown_list": ("未知列表：{value}", "unknown list: {value}"),
    "ref.whatif_unknown_id": ("{list} 中没有 {value}", "{list} has no {value}"),
    "ref.whatif_field": ("不能修改字段 id", "the field id cannot be changed"),
    "ref.base_missing": ("找不到基准情景文件：{value}", "base scenario not found: {value}"),
    # ---- validation warnings ----
    "warn.leave_late": (
        "{person} 的请假（{start} 起）于 {requested} 提出，应至少提前 {days} 天",
        "{person}'s leave from {start} was requested on {requested}, less than {days} days ahead",
    ),
    "warn.leave_unreported": (
        "{person} 的请假（{start} 起）未注明报告日期，应事先向区长报告",
        "{person}'s leave from {start} has no request date; it must be reported to the mayor ahead",
    ),
    "warn.brief_too_long": (
        "议题简报 {chars} 字，超过 {limit} 字上限",
        "the brief has {chars} characters, over the limit of {limit}",
    ),
    "warn.no_stand_in": (
        "{person} 未指定补位人，外出时无人代为履职",
        "{person} has no stand-in: nobody acts while they are away",
    ),
    "warn.chain_nobody": (
        "{date} {half}：{person} 及其补位链上的人员均不在岗，无人代为履职",
        "{date} {half}: {person} and everyone along their stand-in chain are away; nobody acts",
    ),
    "warn.lead_time_waived": (
        "议题“{title}”免于材料提前报送要求，理由：{reason}",
        "topic “{title}” is exempt from the materials lead time: {reason}",
    ),
    "warn.cadence_missed": (
        "{what}自 {last} 以来未经常务会议研究，应在 {due} 前研究一次，但本期无法安排",
        "{what} has not been studied at an executive meeting since {last}; it is due by {due} "
        "and cannot be placed this horizon",
    ),
    "warn.cadence_due": (
        "{what}上次研究于 {last}，须在 {due} 前由常务会议再次研究，本期未安排此类议题",
        "{what} was last studied on {last}; it is due again by {due} and no such topic is planned",
    ),
    "warn.deadline_missed": (
        "议题“{title}”须在 {deadline} 前决定，但未能安排",
        "topic “{title}” must be decided by {deadline} but could not be placed",
    ),
    "warn.attending_head_absent": (
        "{meeting}：列席部门{department}的负责人请假，由其他人员列席",
        "{meeting}: the head of attending department {department} is away; someone else attends",
    ),
    "warn.solver_not_optimal": (
        "求解在工作量上限内未能证明最优（当前目标 {objective}，下界 {bound}）",
        "the solver did not prove optimality within its work budget (objective {objective}, "
        "bound {bound})",
    ),
    "warn.optional_held": (
        "加开{meeting}，用于紧急议题：{topics}",
        "{meeting} is held for urgent topics: {topics}",
    ),
    # ---- why a meeting could not be held on a half-day ----
    "slot.not_workday": ("{date} 不是工作日", "{date} is not a working day"),
    "slot.blocked": ("{date} {half} 领导另有安排：{reason}", "{date} {half} is taken: {reason}"),
    "slot.outside_window": ("不在时间窗 {start}～{end} 内", "outside its window {start}..{end}"),
    "slot.no_chair": (
        "区长和常务副区长均不在岗，无人主持",
        "neither the mayor nor the executive vice-mayor is present to chair",
    ),
    "slot.chair_away": ("主持人 {chair} 不在岗", "the chair {chair} is away"),
    "slot.no_quorum": (
        "出席成员 {present}/{members} 人，未过半数",
        "{present} of {members} members present, not more than half",
    ),
    "slot.required_absent": ("必须出席的 {people} 不在岗", "required attendees away: {people}"),
    "slot.too_long": (
        "会议需 {minutes} 分钟，{when} 只有 {limit} 分钟",
        "it needs {minutes} minutes; {when} has only {limit}",
    ),
    "slot.no_room": (
        "没有足够大的会议室：需 {need} 个座位，最大的会议室只有 {largest} 个",
        "no room is large enough: it needs {need} seats, the largest room has {largest}",
    ),
    "slot.taken": (
        "与 {others} 的人员冲突（同一时段一人不能参加两个会议）",
        "its people are at {others} then (nobody attends two meetings at once)",
    ),
    # ---- unscheduled meeting summaries ----
    "meeting.no_slot": (
        "规划期内没有可开会的半天：{summary}",
        "no half-day in the horizon can hold it: {summary}",
    ),
    "meeting.crowded": (
        "可开会的半天（{slots}）均被共用人员的其他会议占用：{others}",
        "every possible half-day ({slots}) is taken by other meetings with the same people: "
        "{others}",
    ),
    "meeting.optional_not_needed": (
        "备用会议，没有需要加开的紧急议题，不召开",
        "an optional meeting: no urgent topic needs it, so it is not held",
    ),
    "meeting.count": ("{count} 个半天：{what}", "{count} half-days: {what}"),
    # ---- why a topic was deferred ----
    "topic.no_meeting_of_kind": (
        "本期没有可审议该议题的{kind}",
        "no {kind} in the horizon can decide it",
    ),
    "topic.chair_mismatch": (
        "专题会议{meeting}不由分管副区长 {vice_mayor} 或区长主持",
        "topic meeting {meeting} is chaired by neither {vice_mayor} nor the mayor",
    ),
    "topic.materials_missing": (
        "材料尚未报送区政府办公室，无法上会",
        "its materials have not reached the office",
    ),
    "topic.materials_late": (
        "材料 {materials} 才报送；{meeting} 若于 {when} 召开，材料应在 {due} 前报送（提前 {days} 个工作日）",
        "materials arrive on {materials}; {meeting} on {when} needs them by {due} ({days} working days ahead)",
    ),
    "topic.review_missing": ("缺少{review}", "{review} is missing"),
    "topic.review_late": (
        "{review}于 {finished} 完成，晚于材料报送日 {materials}",
        "the {review} finished on {finished}, after the materials on {materials}",
    ),
    "topic.after_deadline": (
        "{meeting} 最早 {earliest} 召开，已过决定期限 {deadline}",
        "{meeting} cannot be held before {earliest}, after its deadline {deadline}",
    ),
    "topic.meeting_not_held": ("{meeting} 未能召开", "{meeting} is not held"),
    "topic.no_presenter": (
        "{meeting} {when}：分管副区长 {vice_mayor} 及其补位人均不在岗，无人汇报",
        "{meeting} {when}: {vice_mayor} and their stand-ins are all away; nobody can present",
    ),
    "warn.empty_agenda": (
        "{meeting} 没有安排议题，可考虑取消或与其他会议合并",
        "{meeting} has no topics on its agenda; consider cancelling or merging it",
    ),
    "topic.too_long": (
        "议题需 {minutes} 分钟，超过 {meeting} 的会议时长 {limit} 分钟",
        "it needs {minutes} minutes, more than {meeting}'s {limit} minutes",
    ),
    "topic.capacity": (
        "{meeting} 的时间已由优先级更高或同等的议题占满：{others}",
        "{meeting}'s time is taken by topics of higher or equal priority: {others}",
    ),
    "topic.person_conflict": (
        "{meeting} 召开时分管副区长 {vice_mayor} 另有会议",
        "{vice_mayor} is at another meeting when {meeting} is held",
    ),
    "topic.not_placed": (
        "在工作量上限内未能安排（可安排于：{meetings}）",
        "not placed within the work budget (it could go to: {meetings})",
    ),
    # ---- stand-ins and absences ----
    "absent.leave": ("{reason}", "{reason}"),
    "standin.chair": (
        "{chair} 代 {owner} 主持（{owner}：{reason}）",
        "{chair} chairs for {owner} ({owner}: {reason})",
    ),
    "standin.presenter": (
        "{presenter} 代 {owner} 汇报“{title}”（{owner}：{reason}）",
        "{presenter} presents “{title}” for {owner} ({owner}: {reason})",
    ),
    # ---- names of things ----
    "kind.plenary": ("区政府全体会议", "plenary meeting"),
    "kind.executive": ("区政府常务会议", "executive meeting"),
    "kind.mayor_office": ("区长办公会议", "mayor's office meeting"),
    "kind.topic": ("专题会议", "topic meeting"),
    "half.am": ("上午", "am"),
    "half.pm": ("下午", "pm"),
    "review.legality": ("合法性审查", "legality review"),
    "review.fair_competition": ("公平竞争审查", "fair-competition review"),
    "review.stability_risk": ("社会稳定风险评估", "social-stability risk assessment"),
    "review.public_participation": ("公众参与", "public participation"),
    "review.expert": ("专家论证", "expert argument"),
    "review.risk_assessment": ("风险评估", "risk assessment"),
    "category.normative": ("规范性文件", "normative document"),
    "category.major_decision": ("重大行政决策", "major administrative decision"),
    "category.budget": ("预决算", "budget"),
    "category.plan": ("规划计划", "plan"),
    "category.project": ("重大建设项目", "major project"),
    "category.safety": ("安全生产", "work safety"),
    "category.ecology": ("生态环保", "ecology"),
    "category.general": ("一般事项", "general matter"),
    "role.mayor": ("区长", "mayor"),
    "role.executive_vice_mayor": ("常务副区长", "executive vice-mayor"),
    "role.vice_mayor": ("副区长", "vice-mayor"),
    "role.office_director": ("办公室主任", "office director"),
    "role.office_deputy": ("办公室副主任", "office deputy director"),
    "role.department_head": ("部门负责人", "department head"),
    "word.none": ("无", "none"),
    "word.sep": ("、", ", "),
    "word.nobody": ("无人", "nobody"),
    "word.more": ("等 {count} 项", "and {count} more"),
    "word.titled_priority": ("{title}（优先级 {p}）", "{title} (priority {p})"),
    # ---- verify ----
    "verify.unknown_meeting": (
        "计划中的会议 {value} 不在情景中",
        "plan meeting {value} is not in the scenario",
    ),
    "verify.unknown_topic": (
        "计划中的议题 {value} 不在情景中",
        "plan topic {value} is not in the scenario",
    ),
    "verify.bad_date": ("{meeting} 的日期或时段无效", "{meeting} has an invalid date or half-day"),
    "verify.not_workday": (
        "{meeting} 安排在非工作日 {date}",
        "{meeting} is on {date}, not a working day",
    ),
    "verify.slot": (
        "{meeting} 安排在 {date} {half}：{problem}",
        "{meeting} on {date} {half}: {problem}",
    ),
    "verify.wrong_chair": (
        "{meeting} 的主持人应为 {expected}，计划写的是 {actual}",
        "{meeting} should be chaired by {expected}, the plan says {actual}",
    ),
    "verify.topic_twice": (
        "议题 {topic} 被安排了不止一次",
        "topic {topic} is placed more than once",
    ),
    "verify.topic_not_listed": (
        "{meeting} 的议程含 {topic}，但议题列表未对应",
        "{meeting}'s agenda holds {topic} but the topic list disagrees",
    ),
    "verify.topic_kind": (
        "议题 {topic} 应由{expected}决定，却安排在{actual} {meeting}",
        "topic {topic} is decided by a {expected}, but sits on {meeting}, a {actual}",
    ),
    "verify.topic_blocked": (
        "议题 {topic} 不能上 {meeting}：{problem}",
        "topic {topic} cannot go to {meeting}: {problem}",
    ),
    "verify.over_time": (
        "{meeting} 议程共 {minutes} 分钟，超过会议时长 {limit} 分钟",
        "{meeting}'s agenda takes {minutes} minutes, over its {limit}",
    ),
    "verify.double_booked": (
        "{person} 在 {date} {half} 同时参加 {meetings}",
        "{person} is in {meetings} at once on {date} {half}",
    ),
    "verify.optional_without_urgent": (
        "备用会议 {meeting} 没有紧急议题却召开",
        "optional meeting {meeting} is held without an urgent topic",
    ),
    "verify.wrong_presenter": (
        "议题 {topic} 的汇报人应为 {expected}，计划写的是 {actual}",
        "topic {topic} should be presented by {expected}, the plan says {actual}",
    ),
    "verify.bad_time": ("{meeting} 的开始或结束时间无效", "{meeting} has an invalid start or end time"),
    "verify.off_grid": (
        "{meeting} 的时间 {start}–{end} 不在 {grain} 分钟网格上、超出半天时段或与会议时长不符",
        "{meeting} at {start}–{end} is off the {grain}-minute grid, outside its half-day, or not its length",
    ),
    "verify.unknown_room": ("{meeting} 的会议室 {room} 不存在", "{meeting}: room {room} does not exist"),
    "verify.room_too_small": (
        "{meeting} 需 {need} 个座位，{room} 只有 {capacity} 个",
        "{meeting} needs {need} seats; {room} has {capacity}",
    ),
    "verify.room_twice": ("{room} 同时安排了 {meetings}", "{room} holds {meetings} at once"),
    "verify.ok": ("计划符合全部刚性规则", "the plan satisfies every hard rule"),
    "verify.count": ("发现 {count} 处违反规则", "{count} violations found"),
}


MESSAGES.update(
    {
        # ---- calendar.md and tables ----
        "md.title": ("{title}", "{title}"),
        "md.generated": (
            "规划期 {start} 至 {end}；求解状态 {status}，目标值 {objective}（下界 {bound}）",
            "Horizon {start} to {end}; solver {status}, objective {objective} (bound {bound})",
        ),
        "md.month": ("{year}年{month}月", "{year}-{month:02d}"),
        "md.weekdays": ("一|二|三|四|五|六|日", "Mon|Tue|Wed|Thu|Fri|Sat|Sun"),
        "md.legend": (
            "图例：休 = 非工作日，班 = 调休上班日，锁 = 领导另有安排的半天",
            "Legend: off = not a working day, work = adjusted working day, busy = blocked half-day",
        ),
        "md.off": ("休", "off"),
        "md.adjusted": ("班", "work"),
        "md.blocked": ("锁", "busy"),
        "md.meetings": ("会议安排", "Meetings"),
        "md.when": ("时间", "When"),
        "md.chair": ("主持", "Chair"),
        "md.chair_acting": ("{chair}（代{owner}主持）", "{chair} (for {owner})"),
        "md.present": ("出席", "Present"),
        "md.absent": ("请假", "Absent"),
        "md.absent_item": (
            "{person}（{reason}；由{stand_in}补位）",
            "{person} ({reason}; {stand_in} stands in)",
        ),
        "md.attending": ("列席部门", "Attending departments"),
        "md.attendees": ("参会人员", "Attendees"),
        "md.agenda": ("议程", "Agenda"),
        "md.agenda_item": (
            "{n}. {title} — 汇报：{presenter}；材料报送截止 {due}",
            "{n}. {title} — presents: {presenter}; materials due {due}",
        ),
        "md.presenter_acting": ("{presenter}（代{owner}）", "{presenter} (for {owner})"),
        "md.no_agenda": ("（暂无议题）", "(no topics)"),
        "md.location": ("地点", "Location"),
        "md.unscheduled": ("未能召开的会议", "Meetings not held"),
        "md.deferred": ("暂缓议题", "Deferred topics"),
        "md.warnings": ("提示", "Warnings"),
        "md.documents": ("公文办理", "Documents"),
        "md.none": ("无", "None"),
        "md.priority": ("优先级 {p}", "priority {p}"),
        "table.date": ("日期", "Date"),
        "table.half": ("时段", "Half"),
        "table.meeting": ("会议", "Meeting"),
        "table.chair": ("主持", "Chair"),
        "table.agenda": ("议题数", "Topics"),
        "table.absent": ("请假", "Absent"),
        "table.summary": (
            "已安排 {meetings} 个会议、{topics} 个议题；暂缓 {deferred} 个议题；未召开 {unscheduled} 个会议；提示 {warnings} 条",
            "{meetings} meetings and {topics} topics placed; {deferred} topics deferred; "
            "{unscheduled} meetings not held; {warnings} warnings",
        ),
        "table.written": ("已写入 {path}", "written to {path}"),
        "cli.errors": ("{file}：发现 {count} 处错误", "{file}: {count} error(s)"),
        "cli.check_ok": (
            "{file}：未发现错误（提示 {warnings} 条）",
            "{file}: no errors ({warnings} warnings)",
        ),
    }
)

MESSAGES.update(
    {
        "md.doc_issue": (
            "签发人：{signer}；最迟印发日期：{issue_by}",
            "Signer: {signer}; issue by {issue_by}",
        ),
        "md.doc_head": (
            "| 阶段 | 环节 | 办理人 | 截止 | 依据 |",
            "| Stage | Step | Assignee | Due | Article |",
        ),
        "step.draft_approval": ("起草部门负责人审核", "draft approval"),
        "step.countersign": ("会签", "countersign"),
        "step.legality_review": ("合法性审查", "legality review"),
        "step.fair_competition_review": ("公平竞争审查", "fair-competition review"),
        "step.office_review": ("区政府办公室审核", "office review"),
        "step.meeting": ("会议审议", "deliberation"),
        "step.sign": ("签发", "sign"),
        "step.co_sign": ("会签（副区长）", "co-sign"),
        "step.seal": ("用印", "seal"),
    }
)
