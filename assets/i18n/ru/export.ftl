# Постоянные слова экспорта: раздаточные материалы (Markdown, HTML, PDF), слайды, плакаты,
# изображения, TimelineJS и iCalendar — на языке экспорта.

export-count = { $count ->
        [one] { $count } событие.
        [few] { $count } события.
       *[many] { $count } событий.
    }
export-count-years = { $count ->
        [one] { $count } событие ({ $years }).
        [few] { $count } события ({ $years }).
       *[many] { $count } событий ({ $years }).
    }
export-sources = Источники
export-sources-colon = Источники:
export-sources-line = Источники: { $text }
export-note = Примечание:
export-note-line = Примечание: { $text }
export-status-line = Статус: { $status }
export-status-verified = проверено
export-status-single-source = один источник
export-status-disputed = спорное
export-status-unverified = не проверено
export-overview = Обзор
export-picture = Изображение: { $what }
export-picture-not-found = Изображение { $file } не найдено
export-generated = Создано в Annals { $date }.
export-page = { $page } / { $count }
export-step = Шаг { $step }
export-notes-for-step = Заметки к шагу { $step }: { $title }
export-citation-with = Участники: { $people }.
export-ics-uncertain = дата под вопросом
export-ics-approximate = дата приблизительна
export-ics-days-unknown = { $date }; точные дни неизвестны
export-ics-under-way = { $date }, продолжается
export-selected-title = { $title } (выбранные события)
