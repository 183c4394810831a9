//! The list of problems found in a dataset, in the same form `annals check` prints, its
//! words in the interface's language (`annals check` itself always speaks English).

use egui::{Color32, RichText, ScrollArea, Ui};

use crate::i18n::Language;
use crate::store::{Diagnostic, Severity};

/// Every diagnostic, compiler style, in monospace; errors first.
pub(crate) fn diagnostics_ui(ui: &mut Ui, diagnostics: &[Diagnostic], language: Language) {
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
            sorted.sort_by_key(|d| d.severity);
            for d in sorted {
                let colour = match d.severity {
                    Severity::Error => Color32::from_rgb(0xd3, 0x2f, 0x2f),
                    Severity::Warning => Color32::from_rgb(0xc7, 0x7c, 0x00),
                };
                ui.label(
                    RichText::new(d.headline_in(language))
                        .monospace()
                        .color(colour)
                        .strong(),
                );
                let body = d.render_in(language);
                let rest = body.split_once('\n').map_or("", |(_, rest)| rest);
                if !rest.trim().is_empty() {
                    ui.label(RichText::new(rest.trim_end()).monospace());
                }
                ui.add_space(6.0);
            }
        });
}

/// The merge conflicts left in the files, each with **Take ours** / **Take theirs**.
pub(crate) fn merge_conflicts_ui(
    ui: &mut Ui,
    conflicts: &[crate::store::merge::FileConflict],
) -> Vec<super::command::Command> {
    use crate::store::merge::Side;
    let mut commands = Vec::new();
    for conflict in conflicts {
        ui.horizontal_wrapped(|ui| {
            let name = conflict
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.label(RichText::new(format!("⚠ {name}: {}", conflict.label)).strong());
            for (side, id) in [
                (Side::Ours, "merge-take-ours"),
                (Side::Theirs, "merge-take-theirs"),
            ] {
                if ui
                    .button(crate::ui::t(ui, id))
                    .on_hover_text(crate::ui::t_attr(ui, id, "tooltip"))
                    .clicked()
                {
                    commands.push(crate::ui::command::Command::Files(
                        crate::ui::command::FileCommand::TakeMergeSide(
                            conflict.path.clone(),
                            conflict.index,
                            side,
                        ),
                    ));
                }
            }
        });
    }
    commands
}
