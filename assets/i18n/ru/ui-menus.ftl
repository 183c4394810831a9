# Верхняя панель, её меню и меню », куда уходит то, что не поместилось.

menu-dataset = 📂 Данные
menu-edit = ✏ Правка
menu-present = ▶ Показ
menu-export = 📤 Экспорт
bar-unsaved = ● не сохранено
bar-unsaved-tooltip = Изменения ещё не записаны в файлы: { $keys } сохраняет
bar-save = 💾 Сохранить
bar-reload = ⟳ Перечитать
bar-fit = Всё
bar-list = ☰ Список
bar-filters = Фильтры

dataset-open-folder = Открыть папку…
    .tooltip = Выбрать папку с набором данных
    .title = Открыть папку с набором данных
dataset-open-path = Открыть по пути…
dataset-bundled = Встроенный набор
dataset-restore = Восстановить встроенный набор
    .tooltip = Свежая копия встроенного набора рядом с вашим (ваш сохраняется)
dataset-import = Импорт из TimelineJS…
    .tooltip = Новый набор данных из JSON-файла TimelineJS или CSV его таблицы
dataset-recent = Недавние

theme-menu = Тема
    .tooltip = Светлая, тёмная или как в системе
theme-system = Как в системе
theme-light = Светлая
theme-dark = Тёмная
theme-choice = Тема: { $theme }
lanes-menu = Дорожки
    .tooltip = Разложить события по дорожкам
lanes-choice = Дорожки: { $lanes }
language-choice = Язык: { $language }

more-menu = Ещё
more-tooltip = Ещё: { $items }
more-present = Показ
more-export = Экспорт
more-fit = Всё
more-lanes = Дорожки
more-reload = Перечитать
more-language = Язык
more-theme = Тема
present-shown = Показанные события по порядку ({ $count })
present-storylines = Сюжеты (briefings/)
