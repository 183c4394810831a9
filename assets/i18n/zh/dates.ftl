# 日期的精确程度，以及不确定日期旁的提示（详情面板）。
# 日期本身由 src/model/date_display.rs 生成。

date-known-to-day = 精确到日
date-known-to-month = 精确到月
date-known-to-year = 精确到年
date-uncertain-note = 日期存疑
