//! Exports from the window: the Export menu, the window that asks where to write, and the
//! writing itself (the same pipeline as `annals export`: `export::text` for the text
//! formats, `ui::render` for pictures).

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::export::pdf::{Orientation, PdfKind};
use crate::export::{Format as ExportFormat, Selection};
use crate::i18n::{Language, tr, tr_attr};
use crate::ui::AnnalsApp;
use crate::ui::command::{Command, FileCommand};

pub use crate::ui::command::ExportRequest;

fn format_label(format: ExportFormat, slides: bool, pdf: PdfKind, language: Language) -> String {
    let id = match (format, slides) {
        (ExportFormat::Pdf, _) => match pdf {
            PdfKind::Handout => "export-pdf-handout",
            PdfKind::Poster => "export-pdf-poster",
            PdfKind::Deck => "export-pdf-deck",
        },
        (ExportFormat::Svg, _) => "export-svg",
        (ExportFormat::Png, false) => "export-png",
        (ExportFormat::Png, true) => "export-slides",
        (ExportFormat::Markdown, _) => "export-markdown",
        (ExportFormat::Html, _) => "export-html",
        (ExportFormat::Timelinejs, _) => "export-timelinejs",
        (ExportFormat::Ics, _) => "export-ics",
    };
    tr(language, id)
}

impl AnnalsApp {
    /// A request with a suggested path for `format`.
    pub(crate) fn suggest_export(
        &self,
        format: ExportFormat,
        storyline: Option<String>,
    ) -> ExportRequest {
        self.suggest_export_pdf(format, storyline, PdfKind::Handout)
    }

    /// A request with a suggested path for `format` (and which PDF).
    pub(crate) fn suggest_export_pdf(
        &self,
        format: ExportFormat,
        storyline: Option<String>,
        pdf: PdfKind,
    ) -> ExportRequest {
        let name = self
            .data
            .loaded
            .root
            .file_name()
            .map_or_else(|| "annals".to_owned(), |n| n.to_string_lossy().into_owned());
        let file = match (format, &storyline) {
            (ExportFormat::Png, Some(story)) => format!("{name}-{story}-slides"),
            (ExportFormat::Png, None) => format!("{name}-timeline.png"),
            (ExportFormat::Markdown, _) => format!("{name}-handout.md"),
            (ExportFormat::Html, _) => format!("{name}-handout.html"),
            (ExportFormat::Timelinejs, _) => format!("{name}-timelinejs.json"),
            (ExportFormat::Ics, _) => format!("{name}.ics"),
            (ExportFormat::Svg, _) => format!("{name}-timeline.svg"),
            (ExportFormat::Pdf, Some(story)) => format!("{name}-{story}-deck.pdf"),
            (ExportFormat::Pdf, None) => match pdf {
                PdfKind::Handout => format!("{name}-handout.pdf"),
                PdfKind::Poster => format!("{name}-poster.pdf"),
                PdfKind::Deck => format!("{name}-deck.pdf"),
            },
        };
        // Where the last export went, or else beside the dataset's files.
        let folder = self
            .prefs
            .export_folder
            .clone()
            .filter(|f| f.is_dir())
            .unwrap_or_else(|| self.data.path.clone());
        ExportRequest {
            format,
            storyline,
            path: folder.join(file).display().to_string(),
            size: if format == ExportFormat::Svg {
                "1600x900".into()
            } else {
                "1920x1080".into()
            },
            pdf,
            page: match pdf {
                PdfKind::Poster => "A3".into(),
                PdfKind::Handout | PdfKind::Deck => "A4".into(),
            },
            orientation: match pdf {
                PdfKind::Poster => Orientation::Landscape,
                PdfKind::Handout | PdfKind::Deck => Orientation::Portrait,
            },
            margin: "15".into(),
            notes: false,
        }
    }

    /// The events shown now (after the filters), in time order, under the dataset's title.
    fn shown_selection(&self) -> Option<Selection> {
        let dataset = self.dataset()?;
        let language = self.prefs.language;
        let mut selection = Selection::of_events_in(dataset, self.shown_events(), language);
        if !self.prefs.filter.is_empty() {
            selection.title = crate::tr!(
                language,
                "export-selected-title",
                title = selection.title.as_str()
            );
        }
        Some(selection)
    }

    /// Write what `request` asks for; returns a message for the user.
    pub(crate) fn run_export(&mut self, request: &ExportRequest) -> Result<String, String> {
        let language = self.prefs.language;
        let path = PathBuf::from(request.path.trim());
        if request.path.trim().is_empty() {
            return Err(tr(language, "export-no-path"));
        }
        let dataset = self
            .dataset()
            .ok_or_else(|| tr(language, "export-broken"))?;
        let write = |path: &Path, bytes: &[u8]| {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
            }
            crate::store::save::write_atomic(path, bytes).map_err(|e| e.to_string())
        };
        let selection = self
            .shown_selection()
            .ok_or_else(|| tr(language, "export-nothing"))?;
        let count = selection.items.len();
        if request.format == ExportFormat::Png {
            let size = crate::export::parse_size(&request.size)?;
            if let Some(story) = &request.storyline {
                if self.is_dirty() {
                    return Err(tr(language, "export-save-first-slides"));
                }
                let files = crate::ui::render::write_slides(
                    &self.data.loaded,
                    story,
                    &path,
                    size,
                    self.prefs.language,
                )?;
                return Ok(crate::tr!(
                    language,
                    "export-wrote-slides",
                    count = files.len(),
                    path = path.display().to_string()
                ));
            }
            let picture = self
                .render_view(size)
                .ok_or_else(|| tr(language, "export-nothing-to-draw"))?;
            write(&path, &picture.to_png()?)?;
            return Ok(crate::tr!(
                language,
                "export-wrote-picture",
                path = path.display().to_string(),
                size = format!("{}×{}", size.0, size.1)
            ));
        }
        let selection = match (&request.storyline, request.format) {
            (Some(story), ExportFormat::Pdf) => {
                if self.is_dirty() {
                    return Err(tr(language, "export-save-first-deck"));
                }
                Selection::of_loaded_in(&self.data.loaded, Some(story), self.prefs.language)?
            }
            _ => selection,
        };
        let margin: f32 = request.margin.trim().parse().map_err(|_| {
            crate::tr!(
                language,
                "export-bad-margin",
                margin = request.margin.as_str()
            )
        })?;
        let pdf = match request.pdf {
            PdfKind::Poster | PdfKind::Handout => crate::export::pdf::options(
                request.pdf,
                Some(&request.page),
                Some(request.orientation),
                margin,
                "1x1",
                false,
            )?,
            PdfKind::Deck => {
                crate::export::pdf::options(request.pdf, None, None, margin, "1x1", request.notes)?
            }
        };
        let size = if request.format == ExportFormat::Svg {
            crate::export::parse_size(&request.size)?
        } else {
            (1600, 900)
        };
        let options = crate::export::Options {
            language: self.prefs.language,
            size,
            pdf,
            root: Some(self.data.loaded.root.clone()),
        };
        let text = crate::export::bytes(
            dataset,
            &selection,
            request.format,
            &options,
            chrono::Utc::now(),
        )?;
        write(&path, &text.bytes)?;
        let shown = path.display().to_string();
        Ok(match request.format {
            ExportFormat::Timelinejs => {
                crate::tr!(
                    language,
                    "export-wrote-timelinejs",
                    count = count,
                    path = shown
                )
            }
            ExportFormat::Ics => {
                let left_out = if text.left_out.is_empty() {
                    String::new()
                } else {
                    crate::tr!(
                        language,
                        "export-left-out",
                        events = text.left_out.join("; ")
                    )
                };
                crate::tr!(
                    language,
                    "export-wrote-ics",
                    count = count - text.left_out.len(),
                    path = shown,
                    left_out = left_out
                )
            }
            ExportFormat::Svg => {
                crate::tr!(language, "export-wrote-svg", count = count, path = shown)
            }
            ExportFormat::Pdf => crate::tr!(
                language,
                "export-wrote-pdf",
                path = shown,
                kind = format_label(
                    request.format,
                    request.storyline.is_some(),
                    request.pdf,
                    language
                )
            ),
            _ => crate::tr!(
                language,
                "export-wrote-handout",
                count = count,
                path = shown
            ),
        })
    }

    /// The Export menu of the top bar.
    pub(crate) fn export_menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let language = self.prefs.language;
        ui.menu_button(tr(language, "menu-export"), |ui| {
            ui.label(RichText::new(tr(language, "export-shown-events")).weak());
            for (format, pdf) in [
                (ExportFormat::Png, PdfKind::Handout),
                (ExportFormat::Svg, PdfKind::Handout),
                (ExportFormat::Pdf, PdfKind::Handout),
                (ExportFormat::Pdf, PdfKind::Poster),
                (ExportFormat::Html, PdfKind::Handout),
                (ExportFormat::Markdown, PdfKind::Handout),
                (ExportFormat::Timelinejs, PdfKind::Handout),
                (ExportFormat::Ics, PdfKind::Handout),
            ] {
                if ui
                    .button(format!("{}…", format_label(format, false, pdf, language)))
                    .clicked()
                {
                    ui.close();
                    commands.push(
                        FileCommand::AskExport(self.suggest_export_pdf(format, None, pdf)).into(),
                    );
                }
            }
            let stories = self.storylines();
            if !stories.is_empty() {
                ui.separator();
                ui.label(RichText::new(tr(language, "export-story-slides")).weak());
                for (name, title) in &stories {
                    if ui.button(format!("{title}…")).clicked() {
                        ui.close();
                        commands.push(
                            FileCommand::AskExport(
                                self.suggest_export(ExportFormat::Png, Some(name.clone())),
                            )
                            .into(),
                        );
                    }
                }
                ui.separator();
                ui.label(RichText::new(tr(language, "export-story-deck")).weak());
                for (name, title) in stories {
                    if ui.button(format!("{title} (PDF)…")).clicked() {
                        ui.close();
                        commands.push(
                            FileCommand::AskExport(self.suggest_export_pdf(
                                ExportFormat::Pdf,
                                Some(name),
                                PdfKind::Deck,
                            ))
                            .into(),
                        );
                    }
                }
            }
        });
        commands
    }
}

/// The window that asks where to write an export; it owns what is typed in it.
#[derive(Default)]
pub(crate) struct ExportDialog {
    pub request: Option<ExportRequest>,
}

impl ExportDialog {
    pub fn open(&mut self, request: ExportRequest) {
        self.request = Some(request);
    }

    pub fn close(&mut self) {
        self.request = None;
    }

    /// The window that asks where to write an export.
    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(request) = &mut self.request else {
            return commands;
        };
        let mut open = true;
        let mut cancelled = false;
        let slides = request.storyline.is_some() && request.format == ExportFormat::Png;
        let language = crate::ui::lang(ctx);
        egui::Window::new(tr(language, "export-window"))
            .id(egui::Id::unique("export-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(format_label(
                        request.format,
                        request.storyline.is_some(),
                        request.pdf,
                        language,
                    ))
                    .strong(),
                );
                if let Some(story) = &request.storyline {
                    ui.label(crate::tr!(
                        language,
                        "export-storyline",
                        file = format!("briefings/{story}.ron")
                    ));
                }
                ui.label(tr(
                    language,
                    if slides {
                        "export-folder"
                    } else {
                        "export-file"
                    },
                ));
                ui.horizontal(|ui| {
                    let response =
                        ui.add(egui::TextEdit::singleline(&mut request.path).desired_width(420.0));
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::TextInput,
                            true,
                            tr(language, "export-path"),
                        )
                    });
                    if ui.button(tr(language, "button-choose")).clicked() {
                        let current = PathBuf::from(request.path.trim());
                        let dialog = rfd::FileDialog::new()
                            .set_directory(current.parent().unwrap_or(Path::new(".")));
                        let chosen = if slides {
                            dialog.pick_folder()
                        } else {
                            dialog
                                .set_file_name(
                                    current
                                        .file_name()
                                        .map(|n| n.to_string_lossy().into_owned())
                                        .unwrap_or_default(),
                                )
                                .save_file()
                        };
                        if let Some(path) = chosen {
                            request.path = path.display().to_string();
                        }
                    }
                });
                if request.format == ExportFormat::Pdf && request.pdf != PdfKind::Deck {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "export-page-size"));
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut request.page).desired_width(100.0),
                        );
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                tr_attr(language, "export-page-size", "name"),
                            )
                        });
                        let presets: &[&str] = if request.pdf == PdfKind::Poster {
                            &["A3", "A2", "A1"]
                        } else {
                            &["A4", "Letter", "A3"]
                        };
                        for preset in presets {
                            if ui.small_button(*preset).clicked() {
                                request.page = (*preset).to_owned();
                            }
                        }
                    });
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut request.orientation,
                            Orientation::Portrait,
                            tr(language, "export-portrait"),
                        );
                        ui.radio_value(
                            &mut request.orientation,
                            Orientation::Landscape,
                            tr(language, "export-landscape"),
                        );
                    });
                }
                if request.format == ExportFormat::Pdf {
                    ui.horizontal(|ui| {
                        ui.label(tr(language, "export-margins"));
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut request.margin).desired_width(50.0),
                        );
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                tr_attr(language, "export-margins", "name"),
                            )
                        });
                        if request.pdf == PdfKind::Deck {
                            ui.checkbox(&mut request.notes, tr(language, "export-notes"));
                        }
                    });
                }
                if matches!(request.format, ExportFormat::Png | ExportFormat::Svg) {
                    ui.horizontal(|ui| {
                        ui.label(tr(
                            language,
                            if request.format == ExportFormat::Svg {
                                "export-size-points"
                            } else {
                                "export-size-pixels"
                            },
                        ));
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut request.size).desired_width(100.0),
                        );
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                tr(language, "export-size-name"),
                            )
                        });
                        for preset in ["1920x1080", "1280x720", "3840x2160"] {
                            if ui.small_button(preset).clicked() {
                                request.size = preset.to_owned();
                            }
                        }
                    });
                }
                ui.horizontal(|ui| {
                    if ui.button(tr(language, "export-go")).clicked() {
                        commands.push(FileCommand::Export(request.clone()).into());
                    }
                    if ui.button(tr(language, "button-cancel")).clicked() {
                        cancelled = true;
                    }
                });
            });
        if !open || cancelled {
            self.request = None;
        }
        commands
    }
}
