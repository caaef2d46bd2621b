//! A view's items as a file: CSV (RFC 4180) or JSON, one row per story,
//! quote or post, with the columns a spreadsheet user expects.
//!
//! The file is written a slice of rows at a time ([`Table::push`]), so the
//! app can export 100,000 items between frames. Dataset text is untrusted:
//! in CSV every field that needs it is quoted, with its quotes doubled,
//! and a cell a spreadsheet would read as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) is neutralised with a leading
//! `'`; JSON escapes what JSON must and keeps the text as it is.

use crate::cite::{platform_name, post_author};
use crate::model::{DateSource, Person, Post, Precision, Quote, Story};
use crate::Day;

/// The columns, in order: CSV's header and JSON's keys.
pub const COLUMNS: [&str; 8] = [
    "kind",
    "date",
    "speaker_or_author",
    "text",
    "story_title",
    "outlet",
    "link",
    "id",
];

/// One item as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `story`, `quote` or `post`.
    pub kind: &'static str,
    /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known; empty when
    /// unknown.
    pub date: String,
    /// The speaker of a quote, the author of a post.
    pub who: String,
    /// A quote's or post's words; a story's title.
    pub text: String,
    /// The title of the story the item is in.
    pub story_title: String,
    /// The outlet a quote is credited to, a post's platform, the outlets
    /// a story cites.
    pub outlet: String,
    /// The item in Storyscope.
    pub link: String,
    /// The item's id in the dataset.
    pub id: String,
}

/// `day` as an export writes it.
fn date_of(day: Day, month_only: bool) -> String {
    if month_only {
        format!("{:04}-{:02}", day.year(), day.month())
    } else {
        day.to_string()
    }
}

/// An id as a path segment: anything but unreserved characters
/// percent-encoded.
fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address of a story in the app under `base` (which ends in `/`).
pub fn story_link(base: &str, story: &str) -> String {
    format!("{base}story/{}", segment(story))
}

/// The address of a quote's own page under `base`.
pub fn quote_link(base: &str, quote: &str) -> String {
    format!("{base}quote/{}", segment(quote))
}

/// The address of a post, in its story, under `base`.
pub fn post_link(base: &str, post: &Post) -> String {
    format!(
        "{}#post-{}",
        story_link(base, &post.story),
        segment(&post.id)
    )
}

impl Row {
    /// A story's row; its links under `base`.
    pub fn story(story: &Story, base: &str) -> Row {
        Row {
            kind: "story",
            date: date_of(story.date, story.precision == Precision::Month),
            who: String::new(),
            text: story.title.clone(),
            story_title: story.title.clone(),
            outlet: story.sources.join("; "),
            link: story_link(base, &story.id),
            id: story.id.clone(),
        }
    }

    /// A quote's row, with its speaker and story.
    pub fn quote(quote: &Quote, speaker: Option<&Person>, story: &Story, base: &str) -> Row {
        Row {
            kind: "quote",
            date: match quote.date {
                Some(day) => date_of(day, quote.date_source == DateSource::Month),
                None => String::new(),
            },
            who: speaker.map(|p| p.name.clone()).unwrap_or_default(),
            text: quote.text.clone(),
            story_title: story.title.clone(),
            outlet: quote.via.clone().unwrap_or_default(),
            link: quote_link(base, &quote.id),
            id: quote.id.clone(),
        }
    }

    /// A post's row, with its story.
    pub fn post(post: &Post, story: &Story, base: &str) -> Row {
        Row {
            kind: "post",
            date: post.date.map(|d| date_of(d, false)).unwrap_or_default(),
            who: post_author(post).unwrap_or_default(),
            text: post.text.clone(),
            story_title: story.title.clone(),
            outlet: platform_name(&post.platform).to_string(),
            link: post_link(base, post),
            id: post.id.clone(),
        }
    }

    fn fields(&self) -> [&str; 8] {
        [
            self.kind,
            &self.date,
            &self.who,
            &self.text,
            &self.story_title,
            &self.outlet,
            &self.link,
            &self.id,
        ]
    }
}

/// The file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated values, RFC 4180, with a header row.
    Csv,
    /// A JSON array of objects, one per row.
    Json,
}

impl FileFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
        }
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv;charset=utf-8",
            FileFormat::Json => "application/json",
        }
    }
}

/// A file being written, row by row.
#[derive(Clone, Debug)]
pub struct Table {
    format: FileFormat,
    out: String,
    rows: usize,
}

impl Table {
    /// An empty file of `format` (CSV starts with its header).
    pub fn new(format: FileFormat) -> Table {
        let mut out = String::new();
        match format {
            FileFormat::Csv => {
                out.push_str(&COLUMNS.join(","));
                out.push_str("\r\n");
            }
            FileFormat::Json => out.push('['),
        }
        Table {
            format,
            out,
            rows: 0,
        }
    }

    /// Adds `row`.
    pub fn push(&mut self, row: &Row) {
        match self.format {
            FileFormat::Csv => {
                for (i, field) in row.fields().into_iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    csv_field(&mut self.out, field);
                }
                self.out.push_str("\r\n");
            }
            FileFormat::Json => {
                self.out.push_str(if self.rows == 0 { "\n" } else { ",\n" });
                self.out.push('{');
                for (i, (key, field)) in COLUMNS.iter().zip(row.fields()).enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    json_string(&mut self.out, key);
                    self.out.push(':');
                    json_string(&mut self.out, field);
                }
                self.out.push('}');
            }
        }
        self.rows += 1;
    }

    /// How many rows it has.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The file's text.
    pub fn finish(mut self) -> String {
        if self.format == FileFormat::Json {
            self.out
                .push_str(if self.rows == 0 { "]\n" } else { "\n]\n" });
        }
        self.out
    }
}

/// A CSV field: neutralised when a spreadsheet would take it for a
/// formula, quoted when it holds a quote, a comma or a line break.
fn csv_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || field.contains(['"', ',', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}

/// A JSON string: quotes, backslashes and control characters escaped, and
/// the line and paragraph separators, which some readers of JSON as
/// JavaScript take for line breaks.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The file name for an export of `what` (a slug such as `timeline` or a
/// person's id).
pub fn file_name(what: &str, format: FileFormat) -> String {
    let what: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("storyscope-{what}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Row {
        Row {
            kind: "quote",
            date: "2024-03-01".into(),
            who: "Jane Roe".into(),
            text: text.into(),
            story_title: "The show, again".into(),
            outlet: "Daily Planet".into(),
            link: "https://example.org/quote/q1".into(),
            id: "q1".into(),
        }
    }

    /// An RFC 4180 reader: fields, quoted or not, rows ending in CRLF.
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') if field.is_empty() => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "the last row ends in CRLF"
        );
        rows
    }

    const HOSTILE: [&str; 6] = [
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "+1+2",
        "-3",
        "@SUM(A1)",
        "He said \"no\", then left,\nand came back\r\nlater",
        "plain words",
    ];

    #[test]
    fn csv_fields_come_back_intact_and_formulas_neutralised() {
        let mut table = Table::new(FileFormat::Csv);
        for text in HOSTILE {
            table.push(&row(text));
        }
        assert_eq!(table.rows(), HOSTILE.len());
        let rows = read_csv(&table.finish());
        assert_eq!(rows[0], COLUMNS);
        for (got, text) in rows[1..].iter().zip(HOSTILE) {
            assert_eq!(got.len(), COLUMNS.len());
            let expected = if text.starts_with(['=', '+', '-', '@']) {
                format!("'{text}")
            } else {
                text.to_string()
            };
            assert_eq!(got[3], expected);
            assert_eq!(got[4], "The show, again");
        }
    }

    #[test]
    fn json_rows_come_back_exactly() {
        let mut table = Table::new(FileFormat::Json);
        let texts = [HOSTILE.as_slice(), &["\u{2028}\u{0}\\ end"]].concat();
        for text in &texts {
            table.push(&row(text));
        }
        let text = table.finish();
        let parsed: Vec<std::collections::BTreeMap<String, String>> =
            serde_json::from_str(&text).unwrap();
        assert_eq!(parsed.len(), texts.len());
        for (got, text) in parsed.iter().zip(&texts) {
            assert_eq!(&got["text"], text);
            assert_eq!(got["speaker_or_author"], "Jane Roe");
            assert_eq!(got.len(), COLUMNS.len());
        }
        let empty: Vec<serde_json::Value> =
            serde_json::from_str(&Table::new(FileFormat::Json).finish()).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn links_name_the_item_under_the_base() {
        let post = Post {
            id: "s-p1".into(),
            story: "s 1".into(),
            platform: "instagram".into(),
            author: None,
            handle: Some("roe".into()),
            date: None,
            text: "hi".into(),
            url: None,
            people: Vec::new(),
            block: None,
        };
        assert_eq!(
            post_link("https://e.org/sub/", &post),
            "https://e.org/sub/story/s%201#post-s-p1"
        );
        assert_eq!(quote_link("/", "q/1"), "/quote/q%2F1");
        let story = Story {
            id: "s 1".into(),
            date: Day::from_ymd(2021, 11, 1).unwrap(),
            precision: Precision::Month,
            title: "T".into(),
            people: Vec::new(),
            sources: vec!["A".into(), "B".into()],
            origin: None,
            body: Vec::new(),
        };
        let r = Row::post(&post, &story, "/");
        assert_eq!(
            (r.who.as_str(), r.outlet.as_str(), r.date.as_str()),
            ("@roe", "Instagram", "")
        );
        let s = Row::story(&story, "/");
        assert_eq!((s.date.as_str(), s.outlet.as_str()), ("2021-11", "A; B"));
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name("kanye-west", FileFormat::Csv),
            "storyscope-kanye-west.csv"
        );
        assert_eq!(
            file_name("../x y", FileFormat::Json),
            "storyscope----x-y.json"
        );
    }
}
