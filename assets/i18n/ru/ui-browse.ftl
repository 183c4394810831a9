# Просмотр: панель фильтров и их метки, список, поле поиска, панель сведений, надписи самой
# ленты времени (дорожки, скопления).

status-verified = проверено
status-single-source = один источник
status-disputed = спорное
status-unverified = не проверено

column-date = Дата
column-title = Название
column-category = Категория
column-place = Место
column-status = Статус

lanes-none = Без дорожек
lanes-category = Категория
lanes-series = Серия
lanes-country = Страна
lane-other-none = Все события
lane-other-category = Прочее
lane-other-series = Вне серий
lane-other-country = Без страны

chip-hide-category = скрыть «{ $name }»
chip-participant = с участием: { $name }
chip-country = страна: { $name }
chip-status = только «{ $status }»
chip-series = серия: { $name }
chip-from = с { $date }
chip-until = по { $date }
filter-shown-of = { $count ->
    [one] показано { $shown } из { $count } события
   *[other] показано { $shown } из { $count } событий
}
filter-chip-remove = Убрать этот фильтр
filter-clear-all = Сбросить все фильтры

filter-panel = Панель фильтров
filter-heading = Фильтры
filter-clear = Сбросить
filter-categories = Категории
filter-status = Статус
filter-series = Серии
filter-country = Страна
filter-participants = Участники
filter-tags = Метки
filter-dates = Даты
filter-from = С
    .name = Дата начала
filter-until = По
    .name = Дата конца
filter-date-hint = напр. 2023 или 2024-05

list-sort = Сортировать по этому столбцу
list-changed = изменено после последнего коммита

search-hint = 🔍 Поиск ({ $keys })
search-box = Поиск
    .tooltip = Каждое слово находит слова, которые с него начинаются («Путин» находит «Путина»), во всех полях и на всех языках, без учёта регистра и диакритики; «фраза в кавычках» должна встретиться так, как написана; китайский текст находится в любом месте.
search-found = найдено: { $count }
search-matches = { $count ->
    [one] { $count } совпадение для «{ $text }» (↓/↑ или Enter в поле поиска — по очереди)
    [few] { $count } совпадения для «{ $text }» (↓/↑ или Enter в поле поиска — по очереди)
   *[many] { $count } совпадений для «{ $text }» (↓/↑ или Enter в поле поиска — по очереди)
}
event-list = Список событий

precision-day = известна с точностью до дня
precision-month = известна с точностью до месяца
precision-year = известна с точностью до года
series-nth-item = { $ordinal }: { $item }
series-nth-in = { $ordinal } в серии «{ $series }»
series-part-of = часть серии «{ $series }»
series-ordinal = № { $n }

detail-panel = Сведения о событии
detail-close = Закрыть панель (Enter откроет снова)
detail-edit = ✏ Править
detail-place = Место
detail-participants = Участники
detail-summary = Описание
detail-pictures = Изображения
detail-note = Примечание
detail-sources = Источники
detail-related = Связанные
detail-tags = Метки
detail-copy = 📋 Копировать текстом
    .tooltip = Скопировать короткий абзац со ссылками на источники для справки
detail-series-next = следующее
detail-series-previous = предыдущее
detail-open-link = Открыть в браузере
detail-not-web-link = ⚠ не ссылка http(s): не открыта
    .tooltip = Annals открывает только адреса http и https.
history-title = История ({ $count })
history-reading = История (читаю git…)
history-none = Ещё не в коммите.
history-deleted = { " " }(удалено)
history-commit = коммит { $commit }: нажмите, чтобы сравнить с текущим
history-field = поле
history-then = та версия
history-today = сейчас

lane-in-view = видно { $visible } из { $count }
cluster-zoom = Здесь { $events }: нажмите, чтобы приблизить
clusters-name = { $clusters ->
    [one] { $events } в { $clusters } скоплении: { $lane }
   *[other] { $events } в { $clusters } скоплениях: { $lane }
}
overview = Обзор
timeline-canvas = Полотно ленты времени
