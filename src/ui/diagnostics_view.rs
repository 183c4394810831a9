//! The list of problems found in a dataset, in the same form `annals check` prints.

use egui::{Color32, RichText, ScrollArea, Ui};

use crate::store::{Diagnostic, Severity};

/// Every diagnostic, compiler style, in monospace; errors first.
pub fn diagnostics_ui(ui: &mut Ui, diagnostics: &[Diagnostic]) {
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
                    RichText::new(d.headline())
                        .monospace()
                        .color(colour)
                        .strong(),
                );
                let body = d.to_string();
                let rest = body.split_once('\n').map_or("", |(_, rest)| rest);
                if !rest.trim().is_empty() {
                    ui.label(RichText::new(rest.trim_end()).monospace());
                }
                ui.add_space(6.0);
            }
        });
}
