# Диалоги: экспорт, импорт, открытие по пути, кнопки конфликтов слияния, изображения.

export-pdf-handout = Раздаточный материал (PDF, для печати)
export-pdf-poster = Плакат ленты времени (PDF, от A3 до A1)
export-pdf-deck = Слайды: страница PDF на каждый шаг сюжета
export-svg = Лента времени в векторе (SVG)
export-png = Изображение ленты времени (PNG)
export-slides = Слайды: PNG на каждый шаг сюжета
export-markdown = Раздаточный материал (Markdown)
export-html = Раздаточный материал (HTML, один самодостаточный файл)
export-timelinejs = TimelineJS (JSON, для веба)
export-ics = Календарь (iCalendar .ics)
export-no-path = Укажите, куда записать экспорт.
export-broken = В наборе данных есть ошибки.
export-nothing = Нечего экспортировать.
export-nothing-to-draw = Нечего рисовать.
export-save-first-slides = Сначала сохраните изменения: слайды строятся по файлам.
export-save-first-deck = Сначала сохраните изменения: слайды PDF строятся по файлам.
export-bad-margin = `{ $margin }`: поля задаются числом миллиметров
export-wrote-slides = { $count ->
    [one] Записан { $count } слайд в { $path }.
    [few] Записано { $count } слайда в { $path }.
   *[many] Записано { $count } слайдов в { $path }.
}
export-wrote-picture = Записано { $path } ({ $size }).
export-wrote-timelinejs = { $count ->
    [one] Записано { $count } событие для TimelineJS в { $path }.
    [few] Записано { $count } события для TimelineJS в { $path }.
   *[many] Записано { $count } событий для TimelineJS в { $path }.
}
export-left-out = { " " }Пропущено (до 1 года н. э.): { $events }.
export-wrote-ics = { $count ->
    [one] Записано { $count } событие календаря в { $path }.{ $left_out }
    [few] Записано { $count } события календаря в { $path }.{ $left_out }
   *[many] Записано { $count } событий календаря в { $path }.{ $left_out }
}
export-wrote-svg = { $count ->
    [one] Лента времени из { $count } события записана в { $path }.
   *[other] Лента времени из { $count } событий записана в { $path }.
}
export-wrote-pdf = Записано { $path } ({ $kind }).
export-wrote-handout = { $count ->
    [one] Раздаточный материал из { $count } события записан в { $path }.
   *[other] Раздаточный материал из { $count } событий записан в { $path }.
}
export-shown-events = Показанные сейчас события
export-story-slides = Слайды сюжета
export-story-deck = Слайды сюжета в PDF
export-window = Экспорт в файл
export-storyline = Сюжет: { $file }
export-folder = Папка для слайдов:
export-file = Файл для записи:
export-path = Путь экспорта
export-page-size = Размер страницы:
    .name = Размер страницы
export-portrait = Книжная
export-landscape = Альбомная
export-margins = Поля (мм):
    .name = Поля
export-notes = Страница заметок докладчика после каждого шага
export-size-points = Размер в пунктах:
export-size-pixels = Размер в пикселях:
export-size-name = Размер изображения
export-go = Экспорт
import-window = Импорт из TimelineJS
import-file = JSON-файл TimelineJS или CSV его шаблона таблицы:
    .name = Файл для импорта
import-folder = Папка нового набора (будет создана; существующая должна быть пустой):
    .name = Папка нового набора
import-go = Импортировать и открыть
open-window = Открыть набор данных
open-path = Путь к папке набора данных (или к файлу в ней):
    .name = Путь к набору данных
open-go = Открыть
merge-take-ours = Взять нашу
    .tooltip = Оставить версию ветки, в которую вы сливали
merge-take-theirs = Взять их
    .tooltip = Оставить версию ветки, которую вы вливали
picture-web = Изображение в сети
picture-not-downloaded = { $file } (не загружено)
picture-name = Изображение: { $file }
picture-click = Нажмите, чтобы увеличить
picture-window = Изображение
