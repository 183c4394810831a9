# 多语言的记录文字：所选语言没有译文时显示的标记，以及编辑器中每种语言的输入框。

text-fallback-marker = { "[" }{ $code }]
text-fallback-tooltip = 尚无{ $wanted }文字，此处显示的是{ $shown }文字。
text-missing = 缺少
text-missing-tooltip = 尚无{ $language }文字：{ $language }读者会看到标有记号的{ $default }文字。
text-field-language = { $field } · { $language }
