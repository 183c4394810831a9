# Ошибки и предупреждения о наборе данных, как их показывает окно. `annals check` всегда пишет
# по-английски. Имена полей, идентификаторы, пути и фрагменты RON в обратных кавычках не переводятся.

diag-label-error = ошибка
diag-label-warning = предупреждение
diag-label-note = примечание
diag-label-hint = подсказка

## Files and folders

diag-no-manifest = в `{ $folder }` нет { $manifest }
diag-no-manifest-hint = папка набора данных содержит manifest.ron (название, люди, места, категории, серии) и файлы событий
diag-cannot-open-folder = не удаётся открыть папку набора данных `{ $folder }`: { $reason }
diag-file-name-not-utf8 = `{ $path }`: имя файла не в UTF-8, файл не прочитан
diag-file-name-not-utf8-hint = переименуйте файл (надёжнее всего буквы, цифры, `-` и `_`)
diag-cannot-read = не удаётся прочитать `{ $path }`: { $reason }
diag-dangling-link = это ссылка на то, чего не существует
diag-not-a-file = `{ $path }` — { $what }, а не файл; читаются только обычные файлы
diag-not-a-file-hint = переименуйте, чтобы имя не оканчивалось на .ron
diag-kind-fifo = FIFO (именованный канал)
diag-kind-device = устройство
diag-kind-socket = сокет
diag-kind-folder = папка
diag-kind-other = не обычный файл
diag-link-outside = `{ $path }` — ссылка на `{ $target }` за пределами папки набора данных
diag-file-too-large = `{ $path }` занимает { $size } МиБ; файлы больше { $cap } МиБ не читаются (разделите события на несколько файлов)
diag-file-grew = `{ $path }` вырос больше { $cap } МиБ во время чтения; такие файлы не читаются
diag-not-utf8 = не текст UTF-8: байт { $byte } по смещению { $offset } (может быть, это двоичный файл?)
diag-not-utf8-hint = файлы набора данных должны быть текстом в UTF-8; переименуйте прочие файлы, чтобы они не оканчивались на .ron
diag-manifest-empty = манифест пуст
diag-manifest-empty-hint = напишите хотя бы `(title: "My dataset")`
diag-no-events = в этом файле нет событий

## Reading records

diag-in-field = `{ $field }`: { $message }
diag-unknown-field = неизвестное поле `{ $found }` в { $what ->
        [event] событии
        [manifest] манифесте
        [series-ref] ссылке на серию
        [source] источнике
        [names] имени
        [storyline] сюжете
        [step] шаге
        [step-filter] фильтре шага
       *[other] записи
    }; допустимые поля: { $fields }
diag-missing-field = в { $what ->
        [event] событии
        [manifest] манифесте
        [series-ref] ссылке на серию
        [source] источнике
        [names] имени
        [storyline] сюжете
        [step] шаге
        [step-filter] фильтре шага
       *[other] записи
    } нет поля `{ $field }`
diag-missing-field-hint = добавьте в эту запись `{ $field }: ...,`
diag-did-you-mean-code = может быть, `{ $name }`?
diag-did-you-mean-quoted = может быть, «{ $name }»?
diag-not-one-of = `{ $found }` — не одно из: { $choices }
diag-field-twice = поле `{ $field }` записано дважды
diag-expected-string = ожидалась строка (текст в двойных кавычках)
diag-dates-are-text = даты пишутся как текст: "2024-05-16", "2024-05" или "2024"
diag-expected-list = ожидался список `[...]`
diag-expected-list-hint = даже один элемент пишется списком: ["li-qiang"]
diag-expected-number = ожидалось целое число
diag-expected-record = ожидалась запись `( ... )`
diag-nested-too-deeply = слишком глубокая вложенность значений

## Checking records

diag-bad-id = { $what ->
        [event] идентификатор
        [country] идентификатор страны
        [person] идентификатор человека
        [place] идентификатор места
        [category] идентификатор категории
        [series] идентификатор серии
        [period] идентификатор периода
       *[other] идентификатор { $what }
    } «{ $id }» { $problem }
diag-id-empty = пуст
diag-id-spaces = содержит пробелы; используйте буквы, цифры, `-` и `_`
diag-title-empty = заголовок пуст
diag-ordinal-zero = номера в серии начинаются с 1
diag-no-source = у события «{ $id }» нет ни одного источника
diag-no-source-hint = добавьте `sources: [(publisher: "...", url: "https://...")]`
diag-bad-source-link = ссылка на источник { $url } — недопустимый адрес: { $problem }
diag-bad-source-link-hint = пишите пробелы как %20; адрес — одна непрерывная строка
diag-url-control-char = в нём управляющий символ U+{ $code }
diag-url-space = в нём есть пробел
diag-source-not-web = ссылка на источник «{ $url }» — не адрес http(s); она будет показана как текст и никогда не откроется
diag-disputed-no-note = событие «{ $id }» помечено как спорное, но нет примечания, в чём спор
diag-disputed-no-note-hint = добавьте `note: "..."` и объясните, в чём расходятся источники
diag-control-char = в `{ $field }` управляющий символ U+{ $code }
diag-control-char-breaks-fine = в `{ $field }` управляющий символ U+{ $code } (переносы строк здесь допустимы)
diag-control-char-hint = удалите его; напишите текст в одну строку
diag-unknown-ref = неизвестн{ $what ->
        [person] ый человек
        [place] ое место
        [category] ая категория
        [series] ая серия
        [country] ая страна
        [period] ый период
       *[other] ый идентификатор
    } «{ $id }» в `{ $field }`: в манифесте нет { $what ->
        [person] человека
        [place] места
        [category] категории
        [series] серии
        [country] страны
        [period] периода
       *[other] записи
    } с таким идентификатором
diag-add-to-manifest = добавьте его в список { $what ->
        [person] людей
        [category] категорий
        [place] мест
        [series] серий
        [country] стран
        [period] периодов
       *[other] { $what }
    } в манифесте

## Pictures

diag-picture-no-file = у изображения должен быть `file`: путь в папке набора данных или адрес http(s)
diag-picture-bad-address = недопустимый адрес изображения: { $problem }
diag-picture-outside = изображение { $file } — не файл в папке набора данных и не адрес http(s)
diag-picture-outside-hint = напишите путь относительно папки набора данных, например "media/photo.jpg"
diag-picture-link-outside = изображение { $file } ведёт за пределы папки набора данных, к `{ $target }`; оно не читается, не показывается и не экспортируется
diag-picture-link-outside-hint = скопируйте изображение в папку media/ набора данных вместо ссылки на него
diag-picture-not-a-file = изображение «{ $file }» — не файл
diag-picture-missing = изображения «{ $file }» нет
diag-picture-missing-hint = положите его в `{ $path }`
diag-picture-too-large = изображение «{ $file }» занимает { $size } МБ; изображения больше { $cap } МБ не показываются
diag-picture-too-large-hint = уменьшите его (2000 пикселей в ширину вполне достаточно)
diag-picture-format = изображение «{ $file }» не в формате PNG, JPEG или WebP
diag-picture-format-hint = преобразуйте его в один из этих форматов
diag-picture-unreadable = не удаётся прочитать изображение «{ $file }»: { $reason }

## Across records

diag-duplicate-event-id = повторяющийся идентификатор «{ $id }»: он уже есть у другого события
diag-duplicate-event-id-hint = идентификаторы в наборе данных должны быть уникальны; переименуйте одно из двух
diag-first-used-here = впервые здесь
diag-related-to-itself = событие указано как связанное с самим собой
diag-unknown-related = неизвестное событие «{ $id }» в `related`
diag-duplicate-id = повторяющийся { $what ->
        [country] идентификатор страны
        [person] идентификатор человека
        [place] идентификатор места
        [category] идентификатор категории
        [series] идентификатор серии
        [period] идентификатор периода
       *[other] идентификатор { $what }
    } «{ $id }»
diag-unknown-country = неизвестная страна «{ $code }»: добавьте её в `countries` манифеста
diag-manifest-title-empty = название в манифесте пусто
diag-manifest-control-char = в тексте манифеста { $text } управляющий символ U+{ $code }
diag-series-same-number = у двух событий серии «{ $series }» один номер: { $number }
diag-the-other-one = второе
diag-series-out-of-order = номер { $number } серии «{ $series }» ({ $date }) датирован раньше номера { $earlier } ({ $earlier_date })
diag-number-is-here = номер { $number } здесь
diag-series-gaps = в серии «{ $series }» нет событий с номерами { $numbers } (пропуски в нумерации)

## Storylines

diag-storyline-no-steps = в этом сюжете нет шагов
diag-storyline-no-steps-hint = добавьте шаги: [(event: "an-event-id", caption: "…")]
diag-step-empty = шаг { $step } ничего не показывает: задайте ему `event` или `window`
diag-step-empty-hint = (event: "hog-29") или (window: "2024-05/2024-08")
diag-step-unknown-event = шаг { $step }: неизвестное событие «{ $id }»
diag-step-unknown-in-filter = шаг { $step }: неизвестн{ $what ->
        [person] ый человек
        [place] ое место
        [category] ая категория
        [series] ая серия
        [country] ая страна
        [period] ый период
       *[other] ый идентификатор
    } «{ $id }» в фильтре

## Merge conflicts

diag-line-merge-conflict = конфликт слияния (строки { $first }–{ $last }), оставленный построчным слиянием
diag-conflict-hint = обе версии записаны между строками `{ $ours }` и `{ $theirs }` ({ $first }–{ $last }): оставьте одну и удалите строки-метки или выберите версию в окне

## The shape of a file (store/lex.rs)

diag-lex-comment-open = этот комментарий не закрыт `*/`
diag-lex-string-open = эта строка не закрыта `"`
diag-lex-raw-string-start = сырая строка начинается с r" или r#"
diag-lex-raw-string-open = эта сырая строка не закрыта
diag-lex-char-open = этот символьный литерал не закрыт `'`
diag-lex-expected-list = ожидался список событий: `[ (id: ..., ...), (...), ]`
diag-lex-nothing-open = лишняя `{ $found }`: здесь ничего не открыто
diag-lex-after-list = лишний текст после конца списка `]`
diag-lex-wrong-close = ожидалась `{ $expected }`, чтобы закрыть `{ $opened }` на байте { $byte }, а найдена `{ $found }`
diag-lex-stray-comma = лишняя `,`: перед ней нет записи
diag-lex-never-closed = эта `{ $opened }` не закрыта
diag-lex-list-open = список, который открывается здесь, не закрыт `]`
diag-lex-not-an-attribute = этот `#` не начинает атрибут: ожидалось: { $what ->
        [bang] `!` после `#`
        [bracket] `[` после `#!`
        [name] имя, например `enable`
        [paren] `(` после имени атрибута
        [extension] имя расширения, например `implicit_some`
        [close-paren] `)`
       *[close-bracket] `]`, закрывающий атрибут
    }, а найдено `{ $found }`; атрибут пишется так: `#![enable(implicit_some)]`
diag-lex-attribute-ends = файл кончается внутри атрибута (ожидалось: { $what ->
        [bang] `!` после `#`
        [bracket] `[` после `#!`
        [name] имя, например `enable`
        [paren] `(` после имени атрибута
        [extension] имя расширения, например `implicit_some`
        [close-paren] `)`
       *[close-bracket] `]`, закрывающий атрибут
    }); атрибут пишется так: `#![enable(implicit_some)]`

## Dates (model/date.rs)

diag-invalid-date = недопустимая дата "{ $input }": { $reason }
diag-date-side = { $side ->
        [start] начало
       *[end] конец
    }: { $reason }
diag-date-empty = дата пуста; напишите, например, 2024, 2024-05 или 2024-05-16
diag-date-spaces = уберите пробелы вокруг даты
diag-date-one-slash = в промежутке ровно одна `/`
diag-date-no-start = нет начала промежутка (для открытого начала напишите `..`)
diag-date-no-end = нет конца промежутка (для открытого конца напишите `..`)
diag-date-no-known-end = у промежутка должен быть известен хотя бы один конец
diag-date-backwards = промежуток кончается ({ $end }) раньше, чем начинается ({ $start })
diag-date-shape = ожидалось ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, можно с ?, ~ или % в конце
diag-date-digits = { $what ->
        [year] год
        [month] месяц
       *[day] день
    } должен состоять из { $width } цифр; ожидалось ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД, можно с ?, ~ или % в конце
diag-date-year-zero = нулевой год пишется 0000, без минуса
diag-date-year-range = год { $year } вне допустимых пределов (год пишется четырьмя цифрами, от { $min } до { $max })
diag-date-no-month = месяца { $month } не существует (месяцы — от 01 до 12)
diag-date-day-needs-month = для дня нужен месяц
diag-date-no-day = дня { $day } не существует: в { $month ->
        [1] январе
        [2] феврале
        [3] марте
        [4] апреле
        [5] мае
        [6] июне
        [7] июле
        [8] августе
        [9] сентябре
        [10] октябре
        [11] ноябре
       *[12] декабре
    } { $year } года { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
diag-date-no-day-leap = дня { $day } не существует: в { $month ->
        [1] январе
        [2] феврале
        [3] марте
        [4] апреле
        [5] мае
        [6] июне
        [7] июле
        [8] августе
        [9] сентябре
        [10] октябре
        [11] ноябре
       *[12] декабре
    } { $year } года { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } ({ $year } — не високосный год)

## The manifest's colours (model/manifest.rs)

diag-bad-colour = недопустимый цвет "{ $text }": пишите его как "#rrggbb"

## Merge conflicts Annals marked (store/merge.rs)

diag-conflict-deleted = конфликт слияния в записи `{ $id }`: удалена { $deleted_by ->
        [ours] в нашей версии
       *[theirs] в их версии
    }, изменена { $changed_by ->
        [ours] в нашей
       *[theirs] в их
    }
diag-conflict-record = конфликт слияния в записи `{ $id }`, { $count ->
        [one] поле
       *[other] поля
    } { $fields }
diag-conflict-fields = конфликт слияния в { $count ->
        [one] поле
       *[other] полях
    } { $fields }

## ron's own errors (their English is ron's, lower-cased)

diag-ron-eof = неожиданный конец RON
diag-ron-expected-array-end = ожидалась закрывающая `]`
diag-ron-expected-comma = ожидалась запятая
diag-ron-expected-paren-end = ожидалась закрывающая `)`
diag-ron-expected-colon = ожидалось двоеточие
diag-ron-expected-map-end = ожидалась закрывающая `{"}"}`
diag-ron-expected-identifier = ожидался идентификатор
diag-ron-expected-boolean = ожидалось логическое значение (true или false)
diag-ron-trailing = лишние символы в конце
diag-ron-unclosed-comment = незакрытый блочный комментарий
diag-text-unknown-language = неизвестный язык `{ $found }`; текст пишется на языках { $codes }
diag-text-unknown-language-in = `{ $field }`: неизвестный язык `{ $found }`; текст пишется на языках { $codes }
diag-text-missing-default = `{ $field }` написано на { $written }, но не на `{ $default }`, языке набора данных
diag-text-missing-default-hint = добавьте `{ $default }: "..."`; до тех пор вместо него показывается текст на { $first } с пометкой
