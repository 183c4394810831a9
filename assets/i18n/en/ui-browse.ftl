# Browsing: the filter panel and its chips, the list, the search box, the detail panel, the
# timeline's own words (lanes, clusters).

status-verified = verified
status-single-source = single-source
status-disputed = disputed
status-unverified = unverified

column-date = Date
column-title = Title
column-category = Category
column-place = Place
column-status = Status

lanes-none = No lanes
lanes-category = Category
lanes-series = Series
lanes-country = Country
lane-other-none = All events
lane-other-category = Other
lane-other-series = Not in a series
lane-other-country = No country

chip-hide-category = hide { $name }
chip-participant = with { $name }
chip-country = in { $name }
chip-status = { $status } only
chip-series = series: { $name }
chip-from = from { $date }
chip-until = until { $date }
filter-shown-of = { $count ->
    [one] { $shown } of { $count } event shown
   *[other] { $shown } of { $count } events shown
}
filter-chip-remove = Remove this filter
filter-clear-all = Clear all filters

filter-panel = Filter panel
filter-heading = Filters
filter-clear = Clear all
filter-categories = Categories
filter-status = Status
filter-series = Series
filter-country = Country
filter-participants = Participants
filter-tags = Tags
filter-dates = Dates
filter-from = From
    .name = From date
filter-until = Until
    .name = Until date
filter-date-hint = e.g. 2023 or 2024-05

list-sort = Sort by this column
list-changed = changed since the last commit

search-hint = 🔍 Search ({ $keys })
search-box = Search
    .tooltip = Each word finds the words that start with it ("putin" finds "Putin's"), in every field and every language, whatever the case and accents; a "phrase in quotes" must appear as written; Chinese is found anywhere in a text.
search-found = { $count } found
search-matches = { $count ->
    [one] { $count } match for “{ $text }” (↓/↑ or Enter in the search box step through them)
   *[other] { $count } matches for “{ $text }” (↓/↑ or Enter in the search box step through them)
}
event-list = Event list

precision-day = known to the day
precision-month = known to the month
precision-year = known to the year
series-nth-item = { $ordinal } { $item }
series-nth-in = { $ordinal } in { $series }
series-part-of = part of { $series }
series-ordinal = No. { $n }

detail-panel = Event details
detail-close = Close the panel (Enter opens it again)
detail-edit = ✏ Edit
detail-place = Place
detail-participants = Participants
detail-summary = Summary
detail-pictures = Pictures
detail-note = Note
detail-sources = Sources
detail-related = Related
detail-tags = Tags
detail-copy = 📋 Copy as text
    .tooltip = Copy a short citation-style paragraph for a briefing note
detail-series-next = next
detail-series-previous = previous
detail-open-link = Open in the browser
detail-not-web-link = ⚠ not an http(s) link: not opened
    .tooltip = Only http and https addresses are opened from Annals.
history-title = History ({ $count })
history-reading = History (reading git…)
history-none = Not committed yet.
history-deleted = { " " }(deleted)
history-commit = commit { $commit }: click to compare with today
history-field = field
history-then = that version
history-today = today

lane-in-view = { $visible } of { $count } in view
cluster-zoom = { $events } here: click to zoom in
clusters-name = { $clusters ->
    [one] { $events } in { $clusters } cluster: { $lane }
   *[other] { $events } in { $clusters } clusters: { $lane }
}
overview = Overview
timeline-canvas = Timeline canvas
