//! The window that asks what to import from TimelineJS and where to put the new dataset.

use std::path::PathBuf;

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
        egui::Window::new("Import from TimelineJS")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label("TimelineJS JSON file, or the CSV of its spreadsheet template:");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(file).desired_width(420.0))
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Import file")
                        });
                    if ui.button("Choose…").clicked()
                        && let Some(path) = rfd::FileDialog::new()
                            .add_filter("TimelineJS", &["json", "csv"])
                            .pick_file()
                    {
                        *file = path.display().to_string();
                    }
                });
                ui.label("New dataset folder (created; an existing one must be empty):");
                ui.add(egui::TextEdit::singleline(folder).desired_width(420.0))
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New dataset folder")
                    });
                ui.horizontal(|ui| {
                    if ui.button("Import and open").clicked() {
                        commands.push(
                            FileCommand::Import(
                                PathBuf::from(file.trim()),
                                PathBuf::from(folder.trim()),
                            )
                            .into(),
                        );
                    }
                    if ui.button("Cancel").clicked() {
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
