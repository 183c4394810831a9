//! Files ↔ model: reading dataset folders, reporting problems with their place.

pub mod diagnostics;
pub mod lex;
pub mod load;
pub mod validate;
pub mod watch;

pub use diagnostics::{Diagnostic, Severity};
pub use load::{Loaded, load_dataset};
