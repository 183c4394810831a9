# 全界面通用的词语。

language-menu = 语言
    .tooltip = 界面、日期、人名地名和记录所用的语言
events-count = { $count } 个事件
button-cancel = 取消
button-choose = 选择…
