# 顶栏、它的菜单，以及放不下的项目所在的 » 菜单。

menu-dataset = 📂 数据集
menu-edit = ✏ 编辑
menu-present = ▶ 演示
menu-export = 📤 导出
bar-unsaved = ● 未保存
bar-unsaved-tooltip = 修改尚未写入文件：按 { $keys } 保存
bar-save = 💾 保存
bar-reload = ⟳ 重新读取
bar-fit = 全览
bar-list = ☰ 列表
bar-filters = 筛选

dataset-open-folder = 打开文件夹…
    .tooltip = 选择数据集文件夹
    .title = 打开数据集文件夹
dataset-open-path = 打开路径…
dataset-bundled = 内置数据集
dataset-restore = 恢复内置数据集
    .tooltip = 在你的数据集旁放一份新的内置数据集副本（你的数据集保留）
dataset-import = 从 TimelineJS 导入…
    .tooltip = 用 TimelineJS 的 JSON 文件或其表格的 CSV 新建数据集
dataset-recent = 最近打开

theme-menu = 主题
    .tooltip = 浅色、深色或跟随系统
theme-system = 跟随系统
theme-light = 浅色
theme-dark = 深色
theme-choice = 主题：{ $theme }
lanes-menu = 泳道
    .tooltip = 把事件分成多条泳道
lanes-choice = 泳道：{ $lanes }
language-choice = 语言：{ $language }

more-menu = 更多
more-tooltip = 更多：{ $items }
more-present = 演示
more-export = 导出
more-fit = 全览
more-lanes = 泳道
more-reload = 重新读取
more-language = 语言
more-theme = 主题
present-shown = 显示的事件，按时间顺序（{ $count }）
present-storylines = 故事线（briefings/）
