//! The window for typing a dataset path (where no file dialog is available, or by choice).

use std::path::PathBuf;

use crate::i18n::{tr, tr_attr};
use egui::RichText;

use crate::ui::command::{Command, FileCommand};

/// The path being typed, while the window is open.
#[derive(Default)]
pub(crate) struct OpenPathDialog {
    pub text: Option<String>,
}

impl OpenPathDialog {
    pub fn open(&mut self, text: String) {
        self.text = Some(text);
    }

    pub fn close(&mut self) {
        self.text = None;
    }

    pub(crate) fn is_open(&self) -> bool {
        self.text.is_some()
    }

    pub fn ui(&mut self, ctx: &egui::Context, notice: Option<&str>) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(text) = &mut self.text else {
            return commands;
        };
        let mut open = true;
        let mut cancelled = false;
        let language = crate::ui::lang(ctx);
        egui::Window::new(tr(language, "open-window"))
            .id(egui::Id::unique("open-path-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.label(tr(language, "open-path"));
                let response = ui.add(egui::TextEdit::singleline(text).desired_width(420.0));
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        tr_attr(language, "open-path", "name"),
                    )
                });
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button(tr(language, "open-go")).clicked() || entered {
                        commands.push(FileCommand::Open(PathBuf::from(text.trim())).into());
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
            self.text = None;
        }
        commands
    }
}
