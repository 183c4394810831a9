# 日期的精确程度。
# 日期本身由 src/model/date_display.rs 生成。

# 不确定的日期：日期本身已写明“（存疑）”，无需再加说明。
date-uncertain = { $date }
