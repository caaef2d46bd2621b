//! The `storyscope` binary as a user runs it: exit codes, `file:line`
//! messages on bad input, and outputs that are never half-written.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

// The broken datasets the end-to-end tests give the app, with the same
// expected lines.
use storyscope_browser::bad_datasets;

fn storyscope(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyscope"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the storyscope binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch folder with the seed roster and an `articles/` folder,
/// removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(&format!("storyscope-cli-{name}-"))
        .tempdir()
        .unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    fs::copy(
        root.join("data/people.toml"),
        dir.path().join("people.toml"),
    )
    .unwrap();
    dir
}

/// `storyscope ingest` of `articles` into `out.json`, with `extra` options.
fn ingest_with(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["ingest", "--people", "people.toml", "--out", "out.json"];
    args.extend_from_slice(extra);
    args.push("articles");
    storyscope(&args, dir)
}

fn ingest(dir: &Path) -> Output {
    ingest_with(dir, &[])
}

fn ingest_check(dir: &Path) -> Output {
    ingest_with(dir, &["--check"])
}

const GOOD: &str = " date 2021-11-26 Kanye West spoke. \"We made mistakes here,\" West said.\n";

#[test]
fn a_good_article_is_ingested_and_validates() {
    let tmp = scratch("good");
    let dir = tmp.path();
    fs::write(dir.join("articles/a.txt"), GOOD).unwrap();
    let out = ingest(dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("1 article(s): 1 stories, 1 quotes, 0 posts"),
        "{report}"
    );
    assert!(
        report.contains("quotes per speaker: kanye-west 1"),
        "{report}"
    );
    let out = storyscope(&["validate", "out.json"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid: 1 story, 1 quote"));
    // --check passes on an up-to-date file and fails on a stale one.
    let check = ingest_check(dir);
    assert!(check.status.success(), "{}", stderr(&check));
    fs::write(dir.join("articles/a.txt"), GOOD.replace("spoke", "talked")).unwrap();
    let check = ingest_check(dir);
    assert!(!check.status.success());
    assert!(
        stderr(&check).contains("out.json: error: out of date"),
        "{}",
        stderr(&check)
    );
}

/// Each bad input fails with its `file:line` message and leaves the
/// previous output exactly as it was.
#[test]
fn bad_inputs_fail_with_a_location_and_keep_the_old_output() {
    let cases: [(&str, &[u8], &str); 5] = [
        ("no date marker", b"Kanye West did his best.\n", "articles/a.txt:1: error: no date marker"),
        ("impossible date", b" date 2021-02-30 Text.\n", "articles/a.txt:1: error: bad date marker: \"2021-02-30\" is not a date: February 2021 has no day 30"),
        ("non-UTF-8", b" date 2021-11-26 Fine.\n\nBad \xff\xfe byte.\n", "articles/a.txt:3: error: the file is not UTF-8 text"),
        ("only whitespace", b"   \n\n\t\n", "articles/a.txt:1: error: the article is empty"),
        ("year-only date", b" date 2021 Text.\n", "articles/a.txt:1: error: bad date marker"),
    ];
    for (what, bytes, want) in cases {
        let tmp = scratch("bad");
        let dir = tmp.path();
        fs::write(dir.join("out.json"), "previous output").unwrap();
        fs::write(dir.join("articles/a.txt"), bytes).unwrap();
        let out = ingest(dir);
        assert!(!out.status.success(), "{what}: should fail");
        assert!(stderr(&out).contains(want), "{what}: {}", stderr(&out));
        assert_eq!(
            fs::read_to_string(dir.join("out.json")).unwrap(),
            "previous output",
            "{what}"
        );
        let leftovers: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{what}: temporary files left");
    }
}

/// One bad article is left out and named; the others are written, and the
/// exit status says something was left out. `--strict` writes nothing.
#[test]
fn a_bad_article_is_left_out_and_the_others_are_written() {
    let tmp = scratch("partial");
    let dir = tmp.path();
    fs::write(dir.join("out.json"), "previous output").unwrap();
    fs::write(dir.join("articles/a.txt"), GOOD).unwrap();
    fs::write(dir.join("articles/b.txt"), "No marker here.\n").unwrap();
    let strict = ingest_with(dir, &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("articles/b.txt:1: error: no date marker"));
    assert_eq!(
        fs::read_to_string(dir.join("out.json")).unwrap(),
        "previous output"
    );
    let out = ingest(dir);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("articles/b.txt:1: error: no date marker"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("left out for the errors above (1 of 2): articles/b.txt"),
        "{report}"
    );
    let written = fs::read_to_string(dir.join("out.json")).unwrap();
    assert!(
        written.contains("\"origin\": \"articles/a.txt\""),
        "{written}"
    );
    assert!(!written.contains("articles/b.txt"));
}

/// A date marker with only the month is read with month precision, and
/// the report says so.
#[test]
fn a_month_only_date_marker_is_read_with_month_precision() {
    let tmp = scratch("month");
    let dir = tmp.path();
    fs::write(
        dir.join("articles/a.txt"),
        " date 2021-11 Kanye West spoke. \"We made mistakes here,\" West said.\n",
    )
    .unwrap();
    let out = ingest(dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("articles/a.txt:1: warning: the date marker gives only the month: the story is dated November 2021 with month precision"),
        "{}",
        stderr(&out)
    );
    let written = fs::read_to_string(dir.join("out.json")).unwrap();
    assert!(written.contains("\"date\": \"2021-11-01\""), "{written}");
    assert!(written.contains("\"precision\": \"month\""), "{written}");
}

/// `storyscope people` lists who the ingest finds, in the roster's format,
/// so that the output can be edited and given back as `--people`.
#[test]
fn people_are_listed_in_the_roster_format() {
    let tmp = scratch("people");
    let dir = tmp.path();
    fs::write(
        dir.join("articles/a.txt"),
        " date 2024-05-01 Singer Jane Roe, 31, met host Sam Lee.\n\n\"It was fun,\" Roe said. \"I will be back,\" she added.\n",
    )
    .unwrap();
    let out = storyscope(&["people", "articles"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let roster: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let people = roster["person"].as_array().unwrap();
    let roe = people
        .iter()
        .find(|p| p["id"].as_str() == Some("jane-roe"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(roe["name"].as_str(), Some("Jane Roe"));
    assert_eq!(roe["pronouns"].as_str(), Some("she"));
    assert!(roe["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a.as_str() == Some("Roe")));
    assert!(
        roe["descriptors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d.as_str() == Some("singer")),
        "{text}"
    );
    assert!(
        text.contains("# 2 mention(s) in 1 story(ies), 2 quote(s)"),
        "{text}"
    );
    assert!(
        people.iter().any(|p| p["id"].as_str() == Some("sam-lee")),
        "{text}"
    );
    // Given back as corrections, it changes nothing.
    fs::write(dir.join("found.toml"), &text).unwrap();
    let plain = storyscope(&["ingest", "--out", "plain.json", "articles"], dir);
    let corrected = storyscope(
        &[
            "ingest",
            "--people",
            "found.toml",
            "--out",
            "corrected.json",
            "articles",
        ],
        dir,
    );
    assert!(
        plain.status.success() && corrected.status.success(),
        "{}",
        stderr(&corrected)
    );
    let plain = fs::read_to_string(dir.join("plain.json")).unwrap();
    let corrected = fs::read_to_string(dir.join("corrected.json")).unwrap();
    assert_eq!(plain, corrected);
}

#[test]
fn roster_problems_name_the_line() {
    let tmp = scratch("roster");
    let dir = tmp.path();
    fs::write(dir.join("articles/a.txt"), GOOD).unwrap();
    let mut roster = fs::read_to_string(dir.join("people.toml")).unwrap();
    roster.push_str("\n[[person]]\nid = \"kanye-west\"\nname = \"Another\"\n");
    fs::write(dir.join("people.toml"), &roster).unwrap();
    let line = roster.lines().count() - 1;
    let out = ingest(dir);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "people.toml:{line}: error: the id \"kanye-west\" is already used by person[0]"
        )),
        "{}",
        stderr(&out)
    );
    fs::write(
        dir.join("people.toml"),
        "[[person]]\nid = \"x\"\nname = 3\n",
    )
    .unwrap();
    let out = ingest(dir);
    assert!(
        stderr(&out).contains("people.toml:3: error:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unreadable_inputs_and_usage_errors() {
    let tmp = scratch("missing");
    let dir = tmp.path();
    let out = storyscope(
        &[
            "ingest",
            "--people",
            "people.toml",
            "--out",
            "out.json",
            "nowhere",
        ],
        dir,
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("nowhere: cannot read"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out.json").exists());
    let out = storyscope(&["ingest", "articles"], dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ingest needs --out FILE"));
    let out = storyscope(&["frobnicate"], dir);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn options_read_as_users_write_them() {
    let tmp = scratch("options");
    let dir = tmp.path();
    fs::write(dir.join("articles/a.txt"), GOOD).unwrap();
    // `--flag=value`, and a path after `--` that looks like an option.
    fs::copy(dir.join("articles/a.txt"), dir.join("--strict")).unwrap();
    let out = storyscope(
        &[
            "ingest",
            "--people=people.toml",
            "--out=out.json",
            "--",
            "--strict",
        ],
        dir,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("out.json").is_file());
    // A path that is not UTF-8 is a path like any other.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        let odd_out = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
        fs::write(dir.join(odd), GOOD).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_storyscope"))
            .args(["ingest".as_ref(), "--out".as_ref(), odd_out, odd])
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(fs::read_to_string(dir.join(odd_out))
            .unwrap()
            .contains("We made mistakes here"));
    }
    // What would be guessed at is refused, with that command's help only.
    let out = storyscope(
        &["ingest", "--out", "a.json", "--out", "b.json", "articles"],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("storyscope: --out is given twice; give it once\n"),
        "{err}"
    );
    assert!(err.contains("storyscope ingest [--people FILE]") && !err.contains("storyscope serve"));
    let out = storyscope(
        &[
            "ingest",
            "--out",
            "a.json",
            "--chunk-stories",
            "5",
            "articles",
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--chunk-stories only works with --split"));
    assert!(!dir.join("a.json").exists());
    // Each command has its own help.
    let out = storyscope(&["validate", "--help"], dir);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("storyscope validate FILE") && !help.contains("storyscope ingest"));
}

#[test]
fn validate_reports_each_broken_dataset_as_the_app_does() {
    let tmp = scratch("validate");
    let dir = tmp.path();
    fs::write(dir.join("good.json"), bad_datasets::base().to_string()).unwrap();
    let out = storyscope(&["validate", "good.json"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("good.json: valid: 6 stories"));
    for case in bad_datasets::all() {
        let name = case.name;
        fs::write(dir.join("bad.json"), &case.text).unwrap();
        let out = storyscope(&["validate", "bad.json"], dir);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        for line in &case.lines {
            assert!(
                err.lines()
                    .any(|l| l.starts_with("bad.json") && l.ends_with(line.as_str())),
                "{name}: no line ends with\n{line}\nin\n{err}"
            );
        }
        let summary = String::from_utf8_lossy(&out.stdout).into_owned();
        match &case.summary {
            None => assert_eq!(
                summary.trim(),
                "bad.json: cannot be shown: fix the problems above",
                "{name}"
            ),
            Some(skipped) => assert!(
                summary.starts_with(&format!("bad.json: {skipped}; the app shows the rest: ")),
                "{name}: {summary}"
            ),
        }
    }
}

/// The articles of a run are read on every core; the dataset is the same,
/// byte for byte, as when they are read on one.
#[test]
fn every_core_writes_what_one_core_writes() {
    let tmp = scratch("threads");
    let dir = tmp.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures");
    let mut copied = 0;
    for sub in ["attribution", "ingest"] {
        for entry in fs::read_dir(fixtures.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".txt") && !name.contains(".expected") {
                fs::copy(&path, dir.join("articles").join(&name)).unwrap();
                copied += 1;
            }
        }
    }
    assert!(copied >= 12, "only {copied} fixtures found");
    let all = ingest_with(dir, &[]);
    assert!(all.status.success(), "{}", stderr(&all));
    let on_all = fs::read(dir.join("out.json")).unwrap();
    let one = ingest_with(dir, &["--one-thread"]);
    assert!(one.status.success(), "{}", stderr(&one));
    let on_one = fs::read(dir.join("out.json")).unwrap();
    assert!(on_all.len() > 10_000, "the dataset is too small to tell");
    assert!(on_all == on_one, "the datasets differ");
    assert_eq!(all.stdout, one.stdout, "the reports differ");
}
