//! Files ↔ model: reading dataset folders, reporting problems with their place.

pub mod atomic;
pub mod diagnostics;
pub mod fast;
pub mod format;
pub mod history;
pub mod input;
pub mod lex;
pub mod load;
pub mod merge;
pub mod parse;
pub mod pictures;
pub mod save;
pub mod session;
pub mod translations;
pub mod validate;
pub mod watch;
pub mod write;

pub use diagnostics::{Diagnostic, Severity};
pub use load::{Loaded, load_dataset};
