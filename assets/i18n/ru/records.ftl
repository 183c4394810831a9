# Текст записей на нескольких языках: пометка текста, показанного не на выбранном языке,
# и поля редактора для каждого языка.

text-fallback-marker = { "[" }{ $code }]
text-fallback-tooltip = Текста на языке «{ $wanted }» пока нет: показан текст на языке «{ $shown }».
text-missing = нет текста
text-missing-tooltip = Нет текста на языке «{ $language }»: читатели увидят текст на языке «{ $default }» с пометкой.
text-field-language = { $field } · { $language }
