# 演示模式：幻灯片的界面元素、演讲者视图和“演示”菜单。

present-no-such-storyline = 故事线“{ $name }”已不存在。
present-nothing = 没有可演示的内容：当前没有显示任何事件。
present-progress = { $step } / { $count }
present-step-of = 第 { $step } 步，共 { $count } 步
present-card = 演示卡片
present-presenter-title = Annals — 演讲者视图
present-next-button = 下一步 →
present-back-button = ← 上一步
present-now = 当前
present-notes = 备注
present-no-notes = （此步骤没有备注）
present-next = 下一步
present-last-step = 这是最后一步。
