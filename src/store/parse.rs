//! What every stage of the store shares: how a record is read, where it came from, and the
//! names a dataset folder uses. It depends on nothing else in `store`, so lexing, parsing,
//! validating, formatting, saving and merging can all use it without importing each other.

use std::hash::Hasher as _;
use std::ops::Range;

use ron::extensions::Extensions;

use crate::model::event::Event;

/// The folder of a dataset that holds its storylines.
pub const BRIEFINGS_DIR: &str = "briefings";

/// The file in a dataset folder that holds its manifest; every other `.ron` file holds events.
pub const MANIFEST_FILE: &str = "manifest.ron";

/// How records are read: `Some` may be left out, nesting is limited.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Where a record was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordOrigin {
    /// Index into the loaded files (`Loaded::files`).
    pub file: usize,
    /// Byte range of the record's text.
    pub span: Range<usize>,
}

/// An event as parsed, with where it came from; input to validation.
pub struct ParsedEvent {
    pub event: Event,
    pub origin: RecordOrigin,
}

/// A fingerprint of a file's bytes, to notice that it changed on disk since it was read.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// Whether `text` ends its lines with `\r\n` (judged by its first line).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}
