//! The small windows that ask for something: a path to open, where to write an export, what
//! to import. Each owns what is typed in it; only its outcome becomes a command.

pub mod export;
pub mod import;
pub mod open_path;

/// Every dialog of the main window.
#[derive(Default)]
pub(crate) struct Dialogs {
    pub open_path: open_path::OpenPathDialog,
    pub export: export::ExportDialog,
    pub import: import::ImportDialog,
}

impl Dialogs {
    /// Draw whichever are open; `notice` is shown in the one the user is working in.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        notice: Option<&str>,
    ) -> Vec<super::command::Command> {
        let mut commands = self.open_path.ui(ctx, notice);
        commands.extend(self.export.ui(ctx));
        commands.extend(self.import.ui(ctx, notice));
        commands
    }
}
