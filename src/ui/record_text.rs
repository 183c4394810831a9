//! Record text in the window: a text in the language at hand, or in the dataset's own with a
//! small, muted marker after it (`[en]`) whose tooltip says why.

use egui::text::LayoutJob;
use egui::{Align, FontSelection, Response, RichText, Ui, WidgetText};

use crate::i18n::Language;
use crate::model::Shown;
use crate::tr;

/// `shown`'s text styled by `style`, followed by the fallback marker when it is not in the
/// language asked for: one piece of text, so it wraps and reads as one.
pub(crate) fn marked_text(
    ui: &Ui,
    shown: Shown<'_>,
    style: impl FnOnce(RichText) -> RichText,
    language: Language,
) -> WidgetText {
    let main = style(RichText::new(shown.text));
    let Some(fallback) = shown.fallback else {
        return main.into();
    };
    let mut job = LayoutJob::default();
    main.append_to(&mut job, ui.style(), FontSelection::Default, Align::BOTTOM);
    RichText::new(format!(" {}", marker(language, fallback)))
        .small()
        .weak()
        .append_to(&mut job, ui.style(), FontSelection::Default, Align::BOTTOM);
    job.into()
}

/// The marker of a text shown in `shown` instead of `language`: "[en]".
pub(crate) fn marker(language: Language, shown: Language) -> String {
    tr!(language, "text-fallback-marker", code = shown.code())
}

/// Why a text is marked, for its tooltip.
pub(crate) fn marker_tooltip(language: Language, shown: Language) -> String {
    tr!(
        language,
        "text-fallback-tooltip",
        wanted = language.endonym(),
        shown = shown.endonym()
    )
}

/// A label of `shown` (see [`marked_text`]), with the marker's tooltip when there is one.
pub(crate) fn marked_label(
    ui: &mut Ui,
    shown: Shown<'_>,
    style: impl FnOnce(RichText) -> RichText,
    language: Language,
) -> Response {
    let text = marked_text(ui, shown, style, language);
    let response = ui.label(text);
    match shown.fallback {
        Some(fallback) => response.on_hover_text(marker_tooltip(language, fallback)),
        None => response,
    }
}
