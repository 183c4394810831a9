# How well a date is known.
# The dates themselves are written by src/model/date_display.rs: their patterns are grammar
# (word order, 年/月/日, the Russian genitive) and their month names come from locale data.

# An uncertain date as the detail panel and the cards write it ("27 December 1996 (?)"
# shows only a sign, so the words follow).
date-uncertain = { $date } — date uncertain
