//! `annals merge-file` on two 10,000-event files: each side edits a tenth of the records
//! (different fields of some of the same records) and appends 100. Run:
//! `cargo bench --bench merge`.

use criterion::{Criterion, criterion_group, criterion_main};

use annals::store::merge::merge_texts;

fn record(i: usize, title: &str, summary: &str) -> String {
    format!(
        "    (\n        id: \"ev-{i:05}\",\n        title: \"{title}\",\n        when: \"20{:02}-{:02}-{:02}\",\n        kind: \"visit\",\n        summary: \"{summary}\",\n        sources: [(publisher: \"TASS\", url: \"https://tass.com/{i}\")],\n    ),\n",
        i % 100,
        i % 12 + 1,
        i % 28 + 1
    )
}

/// Base, ours and theirs of an event file of `n` records.
pub fn versions(n: usize) -> (String, String, String) {
    let mut base = String::from("[\n");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for i in 0..n {
        let title = format!("Event number {i}");
        let summary = format!("What happened at event {i}, in a sentence or two.");
        base.push_str(&record(i, &title, &summary));
        let ours_title = if i % 10 == 0 {
            format!("{title} (ours)")
        } else {
            title.clone()
        };
        ours.push_str(&record(i, &ours_title, &summary));
        let theirs_summary = if i % 20 == 0 {
            format!("{summary} Theirs.")
        } else {
            summary.clone()
        };
        theirs.push_str(&record(i, &title, &theirs_summary));
    }
    for i in n..n + 100 {
        ours.push_str(&record(i, "Added by ours", "New."));
        theirs.push_str(&record(i + 100, "Added by theirs", "New."));
    }
    for text in [&mut base, &mut ours, &mut theirs] {
        text.push_str("]\n");
    }
    (base, ours, theirs)
}

fn merge(c: &mut Criterion) {
    let (base, ours, theirs) = versions(10_000);
    let out = merge_texts(&base, &ours, &theirs).expect("merges");
    assert!(out.conflicts.is_empty());
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.bench_function("two 10,000-event files", |b| {
        b.iter(|| merge_texts(&base, &ours, &theirs).expect("merges"));
    });
    group.finish();
}

criterion_group!(benches, merge);
criterion_main!(benches);
