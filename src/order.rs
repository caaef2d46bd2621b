//! The one sort of the app's lists.

/// Sorts `items` by `key`, stably: items of equal keys keep their order.
/// Every list of the app is sorted through this one sort of plain
/// `(key, position)` pairs rather than a sort of its own.
pub fn sort_by_rank<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut ranked: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (key(item), i))
        .collect();
    ranked.sort_unstable();
    let sorted = ranked.iter().map(|&(_, i)| items[i]).collect();
    *items = sorted;
}

/// The rank that puts later days first and no day last.
pub fn newest_first(day: Option<storyscope_core::Day>) -> u64 {
    day.map_or(u64::MAX, |d| {
        // Any i32 year times 512 stays well within ±2^42.
        let ordinal = i64::from(d.year()) * 512 + i64::from(d.month()) * 32 + i64::from(d.day());
        ((1i64 << 42) - ordinal) as u64
    })
}
