//! Filter latency of the timeline's core at several corpus sizes: one
//! `Explorer::run` per filter change (person, date range, text search).
//!
//! `cargo bench -p storyscope-core --bench explore`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use storyscope_core::explore::Explorer;
use storyscope_core::generate::{generate, GenerateOptions};
use storyscope_core::query::TimelineQuery;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("explore");
    group.sample_size(10);
    for stories in [1_000, 10_000, 100_000] {
        let dataset = generate(GenerateOptions { stories, seed: 42 });
        let started = std::time::Instant::now();
        let explorer = Explorer::new(&dataset);
        eprintln!(
            "{stories} stories: Explorer::new took {:?}",
            started.elapsed()
        );
        let person = TimelineQuery {
            people: vec![dataset.people[3].id.clone()],
            ..TimelineQuery::default()
        };
        let dates = TimelineQuery {
            from: "2021-01-01".parse().ok(),
            to: "2021-03-31".parse().ok(),
            ..TimelineQuery::default()
        };
        let text = TimelineQuery {
            text: "grateful chapter".into(),
            ..TimelineQuery::default()
        };
        for (name, query) in [("person", &person), ("dates", &dates), ("text", &text)] {
            group.bench_with_input(BenchmarkId::new(name, stories), query, |b, q| {
                b.iter(|| explorer.run(&dataset, q))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
