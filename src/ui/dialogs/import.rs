//! The window that asks what to import from TimelineJS and where to put the new dataset.

use std::path::PathBuf;

use crate::i18n::{tr, tr_attr};
use egui::RichText;

use crate::ui::command::{Command, FileCommand};

/// What is typed: the file to import and the new dataset's folder, while the window is open.
#[derive(Default)]
pub(crate) struct ImportDialog {
    pub request: Option<(String, String)>,
}

impl ImportDialog {
    pub fn open(&mut self) {
        self.request = Some(Default::default());
    }

    pub fn close(&mut self) {
        self.request = None;
    }

    pub fn ui(&mut self, ctx: &egui::Context, notice: Option<&str>) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some((file, folder)) = &mut self.request else {
            return commands;
        };
        let mut open = true;
        let mut cancelled = false;
        let language = crate::ui::lang(ctx);
        egui::Window::new(tr(language, "import-window"))
            .id(egui::Id::unique("import-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label(tr(language, "import-file"));
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(file).desired_width(420.0))
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                tr_attr(language, "import-file", "name"),
                            )
                        });
                    if ui.button(tr(language, "button-choose")).clicked()
                        && let Some(path) = rfd::FileDialog::new()
                            .add_filter("TimelineJS", &["json", "csv"])
                            .pick_file()
                    {
                        *file = path.display().to_string();
                    }
                });
                ui.label(tr(language, "import-folder"));
                ui.add(egui::TextEdit::singleline(folder).desired_width(420.0))
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::TextInput,
                            true,
                            tr_attr(language, "import-folder", "name"),
                        )
                    });
                ui.horizontal(|ui| {
                    if ui.button(tr(language, "import-go")).clicked() {
                        commands.push(
                            FileCommand::Import(
                                PathBuf::from(file.trim()),
                                PathBuf::from(folder.trim()),
                            )
                            .into(),
                        );
                    }
                    if ui.button(tr(language, "button-cancel")).clicked() {
                        cancelled = true;
                    }
                });
                if let Some(notice) = notice {
                    ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
                }
            });
        if !open || cancelled {
            self.request = None;
        }
        commands
    }
}
