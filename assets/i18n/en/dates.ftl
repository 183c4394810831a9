# How well a date is known, and the note beside an uncertain one (detail panel).
# The dates themselves are written by src/model/date_display.rs: their patterns are grammar
# (word order, 年/月/日, the Russian genitive) and their month names come from locale data.

date-known-to-day = known to the day
date-known-to-month = known to the month
date-known-to-year = known to the year
date-uncertain-note = date uncertain
