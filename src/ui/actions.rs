//! Every action a user can take from the keyboard, declared once: its shortcuts, its label in
//! menus, its help text, and where it applies. The key handler, the menus' shortcut texts,
//! the tooltips, the status bar's hints and README's key table are all made from [`ACTIONS`],
//! so a shortcut changed here changes everywhere, and the labels come from egui's
//! `Context::format_shortcut` (so macOS shows ⌘).

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::Language;

/// Where an action's shortcuts work. Shortcuts are unique within a scope and against the
/// scopes active at the same time ([`Scope::Window`] is active whenever the main window is
/// not presenting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Anywhere in the main window outside presentation mode, even while typing in a field.
    Window,
    /// Acting on the records: everywhere but while typing in a field outside the editor
    /// form (there, the field's own undo applies).
    Records,
    /// Browsing the timeline, when no text field has the keyboard.
    Browse,
    /// In the search box.
    SearchBox,
    /// While a dataset is being read.
    Loading,
    /// In presentation mode (the audience's and the presenter's windows).
    Present,
}

impl Scope {
    /// Whether shortcuts of `self` and `other` can be live at the same moment.
    pub fn overlaps(self, other: Scope) -> bool {
        use Scope::{Browse, Loading, Present, Records, SearchBox, Window};
        match (self, other) {
            (a, b) if a == b => true,
            (Present, _) | (_, Present) => false,
            (Window, _) | (_, Window) => true,
            (Records, Browse | SearchBox | Loading) | (Browse | SearchBox | Loading, Records) => {
                true
            }
            // While loading, Esc cancels before browsing sees it; the search box and the
            // timeline never have the keyboard at once; presenting is a mode of its own.
            _ => false,
        }
    }
}

/// Everything a shortcut can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Save,
    Present,
    Undo,
    Redo,
    NewEvent,
    Duplicate,
    Reload,
    OpenPath,
    ToggleFilters,
    Search,
    ToggleList,
    NextLanguage,
    Fit,
    Escape,
    Edit,
    Delete,
    ShowDetails,
    ZoomIn,
    ZoomOut,
    NextInSeries,
    PreviousInSeries,
    Next,
    Previous,
    First,
    Last,
    NextMatch,
    PreviousMatch,
    CancelLoad,
    StepNext,
    StepBack,
    FirstStep,
    LastStep,
    PresenterView,
    EndPresentation,
}

/// One action: what it does, its keys, and where they work.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ActionDef {
    pub action: Action,
    /// The first one is the one shown in menus and tooltips.
    pub shortcuts: &'static [KeyboardShortcut],
    /// The id of its message (`assets/i18n/*/ui-actions.ftl`): the label in menus and
    /// README's key table.
    pub message: &'static str,
    /// Whether the message has a `.hint`: a few words for the status bar's hints.
    pub hint: bool,
    pub scope: Scope,
}

impl ActionDef {
    /// The action's name in menus and tooltips, in `language`.
    pub fn label(&self, language: Language) -> String {
        crate::i18n::tr(language, self.message)
    }

    /// The status bar's few words for it, in `language`, if it has them.
    pub fn hint(&self, language: Language) -> Option<String> {
        self.hint
            .then(|| crate::i18n::tr_attr(language, self.message, "hint"))
    }
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn def(
    action: Action,
    shortcuts: &'static [KeyboardShortcut],
    message: &'static str,
    hint: bool,
    scope: Scope,
) -> ActionDef {
    ActionDef {
        action,
        shortcuts,
        message,
        hint,
        scope,
    }
}

/// Every action. Within a scope, a shortcut with more modifiers comes before the same key with
/// fewer (egui matches Shift loosely), which a test checks.
pub(crate) const ACTIONS: &[ActionDef] = &[
    def(
        Action::Save,
        &[cmd(Key::S)],
        "action-save",
        true,
        Scope::Window,
    ),
    def(
        Action::Present,
        &[key(Key::F5)],
        "action-present",
        false,
        Scope::Window,
    ),
    def(
        Action::Redo,
        &[cmd_shift(Key::Z), cmd(Key::Y)],
        "action-redo",
        false,
        Scope::Records,
    ),
    def(
        Action::Undo,
        &[cmd(Key::Z)],
        "action-undo",
        false,
        Scope::Records,
    ),
    def(
        Action::NewEvent,
        &[cmd(Key::N)],
        "action-new-event",
        true,
        Scope::Window,
    ),
    def(
        Action::Duplicate,
        &[cmd(Key::D)],
        "action-duplicate",
        false,
        Scope::Window,
    ),
    def(
        Action::Reload,
        &[cmd(Key::R)],
        "action-reload",
        false,
        Scope::Window,
    ),
    def(
        Action::OpenPath,
        &[cmd(Key::O)],
        "action-open-path",
        false,
        Scope::Window,
    ),
    def(
        Action::ToggleFilters,
        &[cmd_shift(Key::F)],
        "action-toggle-filters",
        false,
        Scope::Window,
    ),
    def(
        Action::Search,
        &[cmd(Key::F)],
        "action-search",
        true,
        Scope::Window,
    ),
    def(
        Action::NextLanguage,
        &[cmd_shift(Key::L)],
        "action-next-language",
        false,
        Scope::Window,
    ),
    def(
        Action::ToggleList,
        &[cmd(Key::L)],
        "action-toggle-list",
        false,
        Scope::Window,
    ),
    def(
        Action::Fit,
        &[key(Key::F)],
        "action-fit",
        true,
        Scope::Browse,
    ),
    def(
        Action::Escape,
        &[key(Key::Escape)],
        "action-escape",
        true,
        Scope::Browse,
    ),
    def(
        Action::Edit,
        &[key(Key::E)],
        "action-edit",
        true,
        Scope::Browse,
    ),
    def(
        Action::Delete,
        &[key(Key::Delete)],
        "action-delete",
        false,
        Scope::Browse,
    ),
    def(
        Action::ShowDetails,
        &[key(Key::Enter)],
        "action-show-details",
        false,
        Scope::Browse,
    ),
    def(
        Action::ZoomIn,
        // `+` arrives as Plus or, unshifted, as Equals on most keyboards.
        &[key(Key::Plus), key(Key::Equals)],
        "action-zoom-in",
        true,
        Scope::Browse,
    ),
    def(
        Action::ZoomOut,
        &[key(Key::Minus)],
        "action-zoom-out",
        false,
        Scope::Browse,
    ),
    def(
        Action::NextInSeries,
        &[shift(Key::ArrowRight)],
        "action-next-in-series",
        false,
        Scope::Browse,
    ),
    def(
        Action::PreviousInSeries,
        &[shift(Key::ArrowLeft)],
        "action-previous-in-series",
        false,
        Scope::Browse,
    ),
    def(
        Action::Next,
        &[key(Key::ArrowRight)],
        "action-next",
        true,
        Scope::Browse,
    ),
    def(
        Action::Previous,
        &[key(Key::ArrowLeft)],
        "action-previous",
        false,
        Scope::Browse,
    ),
    def(
        Action::First,
        &[key(Key::Home)],
        "action-first",
        false,
        Scope::Browse,
    ),
    def(
        Action::Last,
        &[key(Key::End)],
        "action-last",
        false,
        Scope::Browse,
    ),
    def(
        Action::NextMatch,
        &[key(Key::ArrowDown), key(Key::Enter)],
        "action-next-match",
        false,
        Scope::SearchBox,
    ),
    def(
        Action::PreviousMatch,
        &[key(Key::ArrowUp)],
        "action-previous-match",
        false,
        Scope::SearchBox,
    ),
    def(
        Action::CancelLoad,
        &[key(Key::Escape)],
        "action-cancel-load",
        false,
        Scope::Loading,
    ),
    def(
        Action::StepNext,
        &[
            key(Key::ArrowRight),
            key(Key::Space),
            key(Key::PageDown),
            key(Key::ArrowDown),
        ],
        "action-step-next",
        true,
        Scope::Present,
    ),
    def(
        Action::StepBack,
        &[key(Key::ArrowLeft), key(Key::PageUp), key(Key::ArrowUp)],
        "action-step-back",
        true,
        Scope::Present,
    ),
    def(
        Action::FirstStep,
        &[key(Key::Home)],
        "action-first-step",
        true,
        Scope::Present,
    ),
    def(
        Action::LastStep,
        &[key(Key::End)],
        "action-last-step",
        true,
        Scope::Present,
    ),
    def(
        Action::PresenterView,
        &[key(Key::P)],
        "action-presenter-view",
        true,
        Scope::Present,
    ),
    def(
        Action::EndPresentation,
        &[key(Key::Escape), key(Key::F5)],
        "action-end-presentation",
        true,
        Scope::Present,
    ),
];

/// The declaration of `action`.
pub(crate) fn def_of(action: Action) -> &'static ActionDef {
    ACTIONS
        .iter()
        .find(|d| d.action == action)
        .expect("every action is declared in ACTIONS")
}

/// `action`'s first shortcut as the platform writes it ("Ctrl+S", "⌘S"), for menus and
/// tooltips.
pub(crate) fn shortcut_text(ctx: &egui::Context, action: Action) -> String {
    def_of(action)
        .shortcuts
        .first()
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default()
}

/// "Label (Ctrl+S)", for a tooltip, in the interface's language.
pub(crate) fn tooltip(ctx: &egui::Context, action: Action) -> String {
    let def = def_of(action);
    let label = def.label(super::lang(ctx));
    match def.shortcuts.first() {
        Some(s) => format!("{label} ({})", ctx.format_shortcut(s)),
        None => label,
    }
}

/// Consume this frame's presses of the shortcuts of every action in `scope`, in table order;
/// each action is returned once for every press.
pub fn pressed(input: &mut egui::InputState, scope: Scope) -> Vec<Action> {
    let mut actions = Vec::new();
    for def in ACTIONS.iter().filter(|d| d.scope == scope) {
        for shortcut in def.shortcuts {
            let n = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
            actions.extend(std::iter::repeat_n(def.action, n));
        }
    }
    actions
}

/// The status bar's hints: "←/→: previous/next · +: zoom · …", from the actions that have
/// one.
pub(crate) fn status_hints(ctx: &egui::Context) -> String {
    let language = super::lang(ctx);
    ACTIONS
        .iter()
        .filter(|d| d.scope != Scope::Present)
        .filter_map(|d| {
            let hint = d.hint(language)?;
            let keys = match d.action {
                // One hint for the pair.
                Action::Next => format!(
                    "{}/{}",
                    ctx.format_shortcut(&def_of(Action::Previous).shortcuts[0]),
                    ctx.format_shortcut(&d.shortcuts[0])
                ),
                Action::ZoomIn => format!(
                    "{}/{}",
                    ctx.format_shortcut(&d.shortcuts[0]),
                    ctx.format_shortcut(&def_of(Action::ZoomOut).shortcuts[0])
                ),
                _ => ctx.format_shortcut(&d.shortcuts[0]),
            };
            Some(format!("{keys}: {hint}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Presentation mode's reminder of its keys: "Right / Space / PageDown / Down: next · …".
pub(crate) fn presentation_hints(ctx: &egui::Context) -> String {
    let language = super::lang(ctx);
    ACTIONS
        .iter()
        .filter(|d| d.scope == Scope::Present)
        .filter_map(|d| {
            let keys: Vec<String> = d.shortcuts.iter().map(|s| ctx.format_shortcut(s)).collect();
            Some(format!("{}: {}", keys.join(" / "), d.hint(language)?))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// README's key table, made from [`ACTIONS`] (keys as on Linux and Windows).
pub fn markdown_table() -> String {
    let mut out = String::from("| action | keys | where |\n|---|---|---|\n");
    for def in ACTIONS {
        let keys: Vec<String> = def
            .shortcuts
            .iter()
            .map(|s| s.format(&egui::ModifierNames::NAMES, false))
            .collect();
        let scope = match def.scope {
            Scope::Window => "anywhere (outside presentation mode)",
            Scope::Records => "anywhere but a text field outside the editor",
            Scope::Browse => "the timeline (no text field focused)",
            Scope::SearchBox => "the search box",
            Scope::Loading => "while a dataset is being read",
            Scope::Present => "presentation mode",
        };
        out.push_str(&format!(
            "| {} | {} | {scope} |\n",
            def.label(Language::English),
            keys.join(" or ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_live_actions_share_a_shortcut() {
        for (i, a) in ACTIONS.iter().enumerate() {
            for b in &ACTIONS[i + 1..] {
                if !a.scope.overlaps(b.scope) {
                    continue;
                }
                for sa in a.shortcuts {
                    assert!(
                        !b.shortcuts.contains(sa),
                        "{:?} and {:?} both use {sa:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn every_action_is_declared_once_with_a_shortcut() {
        let mut seen = std::collections::HashSet::new();
        for def in ACTIONS {
            assert!(seen.insert(def.action), "{:?} twice", def.action);
            assert!(!def.shortcuts.is_empty(), "{:?} has no key", def.action);
        }
    }

    #[test]
    fn more_specific_shortcuts_come_first() {
        // egui matches Shift loosely: Ctrl+F would take Ctrl+Shift+F if it came first.
        let live: Vec<(usize, &KeyboardShortcut, Scope)> = ACTIONS
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.shortcuts.iter().map(move |s| (i, s, d.scope)))
            .collect();
        for &(i, a, sa) in &live {
            for &(j, b, sb) in &live {
                let looser = a.logical_key == b.logical_key
                    && a.modifiers != b.modifiers
                    && b.modifiers.matches_logically(a.modifiers);
                if looser && sa == sb {
                    assert!(j < i, "{b:?} must come before {a:?}");
                }
            }
        }
    }

    #[test]
    fn readme_lists_every_action() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let table = markdown_table();
        assert!(
            readme.contains(&table),
            "README's key table is out of date; it should read:\n\n{table}"
        );
    }
}
