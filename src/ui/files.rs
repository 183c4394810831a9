//! The open dataset and its files: opening and reloading (on a worker thread for big datasets,
//! with progress, cancellable, the previous dataset on screen meanwhile), the folder watcher,
//! what git knows, exports and imports.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use egui::{RichText, Ui};

use super::AnnalsApp;
use super::command::FileCommand;
use crate::store::load::{LoadProgress, dataset_bytes, load_dataset_with};
use crate::store::watch::DatasetWatcher;
use crate::store::{Diagnostic, Loaded, load_dataset};

/// Datasets smaller than this are read at once (a few milliseconds); bigger ones on a
/// worker thread with a progress bar.
pub(crate) const READ_AT_ONCE_BYTES: u64 = 2 * 1024 * 1024;

/// How many recently opened datasets are remembered.
const RECENT_MAX: usize = 8;

/// What a load is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadPurpose {
    /// The dataset the window starts with; `same_dataset`: the remembered view and selection
    /// belong to it.
    Start { same_dataset: bool },
    /// Show another dataset.
    Open(PathBuf),
    /// Read the open dataset again, keeping the selection and the view.
    Reload,
    /// After a save: refresh the warnings and errors, keeping the model as it is.
    CheckSaved,
}

/// A load under way on a worker thread.
pub struct Loading {
    pub purpose: LoadPurpose,
    pub path: PathBuf,
    pub progress: Arc<LoadProgress>,
    result: mpsc::Receiver<Option<Loaded>>,
}

/// The open dataset, as read from its files, and what watches them.
pub(crate) struct Data {
    pub path: PathBuf,
    pub loaded: Loaded,
    /// Errors of the files on disk while the last good version stays on screen.
    pub reload_problems: Vec<Diagnostic>,
    /// Watches the dataset folder for edits made outside (a text editor).
    pub watcher: Option<DatasetWatcher>,
    /// Reports of changed files handled so far (the app's own saves included).
    pub watcher_reports: usize,
    /// Histories and "changed since the last commit" from git, computed on a worker.
    pub git: crate::store::history::HistoryWorker,
    /// Merge conflicts left in the files, to take one side of.
    pub merge_conflicts: Vec<crate::store::merge::FileConflict>,
    pub loading: Option<Loading>,
    /// The texts lacking each language, found in the files (the status bar walks them).
    pub untranslated: super::untranslated::Untranslated,
}

impl Data {
    pub fn new(path: PathBuf, loaded: Loaded, ctx: &egui::Context) -> Self {
        let ctx = ctx.clone();
        Self {
            path,
            loaded,
            reload_problems: Vec::new(),
            watcher: None,
            watcher_reports: 0,
            git: crate::store::history::HistoryWorker::new(move || ctx.request_repaint()),
            merge_conflicts: Vec::new(),
            loading: None,
            untranslated: super::untranslated::Untranslated::default(),
        }
    }

    /// Read `path` for `purpose`: at once if it is small, else on a worker (the result
    /// arrives through [`Data::poll_loading`]).
    pub(crate) fn start_loading(
        &mut self,
        path: PathBuf,
        purpose: LoadPurpose,
        ctx: &egui::Context,
    ) -> Option<Loaded> {
        if let Some(previous) = self.loading.take() {
            previous.progress.cancel();
        }
        if dataset_bytes(&path) < READ_AT_ONCE_BYTES {
            return Some(load_dataset(&path));
        }
        let progress = Arc::new(LoadProgress::default());
        let (sender, result) = mpsc::channel();
        let worker_progress = Arc::clone(&progress);
        let worker_path = path.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let loaded = load_dataset_with(&worker_path, &worker_progress);
            let _ = sender.send(loaded);
            ctx.request_repaint();
        });
        self.loading = Some(Loading {
            purpose,
            path,
            progress,
            result,
        });
        None
    }

    /// The load that finished since the last frame, if one did: its purpose and the result
    /// (`None` when it was cancelled).
    fn poll_loading(&mut self) -> Option<(LoadPurpose, PathBuf, Option<Loaded>)> {
        let loading = self.loading.as_ref()?;
        match loading.result.try_recv() {
            Ok(loaded) => {
                let loading = self.loading.take()?;
                Some((loading.purpose, loading.path, loaded))
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                let loading = self.loading.take()?;
                Some((loading.purpose, loading.path, None))
            }
        }
    }
}

/// The errors among `diagnostics` (the banner lists those; warnings wait for a good load).
fn errors_of(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

impl AnnalsApp {
    /// Apply a command about files.
    pub(super) fn apply_files(&mut self, command: FileCommand) {
        match command {
            FileCommand::Open(path) => {
                if !self.refused_while_dirty("dirty-refuse-open") {
                    self.open(path);
                }
            }
            FileCommand::OpenBundled | FileCommand::RestoreBundled => {
                if self.refused_while_dirty("dirty-refuse-open") {
                    return;
                }
                let restore = command == FileCommand::RestoreBundled;
                let path = if restore {
                    crate::paths::restore_bundled_dataset()
                } else {
                    crate::paths::default_dataset_path()
                };
                match path {
                    Ok(path) => {
                        self.open(path);
                        if restore {
                            self.inform(crate::tr!(
                                self.prefs.language,
                                "files-restored",
                                path = self.data.path.display().to_string()
                            ));
                        }
                    }
                    Err(message) => self.notice = Some(message),
                }
            }
            FileCommand::AskOpenPath(text) => self.dialogs.open_path.open(text),
            FileCommand::Reload => {
                if !self.refused_while_dirty("dirty-refuse-reload") {
                    self.edit.session = None;
                    self.reload();
                }
            }
            FileCommand::CancelLoad => {
                if let Some(loading) = &self.data.loading {
                    loading.progress.cancel();
                }
            }
            FileCommand::AskExport(request) => self.dialogs.export.open(request),
            FileCommand::Export(request) => match self.run_export(&request) {
                Ok(message) => {
                    self.dialogs.export.close();
                    // Slides are a folder of their own: the next export goes beside it.
                    let written = std::path::PathBuf::from(request.path.trim());
                    self.prefs.export_folder = written
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .map(std::path::Path::to_path_buf);
                    self.inform(message);
                }
                Err(message) => {
                    self.notice = Some(crate::tr!(
                        self.prefs.language,
                        "files-not-exported",
                        reason = message
                    ));
                }
            },
            FileCommand::AskImport => self.dialogs.import.open(),
            FileCommand::Import(file, folder) => self.import(&file, &folder),
            FileCommand::TakeMergeSide(path, index, side) => {
                match crate::store::merge::take_side(&path, index, side) {
                    Ok(()) => self.reload(),
                    Err(message) => self.notice = Some(message),
                }
            }
        }
    }

    /// Open another dataset (a folder, or a file in one). Big datasets are read on a worker;
    /// the one on screen stays until the new one is ready.
    pub fn open(&mut self, path: PathBuf) {
        let path = if path.is_file() {
            path.parent().map_or(path.clone(), Path::to_path_buf)
        } else {
            path
        };
        if !path.exists() {
            self.notice = Some(crate::tr!(
                self.prefs.language,
                "files-missing",
                path = path.display().to_string()
            ));
            return;
        }
        self.dialogs.open_path.close();
        let ctx = self.ctx.clone();
        if let Some(loaded) =
            self.data
                .start_loading(path.clone(), LoadPurpose::Open(path.clone()), &ctx)
        {
            self.finish_open(path, loaded);
        }
    }

    /// Show `loaded`, just read from `path`, in place of the open dataset.
    fn finish_open(&mut self, path: PathBuf, loaded: Loaded) {
        self.data.path = path;
        self.data.loaded = loaded;
        self.browse.pictures.clear();
        self.data.reload_problems.clear();
        self.edit.close_session();
        self.chrome.title_widths.clear();
        self.selected = None;
        self.details_open = false;
        self.notice = None;
        self.prefs.filter = crate::model::query::Filter::default();
        if let Some(view) = self.fitted_view() {
            self.view.set(view);
            self.view.mark_fitted(true);
        }
        self.remember_dataset();
        self.watch();
        self.refresh();
    }

    /// Read the dataset again, keeping the selection (by id) and the view. If the files now
    /// have errors and a good version is on screen, that version stays and the errors are
    /// listed in a banner until the files are fixed.
    pub fn reload(&mut self) {
        if self.opening_another() {
            return; // The dataset on screen is about to be replaced.
        }
        // Read again, the folder may have been put in (or taken out of) a git work tree: git
        // is asked once more, once for the dataset. Refreshes after the app's own saves
        // reuse the answer.
        self.data.git.reopened();
        let ctx = self.ctx.clone();
        let path = self.data.path.clone();
        if let Some(fresh) = self.data.start_loading(path, LoadPurpose::Reload, &ctx) {
            self.finish_reload(fresh);
        }
    }

    fn finish_reload(&mut self, fresh: Loaded) {
        if fresh.dataset.is_none() && self.dataset().is_some() {
            self.data.reload_problems = errors_of(fresh.diagnostics);
            self.git_refresh();
            return;
        }
        self.data.reload_problems.clear();
        let selected_id = self
            .selected
            .and_then(|i| self.dataset()?.event(i))
            .map(|e| e.id.clone());
        let had_data = self.dataset().is_some();
        self.data.loaded = fresh;
        self.browse.pictures.clear();
        self.chrome.title_widths.clear();
        self.selected = selected_id.and_then(|id| self.dataset()?.index_of(&id));
        self.refresh();
        self.git_refresh();
        if !had_data && let Some(view) = self.fitted_view() {
            self.view.set(view);
            self.view.mark_fitted(true);
        }
        self.presentation_reloaded();
    }

    /// After a save, read the files back (on a worker for big datasets) to bring the warnings
    /// and errors up to date; the model stays as it is.
    pub(super) fn check_saved_files(&mut self) {
        if self.opening_another() {
            return;
        }
        let ctx = self.ctx.clone();
        let path = self.data.path.clone();
        if let Some(fresh) = self.data.start_loading(path, LoadPurpose::CheckSaved, &ctx) {
            self.finish_check(fresh);
        }
    }

    fn finish_check(&mut self, fresh: Loaded) {
        if fresh.dataset.is_some() {
            self.data.loaded.diagnostics = fresh.diagnostics;
            self.data.reload_problems.clear();
        } else {
            self.data.reload_problems = errors_of(fresh.diagnostics);
        }
        self.git_refresh();
    }

    /// Whether another dataset is being read to replace the one on screen (a reload of this
    /// one would cancel it).
    fn opening_another(&self) -> bool {
        self.data
            .loading
            .as_ref()
            .is_some_and(|l| matches!(l.purpose, LoadPurpose::Open(_) | LoadPurpose::Start { .. }))
    }

    /// Take in a load that finished on the worker.
    pub(super) fn poll_loading(&mut self) {
        let Some((purpose, path, loaded)) = self.data.poll_loading() else {
            if self.data.loading.is_some() {
                self.ctx
                    .request_repaint_after(std::time::Duration::from_millis(50));
            }
            return;
        };
        let Some(loaded) = loaded else {
            self.notice = Some(crate::tr!(
                self.prefs.language,
                "loading-stopped",
                path = path.display().to_string()
            ));
            return;
        };
        match purpose {
            LoadPurpose::Start { same_dataset } => {
                self.data.loaded = loaded;
                self.restore_session(same_dataset);
                self.git_refresh();
            }
            LoadPurpose::Open(path) => self.finish_open(path, loaded),
            LoadPurpose::Reload => self.finish_reload(loaded),
            LoadPurpose::CheckSaved => self.finish_check(loaded),
        }
    }

    /// The progress bar while a dataset is read: files read, events parsed, and Cancel.
    pub(super) fn loading_ui(&self, ui: &mut Ui) -> Vec<super::command::Command> {
        let mut commands = Vec::new();
        let Some(loading) = &self.data.loading else {
            return commands;
        };
        let (read, total, events) = loading.progress.snapshot();
        let language = self.prefs.language;
        ui.horizontal(|ui| {
            let fraction = if total == 0 {
                0.0
            } else {
                read as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(240.0)
                    .text(crate::tr!(
                        language,
                        "loading-files",
                        read = read,
                        count = total
                    )),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ProgressIndicator,
                    true,
                    crate::i18n::tr(language, "loading-bar"),
                )
            });
            ui.label(crate::tr!(
                language,
                "loading-events",
                path = loading.path.display().to_string(),
                count = events
            ));
            if ui
                .button(crate::i18n::tr(language, "button-cancel"))
                .on_hover_text(super::actions::tooltip(
                    ui.ctx(),
                    super::actions::Action::CancelLoad,
                ))
                .clicked()
            {
                commands.push(FileCommand::CancelLoad.into());
            }
        });
        commands
    }

    /// Start watching the open dataset's folder; a change wakes the UI, which reloads.
    pub(super) fn watch(&mut self) {
        // A dataset opened: git is asked once which work tree it is in, and the answer
        // serves every refresh until the dataset is opened or read again (`reload`).
        self.data.git.reopened();
        self.git_refresh();
        let ctx = self.ctx.clone();
        let folder = self.data.loaded.root.clone();
        self.data.watcher = match DatasetWatcher::new(&folder, move || ctx.request_repaint()) {
            Ok(watcher) => Some(watcher),
            Err(message) => {
                let reload =
                    super::actions::shortcut_text(&self.ctx, super::actions::Action::Reload);
                self.notice = Some(crate::tr!(
                    self.prefs.language,
                    "files-not-watched",
                    reason = message,
                    keys = reload
                ));
                None
            }
        };
    }

    /// Ask git again which records changed since the last commit (and their histories), and
    /// find the merge conflicts the diagnostics report.
    pub(super) fn git_refresh(&mut self) {
        let files: Vec<PathBuf> = self
            .data
            .loaded
            .files
            .iter()
            .filter(|f| {
                f.file_name()
                    .is_none_or(|n| n != crate::store::load::MANIFEST_FILE)
            })
            .cloned()
            .collect();
        self.data.git.refresh(&files);
        self.forget_other_files_git();
        self.data.untranslated.refresh(
            &self.data.loaded.root,
            self.data.loaded.dataset.as_ref(),
            &self.ctx,
        );
        let mut diagnostics = self.data.loaded.diagnostics.clone();
        diagnostics.extend(self.data.reload_problems.iter().cloned());
        self.data.merge_conflicts = crate::store::merge::conflicts_in(&diagnostics);
    }

    /// Keep what git said of the open dataset's files only: a dataset opened before (whose
    /// answers may still arrive) holds records with the same ids, and its history and its
    /// changes since the last commit are not this one's.
    pub(super) fn forget_other_files_git(&mut self) {
        // By a set of the files asked about: a dataset of 50,000 files is not compared file by
        // file with each of its files.
        self.data.git.forget_other_files();
    }

    pub(super) fn remember_dataset(&mut self) {
        // Absolute, so that it is found again whatever folder Annals is started from.
        let path =
            std::fs::canonicalize(&self.data.path).unwrap_or_else(|_| self.data.path.clone());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path.clone());
        self.prefs.recent.truncate(RECENT_MAX);
        self.prefs.dataset = Some(path);
    }

    /// The bundled dataset to open by default; if it cannot be copied into the data folder,
    /// the reason goes into `notice` (and the missing path opens, showing the error).
    pub(super) fn bundled_or_notice(notice: &mut Option<String>) -> PathBuf {
        crate::paths::default_dataset_path().unwrap_or_else(|message| {
            *notice = Some(message);
            crate::paths::bundled_dataset_path()
        })
    }

    /// Import a TimelineJS file into a new dataset folder and open it.
    fn import(&mut self, file: &Path, folder: &Path) {
        if self.refused_while_dirty("dirty-refuse-open") {
            return;
        }
        match crate::export::import::import_timelinejs(file, folder) {
            Ok(report) => {
                self.dialogs.import.close();
                self.open(folder.to_path_buf());
                let language = self.prefs.language;
                let skipped = if report.skipped.is_empty() {
                    String::new()
                } else {
                    crate::tr!(language, "import-skipped", rows = report.skipped.join("; "))
                };
                let message = crate::tr!(
                    language,
                    "import-done",
                    count = report.events,
                    path = folder.display().to_string(),
                    skipped = skipped
                );
                // Rows left out are a problem to read at leisure; a clean import is news.
                if report.skipped.is_empty() {
                    self.inform(message);
                } else {
                    self.notice = Some(message);
                }
            }
            Err(message) => {
                self.notice = Some(crate::tr!(
                    self.prefs.language,
                    "import-failed",
                    reason = message
                ));
            }
        }
    }

    /// The "This dataset could not be loaded" page.
    pub(super) fn failed_load_ui(&self, ui: &mut Ui) -> Vec<super::command::Command> {
        let mut commands = Vec::new();
        let loaded = &self.data.loaded;
        let language = self.prefs.language;
        ui.heading(crate::i18n::tr(language, "failed-heading"));
        ui.label(crate::tr!(
            language,
            "failed-summary",
            path = self.data.path.display().to_string(),
            errors = loaded.error_count(),
            warnings = loaded.warning_count()
        ));
        let reload = format!(
            "{} ({})",
            crate::i18n::tr(language, "bar-reload"),
            super::actions::shortcut_text(ui.ctx(), super::actions::Action::Reload)
        );
        if ui.button(RichText::new(reload)).clicked() {
            commands.push(FileCommand::Reload.into());
        }
        ui.separator();
        commands.extend(super::diagnostics_view::merge_conflicts_ui(
            ui,
            &self.data.merge_conflicts,
        ));
        super::diagnostics_view::diagnostics_ui(ui, &loaded.diagnostics, self.prefs.language);
        commands
    }
}
