# 日期的精确程度。
# 日期本身由 src/model/date_display.rs 生成。

date-known-to-day = 精确到日
date-known-to-month = 精确到月
date-known-to-year = 精确到年
# 不确定的日期：日期本身已写明“（存疑）”，无需再加说明。
date-uncertain = { $date }
