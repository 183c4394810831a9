# The status bar, the notices above the timeline and the loading bar.

status-warnings = { $count ->
    [one] ⚠ { $count } warning
   *[other] ⚠ { $count } warnings
}
status-no-problems = ✔ no problems found
status-hints = Wheel: zoom · Drag: pan · Click: details · { $keys }
notice-dismiss = Dismiss this message
    .name = Dismiss the message
reload-problems = { $count ->
    [one] ⚠ The files now have { $count } error; the last good version stays on screen. Fix it and the view updates by itself.
   *[other] ⚠ The files now have { $count } errors; the last good version stays on screen. Fix them and the view updates by itself.
}
loading-first = Reading the dataset…

dirty-refuse-open = You have unsaved edits: save them ({ $keys }) or undo them before opening another dataset.
dirty-refuse-reload = You have unsaved edits: save them ({ $keys }) or undo them before reloading.
files-restored = A fresh copy of the bundled dataset is open: { $path }
files-not-exported = Not exported: { $reason }
files-missing = { $path } does not exist.
files-not-watched = { $reason }; use Reload ({ $keys }) after editing.
loading-stopped = Stopped reading { $path }; the dataset on screen is unchanged.
loading-files = { $count ->
    [one] { $read } of { $count } file
   *[other] { $read } of { $count } files
}
loading-bar = Reading the dataset
loading-events = { $count ->
    [one] Reading { $path }: { $count } event so far
   *[other] Reading { $path }: { $count } events so far
}
import-skipped = { " " }Not converted: { $rows }.
import-done = { $count ->
    [one] Imported { $count } event into { $path }.{ $skipped }
   *[other] Imported { $count } events into { $path }.{ $skipped }
}
import-failed = Not imported: { $reason }
failed-heading = This dataset could not be loaded
failed-summary = { $path } — { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}. Fix the files and reload; nothing has been changed on disk.
files-not-found-bundled = { $path } was not found; the bundled dataset is open instead.
window-title-errors = the dataset has errors

## Texts lacking the interface's language (status bar)

status-untranslated = { $count ->
        [one] { $count } of { $texts } texts lacks { $language }
       *[other] { $count } of { $texts } texts lack { $language }
    }
    .tooltip = Click to walk them: each click selects the next event with a text missing in this language and opens its details, or names the file and line of a manifest or storyline text. `annals translations` lists them all.
untranslated-event = { $id }: no { $language } text for { $fields }
untranslated-elsewhere = { $place }: { $field } has no { $language } text
