# 窗口中显示的数据集问题。`annals check` 始终输出英文。
# 反引号中的字段名、ID、路径和 RON 片段在各语言中保持原样。

diag-label-error = 错误
diag-label-warning = 警告
diag-label-note = 注
diag-label-hint = 提示

## Files and folders

diag-no-manifest = `{ $folder }` 中没有 { $manifest }
diag-no-manifest-hint = 数据集文件夹包含一个 manifest.ron（标题、人物、地点、类别、系列）和若干事件文件
diag-cannot-open-folder = 无法打开数据集文件夹 `{ $folder }`：{ $reason }
diag-file-name-not-utf8 = `{ $path }`：文件名不是有效的 UTF-8，未读取该文件
diag-file-name-not-utf8-hint = 请重命名该文件（字母、数字、`-` 和 `_` 最稳妥）
diag-cannot-read = 无法读取 `{ $path }`：{ $reason }
diag-dangling-link = 这是一个指向不存在目标的链接
diag-not-a-file = `{ $path }` 是{ $what }，不是文件；只读取普通文件
diag-not-a-file-hint = 请重命名，使其不以 .ron 结尾
diag-kind-fifo = FIFO（命名管道）
diag-kind-device = 设备
diag-kind-socket = 套接字
diag-kind-folder = 文件夹
diag-kind-other = 非普通文件
diag-link-outside = `{ $path }` 是指向 `{ $target }` 的链接，位于数据集文件夹之外
diag-file-too-large = `{ $path }` 大小为 { $size } MiB；超过 { $cap } MiB 的文件不予读取（请把事件分到多个文件中）
diag-file-grew = `{ $path }` 在读取时增长到超过 { $cap } MiB；超过此大小的文件不予读取
diag-not-utf8 = 不是 UTF-8 文本：偏移 { $offset } 处的字节 { $byte }（这是二进制文件吗？）
diag-not-utf8-hint = 数据集文件必须是 UTF-8 文本；请重命名其他文件，使其不以 .ron 结尾
diag-manifest-empty = 清单为空
diag-manifest-empty-hint = 至少写上 `(title: "My dataset")`
diag-no-events = 此文件中没有事件

## Reading records

diag-in-field = `{ $field }`：{ $message }
diag-unknown-field = { $what ->
        [event] 事件
        [manifest] 清单
        [series-ref] 系列引用
        [source] 来源
        [names] 名称
        [storyline] 故事线
        [step] 步骤
        [step-filter] 步骤筛选
       *[other] 记录
    }中有未知字段 `{ $found }`；可用字段：{ $fields }
diag-missing-field = { $what ->
        [event] 事件
        [manifest] 清单
        [series-ref] 系列引用
        [source] 来源
        [names] 名称
        [storyline] 故事线
        [step] 步骤
        [step-filter] 步骤筛选
       *[other] 记录
    }缺少字段 `{ $field }`
diag-missing-field-hint = 在此记录中添加 `{ $field }: ...,`
diag-did-you-mean-code = 是不是 `{ $name }`？
diag-did-you-mean-quoted = 是不是“{ $name }”？
diag-not-one-of = `{ $found }` 不在以下选项中：{ $choices }
diag-field-twice = 字段 `{ $field }` 写了两次
diag-expected-string = 此处应为字符串（双引号中的文本）
diag-dates-are-text = 日期要写成文本："2024-05-16"、"2024-05" 或 "2024"
diag-expected-list = 此处应为列表 `[...]`
diag-expected-list-hint = 即使只有一项也要写成列表：["li-qiang"]
diag-expected-number = 此处应为整数
diag-expected-record = 此处应为记录 `( ... )`
diag-nested-too-deeply = 值嵌套过深

## Checking records

diag-bad-id = { $what ->
        [event] ID
        [country] 国家 ID
        [person] 人物 ID
        [place] 地点 ID
        [category] 类别 ID
        [series] 系列 ID
        [period] 时期 ID
       *[other] { $what } ID
    }“{ $id }”{ $problem }
diag-id-empty = 为空
diag-id-spaces = 含有空格；请使用字母、数字、`-` 和 `_`
diag-title-empty = 标题为空
diag-ordinal-zero = 系列序号从 1 开始
diag-no-source = 事件“{ $id }”没有引用任何来源
diag-no-source-hint = 添加 `sources: [(publisher: "...", url: "https://...")]`
diag-bad-source-link = 来源链接 { $url } 不是有效地址：{ $problem }
diag-bad-source-link-hint = 空格写作 %20；地址必须是连续的一行
diag-url-control-char = 其中含有控制字符 U+{ $code }
diag-url-space = 其中含有空格
diag-source-not-web = 来源链接“{ $url }”不是 http(s) 地址；它将作为文本显示，不会被打开
diag-disputed-no-note = 事件“{ $id }”标为有争议，但没有注释说明争议所在
diag-disputed-no-note-hint = 添加 `note: "..."`，说明各来源的分歧
diag-control-char = `{ $field }` 含有控制字符 U+{ $code }
diag-control-char-breaks-fine = `{ $field }` 含有控制字符 U+{ $code }（此处可以换行）
diag-control-char-hint = 请删除它；把文本写在一行内
diag-unknown-ref = `{ $field }` 中有未知的{ $what ->
        [person] 人物
        [place] 地点
        [category] 类别
        [series] 系列
        [country] 国家
        [period] 时期
       *[other] { $what }
    }“{ $id }”：清单中没有此 ID
diag-add-to-manifest = 请把它添加到清单的{ $what ->
        [person] 人物
        [category] 类别
        [place] 地点
        [series] 系列
        [country] 国家
        [period] 时期
       *[other] { $what }
    }列表中

## Pictures

diag-picture-no-file = 图片需要 `file`：数据集文件夹中的路径或 http(s) 地址
diag-picture-bad-address = 图片地址无效：{ $problem }
diag-picture-outside = 图片 { $file } 既不是数据集文件夹中的文件，也不是 http(s) 地址
diag-picture-outside-hint = 请写相对于数据集文件夹的路径，例如 "media/photo.jpg"
diag-picture-link-outside = 图片 { $file } 通向数据集文件夹之外的 `{ $target }`；它不会被读取、显示或导出
diag-picture-link-outside-hint = 请把图片复制到数据集的 media/ 文件夹中，而不要链接到它
diag-picture-not-a-file = 图片“{ $file }”不是文件
diag-picture-missing = 找不到图片“{ $file }”
diag-picture-missing-hint = 请把它放在 `{ $path }`
diag-picture-too-large = 图片“{ $file }”大小为 { $size } MB；超过 { $cap } MB 的图片不予显示
diag-picture-too-large-hint = 请缩小图片（宽 2000 像素已足够）
diag-picture-format = 图片“{ $file }”不是 PNG、JPEG 或 WebP 格式
diag-picture-format-hint = 请转换为这些格式之一
diag-picture-unreadable = 无法读取图片“{ $file }”：{ $reason }

## Across records

diag-duplicate-event-id = ID“{ $id }”重复：已有另一个事件使用它
diag-duplicate-event-id-hint = 数据集中的 ID 必须唯一；请重命名其中一个
diag-first-used-here = 首次使用于此
diag-related-to-itself = 事件把自己列为相关事件
diag-unknown-related = `related` 中有未知事件“{ $id }”
diag-duplicate-id = { $what ->
        [country] 国家
        [person] 人物
        [place] 地点
        [category] 类别
        [series] 系列
        [period] 时期
       *[other] { $what }
    } ID“{ $id }”重复
diag-unknown-country = 未知国家“{ $code }”：请把它添加到清单的 `countries` 中
diag-manifest-title-empty = 清单的标题为空
diag-manifest-control-char = 清单文本 { $text } 含有控制字符 U+{ $code }
diag-series-same-number = 系列“{ $series }”中有两个事件都是第 { $number } 号
diag-the-other-one = 另一个
diag-series-out-of-order = 系列“{ $series }”的第 { $number } 号（{ $date }）日期早于第 { $earlier } 号（{ $earlier_date }）
diag-number-is-here = 第 { $number } 号在此
diag-series-gaps = 系列“{ $series }”缺少第 { $numbers } 号事件（序号有空缺）

## Storylines

diag-storyline-no-steps = 此故事线没有步骤
diag-storyline-no-steps-hint = 添加步骤：[(event: "an-event-id", caption: "…")]
diag-step-empty = 第 { $step } 步没有内容：请给它一个 `event` 或 `window`
diag-step-empty-hint = (event: "hog-29") 或 (window: "2024-05/2024-08")
diag-step-unknown-event = 第 { $step } 步：未知事件“{ $id }”
diag-step-unknown-in-filter = 第 { $step } 步：筛选条件中有未知的{ $what ->
        [person] 人物
        [place] 地点
        [category] 类别
        [series] 系列
        [country] 国家
        [period] 时期
       *[other] { $what }
    }“{ $id }”

## Merge conflicts

diag-line-merge-conflict = 按行合并留下的合并冲突（第 { $first }–{ $last } 行）
diag-conflict-hint = 两个版本都写在 `{ $ours }` 和 `{ $theirs }` 两行之间（第 { $first }–{ $last } 行）：保留其中一个并删除标记行，或在窗口中选择一个版本

## The shape of a file (store/lex.rs)

diag-lex-comment-open = 此注释没有用 `*/` 结束
diag-lex-string-open = 此字符串没有用 `"` 结束
diag-lex-raw-string-start = 原始字符串以 r" 或 r#" 开头
diag-lex-raw-string-open = 此原始字符串没有结束
diag-lex-char-open = 此字符字面量没有用 `'` 结束
diag-lex-expected-list = 此处应为事件列表：`[ (id: ..., ...), (...), ]`
diag-lex-nothing-open = 多余的 `{ $found }`：此处没有未闭合的括号
diag-lex-after-list = 列表结尾 `]` 之后有多余的文本
diag-lex-wrong-close = 应为 `{ $expected }` 以闭合第 { $byte } 字节处的 `{ $opened }`，却是 `{ $found }`
diag-lex-stray-comma = 多余的 `,`：前面没有记录
diag-lex-never-closed = 此 `{ $opened }` 没有闭合
diag-lex-list-open = 从这里开始的列表没有用 `]` 结束
diag-lex-not-an-attribute = 此 `#` 不是属性的开头：应为{ $what ->
        [bang] `#` 之后的 `!`
        [bracket] `#!` 之后的 `[`
        [name] 名称（如 `enable`）
        [paren] 属性名之后的 `(`
        [extension] 扩展名（如 `implicit_some`）
        [close-paren] `)`
       *[close-bracket] 闭合属性的 `]`
    }，却是 `{ $found }`；属性的写法是 `#![enable(implicit_some)]`
diag-lex-attribute-ends = 文件在属性内部结束（应为{ $what ->
        [bang] `#` 之后的 `!`
        [bracket] `#!` 之后的 `[`
        [name] 名称（如 `enable`）
        [paren] 属性名之后的 `(`
        [extension] 扩展名（如 `implicit_some`）
        [close-paren] `)`
       *[close-bracket] 闭合属性的 `]`
    }）；属性的写法是 `#![enable(implicit_some)]`

## Dates (model/date.rs)

diag-invalid-date = 无效日期 "{ $input }"：{ $reason }
diag-date-side = { $side ->
        [start] 起点
       *[end] 终点
    }：{ $reason }
diag-date-empty = 日期为空；请写成 2024、2024-05 或 2024-05-16 等形式
diag-date-spaces = 请删除日期前后的空格
diag-date-one-slash = 时间段中只能有一个 `/`
diag-date-no-start = 缺少时间段的起点（起点不定时写 `..`）
diag-date-no-end = 缺少时间段的终点（终点不定时写 `..`）
diag-date-no-known-end = 时间段至少要有一端是已知的
diag-date-backwards = 时间段的终点（{ $end }）早于起点（{ $start }）
diag-date-shape = 应为 YYYY、YYYY-MM 或 YYYY-MM-DD，后面可加 ?、~ 或 %
diag-date-digits = { $what ->
        [year] 年份
        [month] 月份
       *[day] 日
    }必须是 { $width } 位数字；应为 YYYY、YYYY-MM 或 YYYY-MM-DD，后面可加 ?、~ 或 %
diag-date-year-zero = 0 年写作 0000，不带负号
diag-date-year-range = 年份 { $year } 超出范围（年份写作四位数字，从 { $min } 到 { $max }）
diag-date-no-month = 没有 { $month } 月（月份为 01 到 12）
diag-date-day-needs-month = 有日就必须有月
diag-date-no-day = 没有 { $day } 日：{ $year } 年 { $month } 月只有 { $days } 天
diag-date-no-day-leap = 没有 { $day } 日：{ $year } 年 { $month } 月只有 { $days } 天（{ $year } 年不是闰年）

## The manifest's colours (model/manifest.rs)

diag-bad-colour = 无效颜色 "{ $text }"：请写成 "#rrggbb"

## Merge conflicts Annals marked (store/merge.rs)

diag-conflict-deleted = 记录 `{ $id }` 存在合并冲突：{ $deleted_by ->
        [ours] 我方
       *[theirs] 对方
    }删除了它，{ $changed_by ->
        [ours] 我方
       *[theirs] 对方
    }修改了它
diag-conflict-record = 记录 `{ $id }` 存在合并冲突，字段 { $fields }{ $count ->
       *[other] {""}
    }
diag-conflict-fields = 字段 { $fields } 存在合并冲突{ $count ->
       *[other] {""}
    }

## ron's own errors (their English is ron's, lower-cased)

diag-ron-eof = RON 意外结束
diag-ron-expected-array-end = 此处应为闭合的 `]`
diag-ron-expected-comma = 此处应为逗号
diag-ron-expected-paren-end = 此处应为闭合的 `)`
diag-ron-expected-colon = 此处应为冒号
diag-ron-expected-map-end = 此处应为闭合的 `{"}"}`
diag-ron-expected-identifier = 此处应为标识符
diag-ron-expected-boolean = 此处应为布尔值（true 或 false）
diag-ron-trailing = 结尾有多余的字符
diag-ron-unclosed-comment = 块注释没有闭合
diag-text-unknown-language = 未知语言 `{ $found }`；文本可用的语言为 { $codes }
diag-text-unknown-language-in = `{ $field }`：未知语言 `{ $found }`；文本可用的语言为 { $codes }
diag-text-missing-default = `{ $field }` 有 { $written } 文本，但缺少数据集的语言 `{ $default }`
diag-text-missing-default-hint = 请添加 `{ $default }: "..."`；在此之前以带标记的 { $first } 文本代替
