# Насколько точно известна дата, и пометка у недостоверной даты (панель подробностей).
# Сами даты пишет src/model/date_display.rs.

date-known-to-day = с точностью до дня
date-known-to-month = с точностью до месяца
date-known-to-year = с точностью до года
date-uncertain-note = дата под вопросом
