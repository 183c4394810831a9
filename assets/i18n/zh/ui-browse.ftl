# 浏览：筛选面板及其标签、列表、搜索框、详情面板、时间线自己的文字（泳道、聚类）。

status-verified = 已核实
status-single-source = 单一来源
status-disputed = 有争议
status-unverified = 未核实

column-date = 日期
column-title = 标题
column-category = 类别
column-place = 地点
column-status = 状态

lanes-none = 无泳道
lanes-category = 按类别
lanes-series = 按系列
lanes-country = 按国家
lane-other-none = 全部事件
lane-other-category = 其他
lane-other-series = 不属于任何系列
lane-other-country = 无国家

chip-hide-category = 隐藏{ $name }
chip-participant = 有{ $name }参加
chip-country = 在{ $name }
chip-status = 仅{ $status }
chip-series = 系列：{ $name }
chip-from = 从 { $date }
chip-until = 到 { $date }
filter-shown-of = 显示 { $shown } / { $count } 个事件
filter-chip-remove = 移除此筛选条件
filter-clear-all = 清除全部筛选

filter-panel = 筛选面板
filter-heading = 筛选
filter-clear = 全部清除
filter-categories = 类别
filter-status = 状态
filter-series = 系列
filter-country = 国家
filter-participants = 参与者
filter-tags = 标签
filter-dates = 日期
filter-from = 从
    .name = 起始日期
filter-until = 到
    .name = 截止日期
filter-date-hint = 如 2023 或 2024-05

list-sort = 按此列排序
list-changed = 自上次提交以来已修改

search-hint = 🔍 搜索（{ $keys }）
search-box = 搜索
    .tooltip = 每个词查找以它开头的词（“putin”可找到“Putin's”），在所有字段、所有语言中查找，不区分大小写和重音；加引号的“短语”须按原样出现；中文在文本任意位置都能找到。
search-found = 找到 { $count } 个
search-matches = “{ $text }”有 { $count } 个匹配（在搜索框中按 ↓/↑ 或回车逐个查看）
event-list = 事件列表

precision-day = 精确到日
precision-month = 精确到月
precision-year = 精确到年
series-nth-item = { $ordinal }：{ $item }
series-nth-in = { $series }{ $ordinal }
series-part-of = 属于{ $series }
series-ordinal = 第{ $n }次

detail-panel = 事件详情
detail-close = 关闭面板（回车可重新打开）
detail-edit = ✏ 编辑
detail-place = 地点
detail-participants = 参与者
detail-summary = 摘要
detail-pictures = 图片
detail-note = 备注
detail-sources = 来源
detail-related = 相关事件
detail-tags = 标签
detail-copy = 📋 复制为文本
    .tooltip = 复制一段引文式的简短文字，用于简报
detail-series-next = 下一个
detail-series-previous = 上一个
detail-open-link = 在浏览器中打开
detail-not-web-link = ⚠ 不是 http(s) 链接：未打开
    .tooltip = Annals 只打开 http 和 https 地址。
history-title = 历史（{ $count }）
history-reading = 历史（正在读取 git…）
history-none = 尚未提交。
history-deleted = （已删除）
history-commit = 提交 { $commit }：点击与今天的版本比较
history-field = 字段
history-then = 当时的版本
history-today = 今天

lane-in-view = 可见 { $visible } / { $count }
cluster-zoom = 此处 { $events }：点击放大
clusters-name = { $events }，共 { $clusters } 组：{ $lane }
overview = 总览
timeline-canvas = 时间线画布
