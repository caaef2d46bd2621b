//! Reading a dataset's text at 10k stories (about 40 MB, the size the app's
//! load benchmark uses): the strict parse and validation alone, and
//! `load_dataset`, which adds the limits and, for broken input, the
//! item-by-item path; and what the app does at load with the same corpus:
//! `Explorer::new` on the whole dataset, and for the split layout the index
//! read into its outline (`load_split_index`) and `Explorer::for_outline`.
//!
//! `cargo bench -p storyscope-core --bench load`

use criterion::{criterion_group, criterion_main, Criterion};
use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::Dataset;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    let dataset = generate(GenerateOptions {
        stories: 10_000,
        seed: 1,
    });
    let text = serde_json::to_string(&dataset).unwrap_or_default();
    eprintln!("10k stories: {:.1} MB", text.len() as f64 / 1e6);
    group.bench_function("strict parse + validate", |b| {
        b.iter(|| {
            let d: Dataset = serde_json::from_str(&text).unwrap_or_default();
            storyscope_core::validate::validate(&d).len()
        })
    });
    group.bench_function("load_dataset", |b| {
        b.iter(|| {
            storyscope_core::load::load_dataset(&text)
                .map(|l| l.dataset.stories.len())
                .unwrap_or_default()
        })
    });
    group.bench_function("Explorer::new", |b| {
        b.iter(|| storyscope_core::explore::Explorer::new(&dataset).len())
    });
    let parts = storyscope_core::split::split(
        &dataset,
        storyscope_core::split::DEFAULT_CHUNK_STORIES,
        "chunks",
    );
    let index_text = serde_json::to_string(&parts.index).unwrap_or_default();
    eprintln!(
        "10k stories, split index: {:.1} MB",
        index_text.len() as f64 / 1e6
    );
    group.bench_function("split index: load_split_index", |b| {
        b.iter(|| {
            storyscope_core::load::load_split_index(&index_text)
                .map(|(_, outline)| outline.dataset.quotes.len())
                .unwrap_or_default()
        })
    });
    let outline = storyscope_core::load::load_split_index(&index_text)
        .map(|(_, outline)| outline.dataset)
        .unwrap_or_default();
    group.bench_function("split index: Explorer::for_outline", |b| {
        b.iter(|| storyscope_core::explore::Explorer::for_outline(&outline).len())
    });
    // One story with a date of the wrong type: the item-by-item path.
    let broken = text.replacen("\"date\":\"", "\"date\":1,\"x\":\"", 1);
    group.bench_function("load_dataset, one bad story", |b| {
        b.iter(|| {
            storyscope_core::load::load_dataset(&broken)
                .map(|l| l.report.skipped_items())
                .unwrap_or_default()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
