//! Presentation mode: the timeline beside a large card for the current step, a discreet
//! progress indicator, no other chrome; and the presenter's own window (notes, next step,
//! time). Everything is laid out for a 1280×720-point screen; the app scales the points to
//! the real screen (1.5 pixels a point at 1920×1080), so the slide looks the same on any
//! projector.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Galley, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use crate::model::dataset::Dataset;
use crate::model::manifest::Language;
use crate::model::storyline::ShownStep;
use crate::timeline::{Lanes, TimeView};
use crate::ui::command::{Command, PresentCommand, ViewCommand};
use crate::ui::theme;
use crate::ui::timeline_view::{TimelineInput, TimelineStyle, TitleWidths, timeline_ui};

/// Height of the screen, in points, that presentation mode lays out for.
pub(crate) const DESIGN_HEIGHT: f32 = 720.0;

/// Name of the card in the accessibility tree, in English (`present-card` in other languages).
pub const CARD_LABEL: &str = "Presentation card";

/// High-contrast colours for a projector.
pub mod colours {
    use egui::Color32;
    pub(crate) const BACKGROUND: Color32 = Color32::from_rgb(14, 17, 22);
    pub(crate) const CARD: Color32 = Color32::from_rgb(26, 31, 40);
    pub(crate) const TEXT: Color32 = Color32::from_rgb(245, 245, 245);
    pub(crate) const SOFT: Color32 = Color32::from_rgb(200, 205, 212);
    pub(crate) const FAINT: Color32 = Color32::from_rgb(140, 147, 158);
    pub(crate) const ACCENT: Color32 = Color32::from_rgb(255, 196, 84);
}

/// The look of the timeline in presentation mode: bigger rows and titles.
pub(crate) fn timeline_style() -> TimelineStyle {
    TimelineStyle {
        row_height: 30.0,
        bar_height: 16.0,
        marker_size: 14.0,
        title_size: 15.0,
        header_width: 180.0,
        overview_height: 28.0,
        clip_titles: false,
        ..TimelineStyle::default()
    }
}

/// One block of text on the card.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CardText {
    pub text: String,
    /// Size at full scale, in points.
    pub size: f32,
    pub colour: Color32,
    /// Space above, at full scale.
    pub gap: f32,
}

/// What the card of `step` shows: the lines `export::card` gives, each at its size and in
/// its colour.
pub(crate) fn card_texts(dataset: &Dataset, step: &ShownStep, language: Language) -> Vec<CardText> {
    use crate::export::card::CardLine;
    let text = |text: String, size: f32, colour: Color32, gap: f32| CardText {
        text,
        size,
        colour,
        gap,
    };
    crate::export::card::card_lines(dataset, step, language)
        .into_iter()
        .map(|line| match line {
            CardLine::Title(t) => text(t, 30.0, colours::TEXT, 0.0),
            CardLine::Date(t) => text(t, 20.0, colours::ACCENT, 8.0),
            CardLine::Facts(t) => text(t, 16.0, colours::SOFT, 6.0),
            CardLine::Status(status) => text(
                crate::export::card::status_line(status, language),
                14.0,
                theme::status_colour(status),
                6.0,
            ),
            CardLine::Caption(t) => text(t, 20.0, colours::TEXT, 18.0),
            CardLine::Summary(t) => text(t, 15.0, colours::SOFT, 14.0),
            CardLine::Note(t) => text(
                crate::export::card::note_line(&t, language),
                13.0,
                colours::FAINT,
                10.0,
            ),
            CardLine::Sources(t) => text(
                crate::export::card::sources_line(&t, language),
                12.5,
                colours::FAINT,
                14.0,
            ),
            CardLine::Overview(t) => text(t, 28.0, colours::TEXT, 0.0),
        })
        .collect()
}

/// Texts laid out in a box: each galley with its offset from the box's top left.
pub struct CardLayout {
    pub galleys: Vec<(Vec2, Arc<Galley>)>,
    /// The scale the texts needed to fit (1 = full size).
    pub scale: f32,
    /// Whether everything fits (false only if even the smallest scale does not).
    pub fits: bool,
}

/// Lay out `texts` in `size`, shrinking them (down to 60 %) until everything fits.
pub(crate) fn fit_card(ui: &Ui, texts: &[CardText], size: Vec2) -> CardLayout {
    let mut scale = 1.0f32;
    loop {
        let mut y = 0.0;
        let mut galleys = Vec::with_capacity(texts.len());
        for t in texts {
            y += t.gap * scale;
            let galley = ui.painter().layout(
                t.text.clone(),
                FontId::proportional(t.size * scale),
                t.colour,
                size.x,
            );
            galleys.push((Vec2::new(0.0, y), galley.clone()));
            y += galley.size().y;
        }
        let fits = y <= size.y && galleys.iter().all(|(_, g)| g.size().x <= size.x + 0.5);
        if fits || scale <= 0.6 {
            return CardLayout {
                galleys,
                scale,
                fits,
            };
        }
        scale -= 0.05;
    }
}

const MARGIN: f32 = 24.0;
const CARD_PADDING: f32 = 24.0;

/// Where the card goes on a screen of `full` points: the right 40 % or so.
pub(crate) fn card_rect(full: Rect) -> Rect {
    let card_width = (full.width() * 0.4).clamp(360.0, 620.0);
    Rect::from_min_max(
        Pos2::new(full.right() - card_width - MARGIN, full.top() + 56.0),
        Pos2::new(full.right() - MARGIN, full.bottom() - 48.0),
    )
}

/// The part of the card that holds text.
pub fn card_text_rect(full: Rect) -> Rect {
    card_rect(full).shrink(CARD_PADDING)
}

/// What presentation mode draws.
pub(crate) struct PresentInput<'a> {
    pub dataset: &'a Dataset,
    pub lanes: &'a Lanes,
    pub view: &'a TimeView,
    pub step: &'a ShownStep,
    /// 0-based.
    pub index: usize,
    pub count: usize,
    pub title: &'a str,
    pub language: Language,
    pub style: &'a TimelineStyle,
    /// The keys' reminder at the bottom: on screen, not on exported slides.
    pub key_hints: bool,
    /// The event's first picture, decoded, and its caption and credit.
    pub picture: Option<(&'a egui::TextureHandle, &'a str)>,
}

/// The audience's view: the timeline on the left, the card on the right, the storyline's
/// title above, "4 / 9" below. Returns the timeline's commands (clicks, zoom).
pub(crate) fn presentation_ui(
    ui: &mut Ui,
    input: &PresentInput<'_>,
    widths: &mut TitleWidths,
) -> Vec<Command> {
    let full = ui.max_rect();
    ui.painter().rect_filled(full, 0.0, colours::BACKGROUND);
    let margin = MARGIN;
    let card = card_rect(full);
    // Title of the storyline, top left; progress bottom right.
    ui.painter().text(
        Pos2::new(full.left() + margin, full.top() + 20.0),
        Align2::LEFT_CENTER,
        input.title,
        FontId::proportional(16.0),
        colours::SOFT,
    );
    let progress = crate::tr!(
        input.language,
        "present-progress",
        step = input.index + 1,
        count = input.count
    );
    let progress_rect = ui.painter().text(
        Pos2::new(full.right() - margin, full.bottom() - 22.0),
        Align2::RIGHT_CENTER,
        &progress,
        FontId::proportional(14.0),
        colours::FAINT,
    );
    let progress_response = ui.interact(
        progress_rect,
        ui.scope_id().with("progress"),
        egui::Sense::hover(),
    );
    progress_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &progress));
    progress_response.on_hover_text(crate::tr!(
        input.language,
        "present-step-of",
        step = input.index + 1,
        count = input.count
    ));
    if input.key_hints {
        ui.painter().text(
            Pos2::new(full.left() + margin, full.bottom() - 22.0),
            Align2::LEFT_CENTER,
            crate::ui::actions::presentation_hints(ui.ctx()),
            FontId::proportional(12.0),
            colours::FAINT.gamma_multiply(0.7),
        );
    }

    // The card.
    ui.painter().rect(
        card,
        10.0,
        colours::CARD,
        Stroke::new(1.0, colours::FAINT.gamma_multiply(0.4)),
        egui::StrokeKind::Inside,
    );
    let inner = card.shrink(CARD_PADDING);
    let texts = card_texts(input.dataset, input.step, input.language);
    let layout = fit_card(ui, &texts, inner.size());
    ui.interact(card, ui.scope_id().with("card"), egui::Sense::hover())
        .widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Group,
                true,
                crate::i18n::tr(input.language, "present-card"),
            )
        });
    let text_bottom = layout
        .galleys
        .iter()
        .map(|(offset, galley)| offset.y + galley.size().y)
        .fold(0.0f32, f32::max);
    // The picture under the text, where there is room for it.
    let room = inner.height() - text_bottom - 16.0 - 20.0;
    if let Some((texture, byline)) = input.picture
        && room >= 90.0
    {
        let size = texture.size_vec2();
        let scale = (inner.width() / size.x).min(room.min(260.0) / size.y);
        let rect = Rect::from_min_size(
            Pos2::new(inner.left(), inner.top() + text_bottom + 16.0),
            size * scale,
        );
        ui.painter().image(
            texture.id(),
            rect,
            Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
            Color32::WHITE,
        );
        if !byline.is_empty() {
            ui.painter().text(
                Pos2::new(rect.left(), rect.bottom() + 4.0),
                Align2::LEFT_TOP,
                byline,
                FontId::proportional(11.0),
                colours::FAINT,
            );
        }
    }
    for (offset, galley) in layout.galleys {
        let rect = Rect::from_min_size(inner.min + offset, galley.size());
        ui.painter().galley(rect.min, galley.clone(), colours::TEXT);
        // Each block is readable by assistive technology (and by the tests).
        let text = galley.text().to_owned();
        ui.interact(
            rect,
            ui.scope_id().with(("card-text", &text)),
            egui::Sense::hover(),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    }

    // The timeline fills the rest.
    let timeline_rect = Rect::from_min_max(
        Pos2::new(full.left() + margin, full.top() + 48.0),
        Pos2::new(card.left() - margin, full.bottom() - 44.0),
    );
    let header = if input.lanes.grouping == crate::timeline::Grouping::None {
        0.0
    } else {
        input.style.header_width
    };
    let view = view_with_room_for_title(ui, input, timeline_rect.width() - header);
    let input = TimelineInput {
        dataset: input.dataset,
        lanes: input.lanes,
        view: &view,
        selected: input.step.event,
        matches: None,
        language: input.language,
        style: input.style,
    };
    let mut output = None;
    ui.scope_builder(egui::UiBuilder::new().max_rect(timeline_rect), |ui| {
        output = Some(timeline_ui(ui, &input, widths));
    });
    // Only looking around (zoom, pan) from the timeline; the steps decide the selection.
    output
        .map(|o| o.commands)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| matches!(c, Command::View(ViewCommand::SetView(_))))
        .collect()
}

/// The view the slide's timeline draws: the step's view, moved left just enough that its
/// event's title has room on the event's right in a canvas `canvas_width` points wide (never
/// so far that the event leaves the left edge). A title longer than the room left beside its
/// event still fits nowhere and is left out, never cut.
fn view_with_room_for_title(ui: &Ui, input: &PresentInput<'_>, canvas_width: f32) -> TimeView {
    let view = *input.view;
    let Some(event) = input.step.event.and_then(|i| input.dataset.event(i)) else {
        return view;
    };
    let width = f64::from(canvas_width.max(1.0));
    let (first, last) = crate::timeline::scale::event_days(event);
    let (mut left, mut right) = (view.day_to_x(first, width), view.day_to_x(last, width));
    let marker = f64::from(input.style.marker_size);
    if right - left < marker {
        let centre = (left + right) / 2.0;
        (left, right) = (centre - marker / 2.0, centre + marker / 2.0);
    }
    let title = ui
        .painter()
        .layout_no_wrap(
            crate::timeline::canvas::display_title(event, input.dataset, input.language),
            FontId::proportional(input.style.title_size),
            Color32::PLACEHOLDER,
        )
        .size()
        .x;
    let room_inside = right.min(width) - left.max(0.0);
    if room_inside >= f64::from(title) + 16.0 {
        return view; // the title goes inside its bar
    }
    // The title's gap from its mark, and a little room at the edge.
    let needed = right + f64::from(title) + 8.0 + 4.0;
    let shift = (needed - width).min(left - 8.0);
    if shift > 0.0 {
        view.panned_by_px(-shift, width)
    } else {
        view
    }
}

/// The presenter's window: time, where we are, what the storyline is about
/// (`description`), this step's notes, the next step.
pub(crate) fn presenter_ui(
    ui: &mut Ui,
    (dataset, language): (&Dataset, Language),
    description: &crate::model::Text,
    (steps, index): (&[ShownStep], usize),
    elapsed_seconds: f64,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let tr = |id: &str| crate::i18n::tr(language, id);
    let text = |t: &crate::model::Text| dataset.text(t, language).marked();
    let step_title = |step: &ShownStep| {
        step.event
            .and_then(|i| dataset.event(i))
            .map_or_else(|| text(&step.caption), |e| text(&e.title))
    };
    let seconds = elapsed_seconds.max(0.0) as u64;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{:02}:{:02}", seconds / 60, seconds % 60))
                .size(36.0)
                .monospace(),
        );
        ui.add_space(20.0);
        ui.label(
            RichText::new(crate::tr!(
                language,
                "present-step-of",
                step = index + 1,
                count = steps.len()
            ))
            .size(22.0),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(RichText::new(tr("present-next-button")).size(18.0))
                .clicked()
            {
                commands.push(Command::Present(PresentCommand::Go(index as isize + 1)));
            }
            if ui
                .button(RichText::new(tr("present-back-button")).size(18.0))
                .clicked()
            {
                commands.push(Command::Present(PresentCommand::Go(index as isize - 1)));
            }
        });
    });
    if !description.is_empty() {
        let about = dataset.text(description, language).marked();
        ui.label(RichText::new(crate::export::markdown::to_plain_text(&about)).weak());
    }
    ui.separator();
    if let Some(step) = steps.get(index) {
        ui.label(RichText::new(tr("present-now")).weak());
        ui.label(RichText::new(step_title(step)).size(24.0).strong());
        ui.add_space(8.0);
        ui.label(RichText::new(tr("present-notes")).weak());
        let notes = if step.notes.is_empty() {
            tr("present-no-notes")
        } else {
            text(&step.notes)
        };
        ui.label(RichText::new(notes).size(20.0));
    }
    ui.add_space(12.0);
    ui.separator();
    match steps.get(index + 1) {
        Some(next) => {
            ui.label(RichText::new(tr("present-next")).weak());
            ui.label(RichText::new(step_title(next)).size(18.0));
            if !next.caption.is_empty() {
                ui.label(RichText::new(text(&next.caption)).italics());
            }
        }
        None => {
            ui.label(RichText::new(tr("present-last-step")).weak());
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::storyline::steps_of_events;

    /// Every event of the bundled dataset and every step of its storylines fits its card at
    /// full or nearly full size, on 16:9, 16:10 and 4:3 screens (at any resolution the
    /// layout is the same in points: 1280×720 and 1920×1080 both lay out 720 points high).
    #[test]
    fn every_card_fits_its_screen() {
        let loaded = crate::store::load_dataset(&crate::paths::bundled_dataset_path());
        let dataset = loaded.dataset.as_ref().unwrap();
        let mut steps = steps_of_events(0..dataset.len());
        for (_, story) in &loaded.storylines {
            steps.extend(story.resolve(dataset));
        }
        let ctx = egui::Context::default();
        crate::ui::fonts::install(&ctx);
        for width in [1280.0, 1152.0, 960.0] {
            let full = Rect::from_min_size(Pos2::ZERO, Vec2::new(width, DESIGN_HEIGHT));
            let inner = card_text_rect(full);
            let mut worst = 1.0f32;
            for _ in 0..2 {
                let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                    for step in &steps {
                        let texts = card_texts(dataset, step, Language::English);
                        let layout = fit_card(ui, &texts, inner.size());
                        assert!(layout.fits, "step {step:?} does not fit at {width}");
                        worst = worst.min(layout.scale);
                        for (offset, galley) in &layout.galleys {
                            assert!(offset.y + galley.size().y <= inner.height() + 0.5);
                            assert!(galley.size().x <= inner.width() + 0.5);
                        }
                    }
                });
                out.textures_delta.clear();
            }
            assert!(worst >= 0.8, "text shrank to {worst} at width {width}");
        }
    }

    /// The presenter's window says what the storyline is about and the step's notes in the
    /// language at hand, the dataset's own text marked where that language is missing.
    #[test]
    fn the_presenter_view_speaks_the_language_at_hand() {
        let dataset = crate::testing::bundled_dataset();
        let storyline: crate::model::storyline::Storyline = crate::store::parse::ron_options()
            .from_str(
                r#"(title: "T", description: (en: "About the meetings", ru: "О встречах"),
                    steps: [(event: "hog-29", notes: (en: "Say why", zh: "说明原因"))])"#,
            )
            .unwrap();
        let steps = storyline.resolve(&dataset);
        let texts_in = |language: Language| {
            let mut headless = crate::ui::render::Headless::new(false);
            let shapes = headless.shapes((900, 600), 1.0, |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    presenter_ui(
                        ui,
                        (&dataset, language),
                        &storyline.description,
                        (&steps, 0),
                        65.0,
                    );
                });
            });
            let mut texts = Vec::new();
            let mut shapes: Vec<egui::Shape> = shapes.into_iter().map(|c| c.shape).collect();
            while let Some(shape) = shapes.pop() {
                match shape {
                    egui::Shape::Vec(inner) => shapes.extend(inner),
                    egui::Shape::Text(t) => texts.push(t.galley.text().to_owned()),
                    _ => {}
                }
            }
            texts
        };
        let russian = texts_in(Language::Russian);
        assert!(russian.iter().any(|t| t == "О встречах"), "{russian:?}");
        assert!(russian.iter().any(|t| t == "Say why [en]"), "{russian:?}");
        let chinese = texts_in(Language::Chinese);
        assert!(
            chinese.iter().any(|t| t == "About the meetings [en]"),
            "{chinese:?}"
        );
        assert!(chinese.iter().any(|t| t == "说明原因"), "{chinese:?}");
    }

    #[test]
    fn long_texts_shrink_to_fit() {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let texts = vec![CardText {
                text: "word ".repeat(400),
                size: 20.0,
                colour: Color32::WHITE,
                gap: 0.0,
            }];
            let layout = fit_card(ui, &texts, Vec2::new(400.0, 400.0));
            assert!(layout.scale < 1.0);
            let short = fit_card(ui, &texts[..0], Vec2::new(400.0, 400.0));
            assert!(short.fits && short.scale == 1.0);
        });
        out.textures_delta.clear();
    }
}
