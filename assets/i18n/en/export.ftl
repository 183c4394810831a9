# The fixed words of exports: handouts (Markdown, HTML, PDF), slides, posters, pictures,
# TimelineJS and iCalendar, in the export's language (`annals export --lang`, or the
# interface's language in the window).

# Under a handout's title: "18 events, 1949–2024.", or without years when none is known.
export-count = { $count ->
        [one] { $count } event.
       *[other] { $count } events.
    }
export-count-years = { $count ->
        [one] { $count } event, { $years }.
       *[other] { $count } events, { $years }.
    }
export-sources = Sources
export-sources-colon = Sources:
export-sources-line = Sources: { $text }
export-note = Note:
export-note-line = Note: { $text }
export-status-line = Status: { $status }
export-status-verified = verified
export-status-single-source = single-source
export-status-disputed = disputed
export-status-unverified = unverified
export-overview = Overview
export-picture = Picture: { $what }
export-picture-not-found = Picture { $file }, not found
export-generated = Generated on { $date } by Annals.
# Page numbers at the foot of a PDF page: "3 / 12".
export-page = { $page } / { $count }
export-step = Step { $step }
export-notes-for-step = Notes for step { $step }: { $title }
export-citation-with = With { $people }.
export-ics-uncertain = date uncertain
export-ics-approximate = date approximate
export-ics-days-unknown = { $date }; exact days not known
export-ics-under-way = { $date }, still under way
export-selected-title = { $title } (selected events)
