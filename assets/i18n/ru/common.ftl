# Слова, общие для всего интерфейса.

language-menu = Язык
    .tooltip = Язык интерфейса, дат, имён и записей
events-count = { $count ->
    [one] { $count } событие
    [few] { $count } события
   *[many] { $count } событий
}
button-cancel = Отмена
button-choose = Выбрать…
