# 状态栏、时间线上方的提示和读取进度条。

status-warnings = ⚠ { $count } 个警告
status-no-problems = ✔ 未发现问题
status-hints = 滚轮：缩放 · 拖动：平移 · 点击：详情 · { $keys }
notice-dismiss = 关闭此消息
    .name = 关闭消息
reload-problems = ⚠ 文件现在有 { $count } 个错误；屏幕上保留最后一个正确的版本。修正后视图会自动更新。
loading-first = 正在读取数据集…

dirty-refuse-open = 有未保存的修改：请先保存（{ $keys }）或撤销，再打开其他数据集。
dirty-refuse-reload = 有未保存的修改：请先保存（{ $keys }）或撤销，再重新读取。
files-restored = 已打开一份新的内置数据集副本：{ $path }
files-not-exported = 未导出：{ $reason }
files-missing = { $path } 不存在。
files-not-watched = { $reason }；编辑后请用“重新读取”（{ $keys }）。
loading-stopped = 已停止读取 { $path }；屏幕上的数据集没有改变。
loading-files = 已读 { $read } / { $count } 个文件
loading-bar = 正在读取数据集
loading-events = 正在读取 { $path }：已读 { $count } 个事件
import-skipped = 未转换：{ $rows }。
import-done = 已将 { $count } 个事件导入 { $path }。{ $skipped }
import-failed = 未导入：{ $reason }
failed-heading = 无法载入此数据集
failed-summary = { $path } — { $errors } 个错误，{ $warnings } 个警告。请修正文件后重新读取；磁盘上的内容没有任何改动。
files-not-found-bundled = 找不到 { $path }；已改为打开内置数据集。
window-title-errors = 数据集有错误

## 缺少界面语言的文本（状态栏）

status-untranslated = { $count ->
       *[other] { $texts } 条文本中有 { $count } 条缺少{ $language }版本
    }
    .tooltip = 点击逐条查看：每次点击选中下一个缺少该语言文本的事件并打开其详情，或给出清单、故事线中文本所在的文件和行。`annals translations` 会列出全部。
untranslated-event = { $id }：{ $fields } 没有{ $language }文本
untranslated-elsewhere = { $place }：{ $field } 没有{ $language }文本
