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

/// `f` of every item, on two threads taking items in turn; results in `items` order.
pub(crate) fn map_on_two_threads<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let other = scope.spawn(work);
        let mut mine = work();
        mine.extend(
            other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        );
        mine
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
