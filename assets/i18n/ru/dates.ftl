# Насколько точно известна дата.
# Сами даты пишет src/model/date_display.rs.

date-known-to-day = с точностью до дня
date-known-to-month = с точностью до месяца
date-known-to-year = с точностью до года
# Недостоверная дата: сама дата уже говорит «(под вопросом)», пояснение не нужно.
date-uncertain = { $date }
