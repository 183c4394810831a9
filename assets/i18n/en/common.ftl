# Words used all over the interface. One file per part of the app; every file exists in
# en/, zh/ and ru/ with the same messages and the same variables (tests/i18n.rs).

language-menu = Language
    .tooltip = Language of the interface, the dates, names and records
events-count = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
button-cancel = Cancel
button-choose = Choose…
