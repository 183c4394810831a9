# Режим презентации: элементы слайда, окно докладчика и меню «Показ».

present-no-such-storyline = Сюжета «{ $name }» больше нет.
present-nothing = Показывать нечего: нет ни одного показанного события.
present-progress = { $step } / { $count }
present-step-of = Шаг { $step } из { $count }
present-card = Карточка презентации
present-presenter-title = Annals — окно докладчика
present-next-button = Далее →
present-back-button = ← Назад
present-now = Сейчас
present-notes = Заметки
present-no-notes = (к этому шагу заметок нет)
present-next = Следующий
present-last-step = Это последний шаг.
