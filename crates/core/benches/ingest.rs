//! Ingest throughput: the seed article and the fictional fixtures, parsed
//! together on one core. Criterion reports the throughput in bytes per second.
//!
//! `cargo bench -p storyscope-core --bench ingest`

use std::fs;
use std::path::Path;

// The same allocator as the `storyscope` command, which runs the ingest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use storyscope_core::ingest::{ingest, ArticleInput};
use storyscope_core::Roster;

fn load(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && !p.to_string_lossy().ends_with(".problems.txt")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roster: Roster =
        toml::from_str(&fs::read_to_string(root.join("../../data/people.toml")).unwrap()).unwrap();
    let fixtures: Roster = toml::from_str(
        &fs::read_to_string(root.join("tests/fixtures/ingest/people.toml")).unwrap(),
    )
    .unwrap();
    roster.person.extend(fixtures.person);
    let mut articles = load(&root.join("../../data/articles"));
    articles.extend(load(&root.join("tests/fixtures/ingest")));
    // Enough copies for a corpus of about a megabyte.
    let one_round: usize = articles.iter().map(|(_, t)| t.len()).sum();
    let copies = (1 << 20) / one_round + 1;
    let corpus: Vec<(String, String)> =
        (0..copies).flat_map(|_| articles.iter().cloned()).collect();
    let inputs: Vec<ArticleInput<'_>> = corpus
        .iter()
        .map(|(name, text)| ArticleInput { name, text })
        .collect();
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();

    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function(
        format!("{} articles, {} KiB", inputs.len(), bytes / 1024),
        |b| b.iter(|| ingest(&inputs, &roster)),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
