# 导出内容中的固定文字：讲义（Markdown、HTML、PDF）、幻灯片、海报、图片、TimelineJS 和 iCalendar，
# 使用导出所选的语言。

export-count = { $count ->
       *[other] 共 { $count } 个事件。
    }
export-count-years = { $count ->
       *[other] 共 { $count } 个事件，{ $years }。
    }
export-sources = 来源
export-sources-colon = 来源：
export-sources-line = 来源：{ $text }
export-note = 注：
export-note-line = 注：{ $text }
export-status-line = 状态：{ $status }
export-status-verified = 已核实
export-status-single-source = 单一来源
export-status-disputed = 有争议
export-status-unverified = 未核实
export-overview = 概览
export-picture = 图片：{ $what }
export-picture-not-found = 未找到图片 { $file }
export-generated = 由 Annals 于 { $date } 生成。
export-page = { $page } / { $count }
export-step = 第 { $step } 步
export-notes-for-step = 第 { $step } 步备注：{ $title }
export-citation-with = 参与者：{ $people }。
export-ics-uncertain = 日期不确定
export-ics-approximate = 日期为约数
export-ics-days-unknown = { $date }；具体日期不详
export-ics-under-way = { $date }，仍在进行
export-selected-title = { $title }（所选事件）
