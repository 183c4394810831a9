# Presentation mode: the slide's chrome, the presenter's window and the Present menu.

present-no-such-storyline = There is no storyline “{ $name }” any more.
present-nothing = Nothing to present: no events are shown.
# The slide's progress, bottom right: "4 / 9".
present-progress = { $step } / { $count }
present-step-of = Step { $step } of { $count }
present-card = Presentation card
present-presenter-title = Annals — presenter view
present-next-button = Next →
present-back-button = ← Back
present-now = Now
present-notes = Notes
present-no-notes = (no notes for this step)
present-next = Next
present-last-step = This is the last step.
