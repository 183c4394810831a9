# The top bar, its menus and the » menu of what did not fit.

menu-dataset = 📂 Dataset
menu-edit = ✏ Edit
menu-present = ▶ Present
menu-export = 📤 Export
bar-unsaved = ● unsaved
bar-unsaved-tooltip = Edits not yet written to the files: { $keys } saves
bar-save = 💾 Save
bar-reload = ⟳ Reload
bar-fit = Fit
bar-list = ☰ List
bar-filters = Filters

dataset-open-folder = Open folder…
    .tooltip = Choose a dataset folder
    .title = Open a dataset folder
dataset-open-path = Open path…
dataset-bundled = Bundled dataset
dataset-restore = Restore the bundled dataset
    .tooltip = A fresh copy of the bundled dataset, beside yours (which is kept)
dataset-import = Import from TimelineJS…
    .tooltip = A new dataset from a TimelineJS JSON file or its spreadsheet's CSV
dataset-recent = Recent

theme-menu = Theme
    .tooltip = Light, dark, or as the system
theme-system = System theme
theme-light = Light
theme-dark = Dark
theme-choice = Theme: { $theme }
lanes-menu = Lanes
    .tooltip = Group events into lanes
lanes-choice = Lanes: { $lanes }
language-choice = Language: { $language }

more-menu = More
more-tooltip = More: { $items }
more-present = Present
more-export = Export
more-fit = Fit
more-lanes = Lanes
more-reload = Reload
more-language = Language
more-theme = Theme
present-shown = Shown events, in time order ({ $count })
present-storylines = Storylines (briefings/)
