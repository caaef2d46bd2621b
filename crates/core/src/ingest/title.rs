//! Short titles for articles that have no headline, derived from the lede.

use super::layout::{RawBlock, RawKind};

/// Words before which a long lede can be cut and still read as a title.
const CUT_BEFORE: [&str; 19] = [
    "at",
    "in",
    "on",
    "through",
    "showing",
    "along",
    "after",
    "while",
    "despite",
    "amid",
    "following",
    "as",
    "because",
    "since",
    "when",
    "where",
    "who",
    "which",
    "with",
];

/// The title of an article: the first sentence of its lede, the first
/// paragraph of prose that is not crawl furniture (else the first paragraph
/// at all: a headline in title case, a quote standing alone); `None` when
/// it has no paragraph with words.
pub fn title_of(blocks: &[RawBlock]) -> Option<String> {
    let prose = |b: &&RawBlock| b.kind == RawKind::Paragraph && !b.furniture && is_prose(&b.text);
    let lede = blocks
        .iter()
        .find(prose)
        .or_else(|| {
            blocks
                .iter()
                .find(|b| b.kind == RawKind::Paragraph && !b.furniture)
        })
        .or_else(|| blocks.iter().find(|b| b.kind == RawKind::Paragraph))?;
    let title = title_from_lede(&lede.text);
    (!title.trim().is_empty()).then_some(title)
}

/// Whether a paragraph reads as prose: six words or more, most of them
/// not capitalised, not opening with a quote mark.
fn is_prose(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 6 || text.starts_with(['"', '\u{201C}', '\u{2018}', '\'', '\u{201D}']) {
        return false;
    }
    let capitals = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitals * 2 < words.len() + 2
}

/// The longest a title may be, in bytes, before it is cut.
pub const MAX_TITLE: usize = 100;

/// A title from the lede: its first sentence, cut before a clause boundary
/// (or at a word boundary, with an ellipsis) when longer than [`MAX_TITLE`].
pub fn title_from_lede(lede: &str) -> String {
    let lede = lede.split_whitespace().collect::<Vec<_>>().join(" ");
    let first_sentence = lede
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| !lede[..i].ends_with(|c: char| c.is_uppercase()) || i > 3)
        .map_or(lede.as_str(), |i| &lede[..i]);
    let mut sentence = first_sentence.trim_end_matches(['.', '!', ',', ';', ':']);
    if sentence.trim().is_empty() {
        // The first "sentence" was only punctuation: take what follows it.
        sentence = lede.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
        sentence = sentence.split(". ").next().unwrap_or(sentence);
    }
    if sentence.len() <= MAX_TITLE {
        return sentence.to_string();
    }
    // Cut at the last clause boundary (a comma, or a word that starts a
    // clause) between 40 bytes and the limit.
    let mut best = None;
    for (i, _) in sentence.match_indices(' ') {
        if !(50..=MAX_TITLE).contains(&i) {
            continue;
        }
        let next_word = sentence[i + 1..].split(' ').next().unwrap_or("");
        if sentence[..i].ends_with(',') || CUT_BEFORE.contains(&next_word) {
            best = Some(i);
        }
    }
    if let Some(i) = best {
        return sentence[..i].trim_end_matches(',').to_string();
    }
    let mut cut = MAX_TITLE;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = sentence[..cut].rfind(' ').unwrap_or(cut);
    format!(
        "{}\u{2026}",
        sentence[..cut].trim_end_matches([',', ';', ':'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_lede() {
        let lede = "Kanye West did his best once again to bring back his ex-wife Kim Kardashian through his Instagram stories showing a screenshot of an article along with an old photo of the couple.";
        assert_eq!(
            title_from_lede(lede),
            "Kanye West did his best once again to bring back his ex-wife Kim Kardashian"
        );
    }

    #[test]
    fn short_ledes_and_hard_cuts() {
        assert_eq!(title_from_lede("Ann Lee won. Then more."), "Ann Lee won");
        let long = "word ".repeat(40);
        let t = title_from_lede(&long);
        assert!(t.ends_with('\u{2026}') && t.len() <= MAX_TITLE + 3, "{t}");
        let accents = "é".repeat(100);
        assert!(title_from_lede(&accents).ends_with('\u{2026}'));
    }
}
