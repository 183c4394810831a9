# Record text in several languages: the marker of a text shown in another language than the
# one chosen, and the editor's fields for each language.

# After a text that is not written in the chosen language: the code of the language it is
# shown in, and the marker's tooltip.
text-fallback-marker = { "[" }{ $code }]
text-fallback-tooltip = Not written in { $wanted } yet: shown in { $shown }.
# Beside an empty field of the editor, for a language the text is not written in.
text-missing = missing
text-missing-tooltip = Not written in { $language }: readers in { $language } see the { $default } text, marked.
# The tooltip of a language's name beside its field in the editor ("Title · 中文").
text-field-language = { $field } · { $language }
