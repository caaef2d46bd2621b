//! Numbers and days as readers write them. Integers only: the app formats
//! no floats.

/// A count with thousands separators: 90041 -> "90,041".
pub use storyscope_core::validate::thousands;

/// A day as readers write it: "November 24, 2021".
pub fn long_date(day: storyscope_core::Day) -> String {
    format!("{} {}, {}", day.month_name(), day.day(), day.year())
}

/// A count with its noun: "1 quote", "90,041 items".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A byte count for people: "9.8 KB", "61.2 MB".
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b} bytes"),
        b if b < 1_000_000 => tenths(b, 1_000, "KB"),
        b => tenths(b, 1_000_000, "MB"),
    }
}

/// `bytes / unit` with one decimal, rounded.
fn tenths(bytes: usize, unit: usize, name: &str) -> String {
    let tenths = (bytes * 10 + unit / 2) / unit;
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}
