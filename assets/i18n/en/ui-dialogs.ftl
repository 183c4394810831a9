# The dialogs: export, import, open a path, the merge conflicts' buttons, pictures.

export-pdf-handout = Handout (PDF, for print)
export-pdf-poster = Poster of the timeline (PDF, A3 to A1)
export-pdf-deck = Deck: one PDF page per storyline step
export-svg = Timeline as vector graphics (SVG)
export-png = Picture of the timeline (PNG)
export-slides = Slides: one PNG per storyline step
export-markdown = Handout (Markdown)
export-html = Handout (HTML, one self-contained file)
export-timelinejs = TimelineJS (JSON, for the web)
export-ics = Calendar (iCalendar .ics)
export-no-path = Type where to write the export.
export-broken = The dataset has errors.
export-nothing = Nothing to export.
export-nothing-to-draw = Nothing to draw.
export-save-first-slides = Save your edits first: slides are drawn from the files.
export-save-first-deck = Save your edits first: a deck is drawn from the files.
export-bad-margin = `{ $margin }`: margins are a number of millimetres
export-wrote-slides = { $count ->
    [one] Wrote { $count } slide to { $path }.
   *[other] Wrote { $count } slides to { $path }.
}
export-wrote-picture = Wrote { $path } ({ $size }).
export-wrote-timelinejs = { $count ->
    [one] Wrote { $count } event for TimelineJS to { $path }.
   *[other] Wrote { $count } events for TimelineJS to { $path }.
}
export-left-out = { " " }Left out (before year 1): { $events }.
export-wrote-ics = { $count ->
    [one] Wrote { $count } calendar event to { $path }.{ $left_out }
   *[other] Wrote { $count } calendar events to { $path }.{ $left_out }
}
export-wrote-svg = { $count ->
    [one] Wrote the timeline of { $count } event to { $path }.
   *[other] Wrote the timeline of { $count } events to { $path }.
}
export-wrote-pdf = Wrote { $path } ({ $kind }).
export-wrote-handout = { $count ->
    [one] Wrote the handout of { $count } event to { $path }.
   *[other] Wrote the handout of { $count } events to { $path }.
}
export-shown-events = The events shown now
export-story-slides = Slides of a storyline
export-story-deck = PDF deck of a storyline
export-window = Export to a file
export-storyline = Storyline: { $file }
export-folder = Folder to write the slides into:
export-file = File to write:
export-path = Export path
export-page-size = Page size:
    .name = Page size
export-portrait = Portrait
export-landscape = Landscape
export-margins = Margins (mm):
    .name = Margins
export-notes = A page of presenter notes after each step
export-size-points = Size in points:
export-size-pixels = Size in pixels:
export-size-name = Picture size
export-go = Export
import-window = Import from TimelineJS
import-file = TimelineJS JSON file, or the CSV of its spreadsheet template:
    .name = Import file
import-folder = New dataset folder (created; an existing one must be empty):
    .name = New dataset folder
import-go = Import and open
open-window = Open a dataset
open-path = Path of a dataset folder (or of a file in it):
    .name = Dataset path
open-go = Open
merge-take-ours = Take ours
    .tooltip = Keep the version of the branch you merged into
merge-take-theirs = Take theirs
    .tooltip = Keep the version of the branch you merged in
picture-web = Picture on the web
picture-not-downloaded = { $file } (not downloaded)
picture-name = Picture: { $file }
picture-click = Click to see it large
picture-window = Picture
