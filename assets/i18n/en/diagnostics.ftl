# Problems found in a dataset. The English text is exactly what `annals check` prints
# (scripts read it): change it only together with the tests that compare it.
# Field names, ids, paths and RON snippets in backticks stay as they are in every language.

diag-label-error = error
diag-label-warning = warning
diag-label-note = note
diag-label-hint = hint

## Files and folders

diag-no-manifest = no { $manifest } in `{ $folder }`
diag-no-manifest-hint = a dataset folder holds a manifest.ron (title, people, places, categories, series) and event files
diag-cannot-open-folder = cannot open dataset folder `{ $folder }`: { $reason }
diag-file-name-not-utf8 = `{ $path }`: the file name is not valid UTF-8, so the file is not read
diag-file-name-not-utf8-hint = rename the file (letters, digits, `-` and `_` are safest)
diag-cannot-read = cannot read `{ $path }`: { $reason }
diag-dangling-link = it is a link to something that does not exist
diag-not-a-file = `{ $path }` is { $what }, not a file; only regular files are read
diag-not-a-file-hint = rename it so that it does not end in .ron
diag-kind-fifo = a FIFO (named pipe)
diag-kind-device = a device
diag-kind-socket = a socket
diag-kind-folder = a folder
diag-kind-other = not a regular file
diag-link-outside = `{ $path }` is a link to `{ $target }`, outside the dataset folder
diag-file-too-large = `{ $path }` is { $size } MiB; files over { $cap } MiB are not read (split the events over several files)
diag-file-grew = `{ $path }` grew past { $cap } MiB while being read; files over that are not read
diag-not-utf8 = not UTF-8 text: byte { $byte } at offset { $offset } (is this a binary file?)
diag-not-utf8-hint = dataset files must be UTF-8 text; rename other files so they do not end in .ron
diag-manifest-empty = the manifest is empty
diag-manifest-empty-hint = write at least `(title: "My dataset")`
diag-no-events = this file holds no events

## Reading records

diag-in-field = `{ $field }`: { $message }
diag-unknown-field = unknown field `{ $found }` in { $what ->
        [record] record
        [event] an event
        [manifest] the manifest
        [series-ref] a series reference
        [source] a source
        [names] a name
        [storyline] a storyline
        [step] a step
        [step-filter] a step's filter
       *[other] a { $what }
    }; its fields are: { $fields }
diag-missing-field = { $what ->
        [record] record
        [event] an event
        [manifest] the manifest
        [series-ref] a series reference
        [source] a source
        [names] a name
        [storyline] a storyline
        [step] a step
        [step-filter] a step's filter
       *[other] a { $what }
    } is missing the field `{ $field }`
diag-missing-field-hint = add `{ $field }: ...,` to this record
diag-did-you-mean-code = did you mean `{ $name }`?
diag-did-you-mean-quoted = did you mean "{ $name }"?
diag-not-one-of = `{ $found }` is not one of: { $choices }
diag-field-twice = the field `{ $field }` is written twice
diag-expected-string = expected a string (text in double quotes)
diag-dates-are-text = dates are written as text: "2024-05-16", "2024-05" or "2024"
diag-expected-list = expected a list `[...]`
diag-expected-list-hint = even a single item is written as a list: ["li-qiang"]
diag-expected-number = expected a whole number
diag-expected-record = expected a record `( ... )`
diag-nested-too-deeply = values are nested too deeply

## Checking records

diag-bad-id = the { $what ->
        [event] id
        [country] country id
        [person] person id
        [place] place id
        [category] category id
        [series] series id
        [period] period id
       *[other] { $what } id
    } "{ $id }" { $problem }
diag-id-empty = is empty
diag-id-spaces = contains spaces; use letters, digits, `-` and `_`
diag-title-empty = the title is empty
diag-ordinal-zero = series ordinals count from 1
diag-no-source = event "{ $id }" cites no source
diag-no-source-hint = add `sources: [(publisher: "...", url: "https://...")]`
diag-bad-source-link = the source link { $url } is not a valid address: { $problem }
diag-bad-source-link-hint = write spaces as %20; an address is one unbroken line
diag-url-control-char = it holds the control character U+{ $code }
diag-url-space = it holds a space
diag-source-not-web = the source link "{ $url }" is not an http(s) address; it will be shown as text, never opened
diag-disputed-no-note = event "{ $id }" is disputed but has no note saying how
diag-disputed-no-note-hint = add `note: "..."` explaining how the sources differ
diag-control-char = `{ $field }` holds the control character U+{ $code }
diag-control-char-breaks-fine = `{ $field }` holds the control character U+{ $code } (line breaks are fine here)
diag-control-char-hint = remove it; write the text on one line
diag-unknown-ref = unknown { $what } "{ $id }" in `{ $field }`: the manifest has no { $what } with this id
diag-add-to-manifest = add it to the manifest's list of { $what ->
        [person] people
        [category] categories
        [place] places
       *[other] { $what }
    }

## Pictures

diag-picture-no-file = a picture needs a `file`: a path in the dataset folder or an http(s) address
diag-picture-bad-address = the picture's address is not valid: { $problem }
diag-picture-outside = the picture { $file } is neither a file inside the dataset folder nor an http(s) address
diag-picture-outside-hint = write a path relative to the dataset folder, such as "media/photo.jpg"
diag-picture-link-outside = the picture { $file } leads outside the dataset folder, to `{ $target }`; it is not read, shown or exported
diag-picture-link-outside-hint = copy the picture into the dataset's media/ folder instead of linking to it
diag-picture-not-a-file = the picture "{ $file }" is not a file
diag-picture-missing = the picture "{ $file }" is missing
diag-picture-missing-hint = put it at `{ $path }`
diag-picture-too-large = the picture "{ $file }" is { $size } MB; pictures over { $cap } MB are not shown
diag-picture-too-large-hint = make it smaller (2,000 pixels across is plenty)
diag-picture-format = the picture "{ $file }" is not PNG, JPEG or WebP
diag-picture-format-hint = convert it to one of these formats
diag-picture-unreadable = the picture "{ $file }" cannot be read: { $reason }

## Across records

diag-duplicate-event-id = duplicate id "{ $id }": another event already has it
diag-duplicate-event-id-hint = ids must be unique in a dataset; rename one of the two
diag-first-used-here = first used here
diag-related-to-itself = an event lists itself as related
diag-unknown-related = unknown event "{ $id }" in `related`
diag-duplicate-id = duplicate { $what } id "{ $id }"
diag-unknown-country = unknown country "{ $code }": add it to the manifest's `countries`
diag-manifest-title-empty = the manifest's title is empty
diag-manifest-control-char = the manifest's text { $text } holds the control character U+{ $code }
diag-series-same-number = two events are number { $number } of series "{ $series }"
diag-the-other-one = the other one
diag-series-out-of-order = number { $number } of series "{ $series }" ({ $date }) is dated before number { $earlier } ({ $earlier_date })
diag-number-is-here = number { $number } is here
diag-series-gaps = series "{ $series }" has no events numbered { $numbers } (gaps in its ordinals)

## Storylines

diag-storyline-no-steps = this storyline has no steps
diag-storyline-no-steps-hint = add steps: [(event: "an-event-id", caption: "…")]
diag-step-empty = step { $step } shows nothing: give it an `event` or a `window`
diag-step-empty-hint = (event: "hog-29") or (window: "2024-05/2024-08")
diag-step-unknown-event = step { $step }: unknown event "{ $id }"
diag-step-unknown-in-filter = step { $step }: unknown { $what } "{ $id }" in the filter

## Merge conflicts

diag-line-merge-conflict = merge conflict (lines { $first }–{ $last }) left by a line merge
diag-conflict-hint = both versions are written between the `{ $ours }` and `{ $theirs }` lines ({ $first }–{ $last }): keep one and delete the marker lines, or choose Take ours / Take theirs in the window

## The shape of a file (store/lex.rs)

diag-lex-comment-open = this comment is never closed with `*/`
diag-lex-string-open = this string is never closed with `"`
diag-lex-raw-string-start = a raw string starts with r" or r#"
diag-lex-raw-string-open = this raw string is never closed
diag-lex-char-open = this character literal is never closed with `'`
diag-lex-expected-list = expected a list of events: `[ (id: ..., ...), (...), ]`
diag-lex-nothing-open = unexpected `{ $found }`: nothing here is open
diag-lex-after-list = unexpected text after the end of the list `]`
diag-lex-wrong-close = expected `{ $expected }` to close the `{ $opened }` at byte { $byte }, found `{ $found }`
diag-lex-stray-comma = unexpected `,`: there is no record before it
diag-lex-never-closed = this `{ $opened }` is never closed
diag-lex-list-open = the list that opens here is never closed with `]`
diag-lex-not-an-attribute = this `#` does not start an attribute: expected { $what ->
        [bang] `!` after `#`
        [bracket] `[` after `#!`
        [name] a name such as `enable`
        [paren] `(` after the attribute's name
        [extension] an extension name such as `implicit_some`
        [close-paren] `)`
       *[close-bracket] `]` to close the attribute
    }, found `{ $found }`; an attribute is written `#![enable(implicit_some)]`
diag-lex-attribute-ends = the file ends inside an attribute (expected { $what ->
        [bang] `!` after `#`
        [bracket] `[` after `#!`
        [name] a name such as `enable`
        [paren] `(` after the attribute's name
        [extension] an extension name such as `implicit_some`
        [close-paren] `)`
       *[close-bracket] `]` to close the attribute
    }); an attribute is written `#![enable(implicit_some)]`

## Dates (model/date.rs)

diag-invalid-date = invalid date "{ $input }": { $reason }
diag-date-side = { $side ->
        [start] start
       *[end] end
    }: { $reason }
diag-date-empty = the date is empty; write e.g. 2024, 2024-05 or 2024-05-16
diag-date-spaces = remove the spaces around the date
diag-date-one-slash = a span has exactly one `/`
diag-date-no-start = the start of the span is missing (write `..` for an open start)
diag-date-no-end = the end of the span is missing (write `..` for an open end)
diag-date-no-known-end = a span needs at least one known end
diag-date-backwards = the span ends ({ $end }) before it starts ({ $start })
diag-date-shape = expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %
diag-date-digits = the { $what ->
        [year] year
        [month] month
       *[day] day
    } must be { $width } digits; expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ?, ~ or %
diag-date-year-zero = year zero is written 0000, without a minus sign
diag-date-year-range = year { $year } is out of range (years are written with four digits, { $min } to { $max })
diag-date-no-month = month { $month } does not exist (months are 01 to 12)
diag-date-day-needs-month = a day needs a month
diag-date-no-day = day { $day } does not exist: { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } has { $days } days
diag-date-no-day-leap = day { $day } does not exist: { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } has { $days } days ({ $year } is not a leap year)

## The manifest's colours (model/manifest.rs)

diag-bad-colour = invalid colour "{ $text }": write it as "#rrggbb"

## Merge conflicts Annals marked (store/merge.rs)

# A merge conflict Annals wrote: who deleted the record ("ours", "theirs"), and which fields.
diag-conflict-deleted = merge conflict in record `{ $id }`: deleted by { $deleted_by ->
        [ours] ours
       *[theirs] theirs
    }, changed by { $changed_by ->
        [ours] ours
       *[theirs] theirs
    }
diag-conflict-record = merge conflict in record `{ $id }`, { $count ->
        [one] field
       *[other] fields
    } { $fields }
diag-conflict-fields = merge conflict in { $count ->
        [one] field
       *[other] fields
    } { $fields }

## ron's own errors (their English is ron's, lower-cased)

diag-ron-eof = unexpected end of RON
diag-ron-expected-array-end = expected closing `]`
diag-ron-expected-comma = expected comma
diag-ron-expected-paren-end = expected closing `)`
diag-ron-expected-colon = expected colon
diag-ron-expected-map-end = expected closing `{"}"}`
diag-ron-expected-identifier = expected identifier
diag-ron-expected-boolean = expected boolean
diag-ron-trailing = non-whitespace trailing characters
diag-ron-unclosed-comment = unclosed block comment
diag-text-unknown-language = unknown language `{ $found }`; a text is written in { $codes }
diag-text-unknown-language-in = `{ $field }`: unknown language `{ $found }`; a text is written in { $codes }
diag-text-missing-default = `{ $field }` is written in { $written } but not in `{ $default }`, the dataset's language
diag-text-missing-default-hint = add `{ $default }: "..."`; until then the { $first } text is shown, marked, in its place
