"""Messages of what-if files, plan diffs and sweeps (`planner whatif`, `planner sweep`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading what-if files ----
    "whatif.after_applying": ("{base}（应用 {whatif} 之后）", "{base} (after applying {whatif})"),
    "whatif.expected_id": ("应为标识：{value}", "expected an id: {value}"),
    "whatif.expected_index": (
        "应为基准情景中 {list} 的序号（从 0 起）：{value}",
        "expected the index (from 0) of an entry of the base's {list}: {value}",
    ),
    "whatif.base_differs": (
        "基准情景 {value} 与 {first} 的基准情景 {other} 不同：一次运行的假设文件须基于同一情景",
        "base {value} is not {first}'s base {other}: the what-if files of one run share one base",
    ),
    "whatif.name_taken": (
        "输出文件夹 {stem} 重名（base 或另一个假设文件已使用）",
        "its output folder {stem} is taken (by base or another what-if file)",
    ),
    "whatif.not_whatif": (
        "不是假设文件（缺少 base）",
        "not a what-if file (no base)",
    ),
    # ---- the edits of a what-if, as the office reads them ----
    "whatif.cause": ("{label}（{place}）", "{label} ({place})"),
    "whatif.list.people": ("人员", "person"),
    "whatif.list.departments": ("部门", "department"),
    "whatif.list.rooms": ("会议室", "room"),
    "whatif.list.leaves": ("请假", "leave"),
    "whatif.list.meetings": ("会议", "meeting"),
    "whatif.list.topics": ("议题", "topic"),
    "whatif.list.documents": ("公文", "document"),
    "whatif.edit.leave": (
        "{person} {start}至{end}{half} {reason}",
        "{person} away {start}..{end}{half} {reason}",
    ),
    "whatif.edit.half": ("（{half}）", " ({half})"),
    "whatif.edit.add": ("新增{what}“{title}”", "new {what} “{title}”"),
    "whatif.edit.remove": ("撤下{what}“{title}”", "{what} “{title}” removed"),
    "whatif.edit.remove_leave": ("撤销请假：{leave}", "leave withdrawn: {leave}"),
    "whatif.edit.change": (
        "{what}“{title}”的 {field} 改为 {value}",
        "{field} of {what} “{title}” set to {value}",
    ),
    "whatif.edit.unset": (
        "{what}“{title}”的 {field} 恢复默认",
        "{field} of {what} “{title}” back to its default",
    ),
    "whatif.edit.rule": ("规则 {name} 改为 {value}", "rule {name} set to {value}"),
    "whatif.edit.blocked": ("{date}{half} 领导另有安排：{reason}", "{date}{half} taken: {reason}"),
    "whatif.edit.day_off": ("{date} 不安排会议", "no meetings on {date}"),
    "whatif.edit.workday": ("{date} 调为工作日", "{date} made a working day"),
    "whatif.edit.remove_day_off": ("{date} 恢复安排会议", "meetings allowed again on {date}"),
    "whatif.edit.remove_workday": ("{date} 不再调为工作日", "{date} no longer a working day"),
    "whatif.edit.remove_blocked": ("{date}{half} 不再另有安排", "{date}{half} free again"),
    # ---- why something changed (each names the edits that forced it) ----
    "whatif.why.slot_lost": (
        "{causes}，原定的 {slot} 不能开会：{why}",
        "{causes} takes {slot}: {why}",
    ),
    "whatif.why.slot_taken": (
        "原定的 {slot} 现由{others}使用，人员冲突（{causes}）",
        "{slot} now goes to {others}, which shares its people ({causes})",
    ),
    "whatif.why.for_topic": (
        "改期以审议“{topic}”，该议题在原定的 {slot} 不能上会：{why}（{causes}）",
        "moved to take “{topic}”, which cannot go on {slot}: {why} ({causes})",
    ),
    "whatif.why.optional_needed": (
        "加开以审议紧急议题：{topics}（{causes}）",
        "held for urgent topics: {topics} ({causes})",
    ),
    "whatif.why.optional_idle": (
        "不再有需要加开的紧急议题（{causes}）",
        "no urgent topic needs it any more ({causes})",
    ),
    "whatif.why.better": (
        "方案整体更优：{terms}（{causes}）",
        "a better plan overall: {terms} ({causes})",
    ),
    "whatif.why.chair_away": (
        "{causes}：{owner} 不在岗（{reason}），由 {chair} 主持",
        "{causes}: {owner} is away ({reason}); {chair} chairs",
    ),
    "whatif.why.chair_set": ("{causes}：主持人改为 {chair}", "{causes}: {chair} chairs now"),
    "whatif.why.chair_follows": (
        "会议改至 {slot}，当时由 {chair} 主持（{causes}）",
        "moved to {slot}, when {chair} chairs ({causes})",
    ),
    "whatif.why.meeting_removed": (
        "{meeting} 已取消（{causes}）",
        "{meeting} is cancelled ({causes})",
    ),
    "whatif.why.meeting_not_held": (
        "{meeting} 不再召开（{causes}）",
        "{meeting} is no longer held ({causes})",
    ),
    "whatif.why.topic_rule": ("{causes}：{why}", "{causes}: {why}"),
    "whatif.why.meeting_moved_away": (
        "{meeting} 改至 {slot}：{why}（{causes}）",
        "{meeting} moved to {slot}: {why} ({causes})",
    ),
    "whatif.why.capacity": (
        "{meeting} 的时间由{others}占用（{causes}）",
        "{meeting}'s time goes to {others} ({causes})",
    ),
    "whatif.why.topic_added": ("{causes}：安排于{meeting}", "{causes}: placed at {meeting}"),
    "whatif.why.lifted": ("{causes}，不再受限：{why}", "{causes} lifts: {why}"),
    "whatif.why.follows_meeting": (
        "{meeting} 改至 {slot} 后可以上会（{causes}）",
        "{meeting} moved to {slot}, where it fits ({causes})",
    ),
    "whatif.why.room_freed": (
        "{meeting} 腾出了时间：{others}不再占用（{causes}）",
        "{meeting} has room now that {others} left ({causes})",
    ),
    "whatif.why.now_held": ("{meeting} 现在召开（{causes}）", "{meeting} is held now ({causes})"),
    "whatif.why.removed": ("{causes}", "{causes}"),
    "whatif.why.meeting_added": ("{causes}", "{causes}"),
    # ---- the diff table ----
    "whatif.table.title": ("{name}：与基准方案相比", "{name}: changes against the base plan"),
    "whatif.table.change": ("变化", "Change"),
    "whatif.table.subject": ("对象", "Subject"),
    "whatif.table.from_to": ("原 → 新", "From → to"),
    "whatif.table.reason": ("原因", "Why"),
    "whatif.kind.meetings_moved": ("会议改期", "meeting moved"),
    "whatif.kind.chairs_changed": ("主持人变化", "chair changed"),
    "whatif.kind.topics_moved": ("议题改会", "topic moved"),
    "whatif.kind.newly_deferred": ("新暂缓", "newly deferred"),
    "whatif.kind.newly_scheduled": ("新安排", "newly scheduled"),
    "whatif.kind.removed": ("已删除", "removed"),
    "whatif.not_held": ("不召开", "not held"),
    "whatif.deferred": ("暂缓", "deferred"),
    "whatif.empty": ("{name}：方案没有变化", "{name}: the plan does not change"),
    "whatif.summary": (
        "{name}：会议改期 {moved} 个，主持人变化 {chairs} 个，议题改会 {topics} 个，新暂缓 {deferred} 个，"
        "新安排 {scheduled} 个；重新规划用时 {seconds} 秒（基准方案 {base_seconds} 秒）",
        "{name}: {moved} meeting(s) moved, {chairs} chair(s) changed, {topics} topic(s) moved, "
        "{deferred} newly deferred, {scheduled} newly scheduled; re-planned in {seconds} s "
        "(base: {base_seconds} s)",
    ),
    # ---- sweeps ----
    "sweep.progress": ("规划变体", "planning variants"),
    "sweep.title_random": (
        "方案脆弱性：{runs} 个随机变体，每个 {leaves} 条随机请假（种子 {seed}）",
        "fragility: {runs} random variants, {leaves} random leaves each (seed {seed})",
    ),
    "sweep.title_files": ("方案脆弱性：{runs} 个假设变体", "fragility: {runs} what-if variants"),
    "sweep.col.meeting": ("会议", "Meeting"),
    "sweep.col.base": ("基准时段", "Base slot"),
    "sweep.col.not_held": ("无法召开", "Not held"),
    "sweep.col.moved": ("须改期", "Moved"),
    "sweep.col.affected": ("受影响", "Affected"),
    "sweep.col.topic": ("议题", "Topic"),
    "sweep.col.base_meeting": ("基准会议", "Base meeting"),
    "sweep.col.deferred": ("暂缓", "Deferred"),
    "sweep.summary": (
        "{runs} 个变体，用时 {seconds} 秒，每秒 {rate} 个（{workers}）",
        "{runs} variants in {seconds} s, {rate} per second ({workers})",
    ),
    "sweep.workers_local": ("{count} 个本地进程", "{count} local process(es)"),
    "sweep.workers_dask": ("Dask 集群 {address}", "Dask cluster {address}"),
    "sweep.mixed": (
        "请给出一个情景文件，或若干假设文件，不要混用",
        "give one scenario, or what-if files, not both",
    ),
    "sweep.random_needs_scenario": (
        "--random-leaves 只用于一个情景文件",
        "--random-leaves works on one scenario file",
    ),
    "sweep.no_dask": (
        "未安装 dask.distributed：请执行 pip install 'planner[dask]'",
        "dask.distributed is not installed: pip install 'planner[dask]'",
    ),
}
