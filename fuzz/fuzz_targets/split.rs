//! Fuzzes the loader of a split dataset the way the app uses it: the text is
//! read as an index and outlined, the outline prepared for the timeline, and
//! the same bytes are tried as a chunk and as a word shard of that outline.
//! Nothing may panic; what the outline accepts must be consistent.

#![no_main]

use libfuzzer_sys::fuzz_target;
use storyscope_core::explore::Explorer;
use storyscope_core::query::TimelineQuery;
use storyscope_core::split::{check_chunk, layout_of, LoadedWords, SplitIndex, WordShard};
use storyscope_core::Dataset;

fuzz_target!(|data: &[u8]| {
    // Any bytes as a word shard: refused, or read into what it writes back.
    if let Ok(shard) = WordShard::decode(data) {
        assert_eq!(WordShard::decode(&shard.encode()).unwrap(), shard);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = layout_of(text);
    let Ok(index) = serde_json::from_str::<SplitIndex>(text) else {
        return;
    };
    let Ok(outline) = index.outline() else {
        return;
    };
    assert_eq!(outline.dataset.stories.len(), index.stories.len());
    assert_eq!(outline.chunk_of.len(), index.stories.len());
    assert!(outline.chunk_of.iter().all(|&c| c < index.chunks));
    let explorer = Explorer::for_outline(&outline.dataset);
    // The index's own text, read as a chunk and as a shard, must be refused
    // or accepted cleanly.
    if let Ok(chunk) = serde_json::from_str::<Dataset>(text) {
        let _ = check_chunk(&outline.dataset, &outline.chunk_of, 0, chunk);
    }
    let mut words = LoadedWords::default();
    if let Ok(shard) = WordShard::decode(data) {
        let _ = words.add(shard, explorer.len());
    }
    let query = TimelineQuery {
        text: index.words.first().cloned().unwrap_or_default(),
        ..TimelineQuery::default()
    };
    let view = explorer.run_with(&outline.dataset, &query, &words);
    assert_eq!(view.total, view.items.len());
    assert!(view.total <= explorer.len());
});
