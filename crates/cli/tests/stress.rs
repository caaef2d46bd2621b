//! `storyscope ingest` on hostile articles, through the real binary: a huge
//! article, thousands of quotes on one line, an unclosed quote, and files
//! that must fail. Each either gives a correct result in time linear in its
//! size, or is left out with a `file:line` message while the other
//! articles are written (with `--strict`, nothing is, and the previous
//! output stays exactly as it was).
//!
//! The huge article weighs 50 MB when the tests are built optimised
//! (`cargo test --profile native -p storyscope-cli --test stress`) and 8 MB
//! in a plain debug `cargo test`, where the same work is about ten times
//! slower.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A run killed past this has hung; whether a run is linear is told by
/// comparing it with a quarter of its input, not by this clock.
const DEADLINE: Duration = Duration::from_secs(600);

/// The most four times the input may take over the input: 4 when linear,
/// 16 when quadratic; the rest is room for a busy machine.
const MOST_FOR_FOUR_TIMES: f64 = 8.0;

/// What a run of the binary left behind.
struct Run {
    success: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `storyscope ingest` in `dir` on its `articles/` folder, writing
/// `out.json`; kills it and fails the test past [`DEADLINE`] (a hang).
fn ingest(dir: &Path) -> Run {
    ingest_with(dir, &[])
}

fn ingest_with(dir: &Path, extra: &[&str]) -> Run {
    let (out, err) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let start = Instant::now();
    let mut args = vec!["ingest", "--people", "people.toml", "--out", "out.json"];
    args.extend_from_slice(extra);
    args.push("articles");
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyscope"))
        .args(&args)
        .current_dir(dir)
        .stdout(Stdio::from(File::create(&out).unwrap()))
        .stderr(Stdio::from(File::create(&err).unwrap()))
        .spawn()
        .expect("the storyscope binary runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the ingest took longer than {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        success: status.success(),
        code: status.code(),
        stdout: fs::read_to_string(out).unwrap(),
        stderr: fs::read_to_string(err).unwrap(),
        took: start.elapsed(),
    }
}

/// A scratch folder with the seed roster and an `articles/` folder,
/// removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(&format!("storyscope-stress-{name}-"))
        .tempdir()
        .unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    let root = root();
    fs::copy(
        root.join("data/people.toml"),
        dir.path().join("people.toml"),
    )
    .unwrap();
    dir
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The numbers of the report's first line: stories, quotes, posts, events.
fn counts(report: &str) -> [usize; 4] {
    let line = report.lines().next().unwrap_or("");
    let number = |what: &str| -> usize {
        line.split(", ")
            .find_map(|part| part.strip_suffix(what))
            .and_then(|n| n.rsplit(' ').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {what} in {line:?}"))
    };
    [
        number(" stories"),
        number(" quotes"),
        number(" posts"),
        number(" events"),
    ]
}

/// The seed article with its body (all but the first line) written
/// `copies` times.
fn seed_copies(copies: usize) -> String {
    let seed = fs::read_to_string(root().join("data/articles/000_bda31d4c8048925d.txt")).unwrap();
    let (first, body) = seed.split_once('\n').unwrap();
    let body = format!("{}\n\n", body.trim_matches('\n'));
    let mut text = String::with_capacity(first.len() + 2 + body.len() * copies);
    text.push_str(first);
    text.push_str("\n\n");
    for _ in 0..copies {
        text.push_str(&body);
    }
    text
}

#[test]
fn a_huge_article_is_ingested_whole_in_linear_time() {
    let megabytes = if cfg!(debug_assertions) { 8 } else { 50 };
    let tmp = scratch("huge");
    let dir = tmp.path();
    fs::write(dir.join("articles/a.txt"), seed_copies(1)).unwrap();
    let one = ingest(dir);
    assert!(one.success, "{}", one.stderr);
    let [stories, quotes, posts, events] = counts(&one.stdout);
    assert_eq!(stories, 1);
    assert!(quotes > 0 && posts > 0 && events > 0, "{}", one.stdout);

    let body = seed_copies(2).len() - seed_copies(1).len();
    let copies = (megabytes * 1024 * 1024 / body + 1).next_multiple_of(4);
    let quarter = {
        fs::write(dir.join("articles/a.txt"), seed_copies(copies / 4)).unwrap();
        let run = ingest(dir);
        assert!(run.success, "{}", run.stderr);
        run.took
    };
    let text = seed_copies(copies);
    assert!(text.len() >= megabytes * 1024 * 1024);
    fs::write(dir.join("articles/a.txt"), &text).unwrap();
    let huge = ingest(dir);
    let ratio = huge.took.as_secs_f64() / quarter.as_secs_f64();
    eprintln!(
        "{} MB article ({copies} copies of the seed's body) ingested in {:.1?}, \
         a quarter of it in {quarter:.1?}: {ratio:.2} times",
        text.len() / (1024 * 1024),
        huge.took
    );
    assert!(huge.success, "{}", huge.stderr);
    assert!(
        ratio < MOST_FOR_FOUR_TIMES,
        "four times the article took {ratio:.2} times as long ({:.1?} against {quarter:.1?}): \
         the ingest is not linear in the article's size",
        huge.took
    );
    // Every copy of the body gives what it gives alone.
    assert_eq!(
        counts(&huge.stdout),
        [1, quotes * copies, posts * copies, events * copies],
        "{}",
        huge.stdout
    );
    let written = fs::metadata(dir.join("out.json")).unwrap().len();
    assert!(written as usize > text.len(), "the body holds all the text");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn ten_thousand_quotes_on_one_line_are_all_read() {
    let tmp = scratch("quotes");
    let dir = tmp.path();
    let speakers = ["West said", "Kardashian said", "Davidson told TMZ"];
    let quotes: Vec<String> = (0..10_000)
        .map(|i| format!("\"This is quote number {i},\" {}.", speakers[i % 3]))
        .collect();
    let text = format!(
        " date 2021-11-26 Kanye West, Kim Kardashian and Pete Davidson talked. {}\n",
        quotes.join(" ")
    );
    fs::write(dir.join("articles/a.txt"), text).unwrap();
    let run = ingest(dir);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(counts(&run.stdout)[1], 10_000, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "quotes per speaker: kanye-west 3334, kim-kardashian 3333, pete-davidson 3333"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("outlets: TMZ"), "{}", run.stdout);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unclosed_quote_is_a_located_warning_and_the_rest_is_read() {
    let tmp = scratch("unclosed");
    let dir = tmp.path();
    let text = " date 2021-11-26 Kim Kardashian spoke on Monday.\n\n\
                She said, \"this never ends and goes on\n\
                and on.\n\n\
                \"We are fine,\" West said.\n";
    fs::write(dir.join("articles/a.txt"), text).unwrap();
    let run = ingest(dir);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "articles/a.txt:3: warning: a quote mark is never closed; the quote is read to the end of its paragraph"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(counts(&run.stdout)[..2], [1, 2], "{}", run.stdout);
    assert!(
        run.stdout
            .contains("quotes per speaker: kanye-west 1, kim-kardashian 1"),
        "{}",
        run.stdout
    );
    fs::remove_dir_all(dir).unwrap();
}

/// Each bad article is named with its `file:line` message and left out:
/// the good one is written and the exit status says something was left
/// out; with `--strict` nothing is written. No temporary file is left.
#[test]
fn bad_articles_fail_with_a_location_and_keep_the_old_output() {
    let good = seed_copies(1);
    let mut long_then_bad = seed_copies(200).into_bytes();
    let lines = long_then_bad.iter().filter(|&&b| b == b'\n').count();
    long_then_bad.extend_from_slice(b"The end \xc3\x28 of it.\n");
    let bad_line = format!(
        "articles/b.txt:{}: error: the file is not UTF-8 text",
        lines + 1
    );
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "only a date marker",
            b" date 2021-11-26 \n\n\n",
            "articles/b.txt:1: error: the article has no first paragraph",
        ),
        (
            "only a heading and a post",
            " date 2021-11-26\n\nHeading\n\nHi pic.twitter.com/x\n\u{2014} Kim (@kim) May 1, 2021\n"
                .as_bytes(),
            "articles/b.txt:1: error: the article has no first paragraph",
        ),
        (
            "bad bytes at the end of a long article",
            &long_then_bad,
            &bad_line,
        ),
        (
            "only white space",
            b" \t\r\n\r\n  \n",
            "articles/b.txt:1: error: the article is empty",
        ),
    ];
    for (what, bytes, want) in cases {
        let tmp = scratch("bad");
        let dir = tmp.path();
        fs::write(dir.join("out.json"), "previous output").unwrap();
        fs::write(dir.join("articles/a.txt"), &good).unwrap();
        fs::write(dir.join("articles/b.txt"), bytes).unwrap();
        let strict = ingest_with(dir, &["--strict"]);
        assert!(!strict.success, "{what}: should fail");
        assert!(strict.stderr.contains(want), "{what}: {}", strict.stderr);
        assert!(
            strict.stdout.contains("nothing written to out.json") || strict.stdout.is_empty(),
            "{what}: {}",
            strict.stdout
        );
        assert_eq!(
            fs::read_to_string(dir.join("out.json")).unwrap(),
            "previous output",
            "{what}"
        );
        let run = ingest(dir);
        assert_eq!(run.code, Some(3), "{what}: {}", run.stderr);
        assert!(run.stderr.contains(want), "{what}: {}", run.stderr);
        assert!(
            run.stdout
                .contains("left out for the errors above (1 of 2): articles/b.txt"),
            "{what}: {}",
            run.stdout
        );
        let written = fs::read_to_string(dir.join("out.json")).unwrap();
        assert!(
            written.contains("articles/a.txt") && !written.contains("articles/b.txt"),
            "{what}"
        );
        let leftovers = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .count();
        assert_eq!(leftovers, 0, "{what}: temporary files left");
        fs::remove_dir_all(dir).unwrap();
    }
}
