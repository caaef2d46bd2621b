//! `storyscope`: the command-line side of Storyscope.
//!
//! ```text
//! storyscope ingest [--people data/people.toml] --out data/stories.json [--check] [--strict] data/articles
//! storyscope ingest ... --split [--chunk-stories N]   (the split layout)
//! storyscope people [--people data/people.toml] [--out FILE] data/articles
//! storyscope validate data/stories.json
//! storyscope serve [DIR] [--addr 127.0.0.1:8080] [--base /]
//! storyscope csp dist/index.html
//! ```

use std::path::PathBuf;

// The ingest allocates many small strings and vectors; mimalloc makes it
// about a fifth faster than the system allocator (see the ingest benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

use storyscope_cli::ingest::{people, run, IngestOptions, PeopleOptions};
use storyscope_cli::serve::StaticServer;
use storyscope_cli::validate::check_file;
use storyscope_core::ingest::Threads;

const USAGE: &str = "usage:
  storyscope ingest [--people FILE] --out FILE [--check] [--strict] [--split] [--one-thread] PATH...
      read articles (files or folders of .txt) and write the dataset; the
      people are found in the text, and --people FILE (people.toml) only
      corrects them; an article with an error is left out and named, the
      others are written (exit status 3); --strict writes nothing then;
      --check compares with the existing output instead of writing it;
      --split writes a compact index to FILE and the stories' text in
      chunk files beside it (--chunk-stories N per chunk, default 100);
      the articles are read on every core, or on one with --one-thread
      (the output is the same)
  storyscope people [--people FILE] [--out FILE] PATH...
      the people the ingest finds in the articles, in the roster format
      with their forms and how each was found, to review and correct
  storyscope validate FILE
      check a dataset the way the app does; fails when the app would
      refuse it or skip some of its items
  storyscope serve [DIR] [--addr ADDR] [--base PATH]
      serve the built app (default dist on 127.0.0.1:8080, base /)
  storyscope csp FILE
      write the Content-Security-Policy, with the hashes of its inline
      scripts, into a built index.html (Trunk's post_build hook runs it)
  storyscope generate --stories N [--seed S] --out FILE [--split]
      write a deterministic synthetic dataset of fictional people (for
      benchmarks and demos); --split as for ingest";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run_command(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("storyscope: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The `--split` and `--chunk-stories N` options: stories per chunk, when
/// the split layout is asked for.
fn split_option(options: &[(String, String)]) -> Result<Option<usize>, String> {
    let per_chunk = match option(options, "--chunk-stories") {
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n > 0 => n,
            _ => {
                return Err(format!(
                    "--chunk-stories needs a whole number above 0, not \"{v}\""
                ))
            }
        },
        None => storyscope_core::split::DEFAULT_CHUNK_STORIES,
    };
    Ok(option(options, "--split").map(|_| per_chunk))
}

/// Options given as `(--flag, value)` pairs; switches have an empty value.
type Options = Vec<(String, String)>;

/// Splits `args` into `--flag value` options and positional arguments.
fn parse(
    args: &[String],
    flags: &[&str],
    switches: &[&str],
) -> Result<(Options, Vec<String>), String> {
    let mut options = Vec::new();
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if switches.contains(&arg.as_str()) {
            options.push((arg.clone(), String::new()));
        } else if flags.contains(&arg.as_str()) {
            let value = iter.next().ok_or_else(|| format!("{arg} needs a value"))?;
            options.push((arg.clone(), value.clone()));
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else {
            positional.push(arg.clone());
        }
    }
    Ok((options, positional))
}

fn option<'a>(options: &'a [(String, String)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn run_command(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    match command.as_str() {
        "ingest" => {
            let (options, inputs) = parse(
                rest,
                &["--people", "--out", "--chunk-stories"],
                &["--check", "--split", "--strict", "--one-thread"],
            )?;
            let split = split_option(&options)?;
            let out = option(&options, "--out").ok_or("ingest needs --out FILE")?;
            if inputs.is_empty() {
                return Err("ingest needs at least one article file or folder".into());
            }
            let outcome = run(&IngestOptions {
                people: option(&options, "--people").map(PathBuf::from),
                out: PathBuf::from(out),
                inputs: inputs.iter().map(PathBuf::from).collect(),
                check: option(&options, "--check").is_some(),
                split,
                strict: option(&options, "--strict").is_some(),
                threads: if option(&options, "--one-thread").is_some() {
                    Threads::One
                } else {
                    Threads::All
                },
            });
            for problem in &outcome.problems {
                eprintln!("{problem}");
            }
            print!("{}", outcome.report);
            Ok(if outcome.failed {
                ExitCode::FAILURE
            } else if !outcome.left_out.is_empty() {
                // Written, with some articles left out.
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            })
        }
        "people" => {
            let (options, inputs) = parse(rest, &["--people", "--out"], &[])?;
            if inputs.is_empty() {
                return Err("people needs at least one article file or folder".into());
            }
            let outcome = people(&PeopleOptions {
                people: option(&options, "--people").map(PathBuf::from),
                inputs: inputs.iter().map(PathBuf::from).collect(),
                out: option(&options, "--out").map(PathBuf::from),
            });
            for problem in &outcome.problems {
                eprintln!("{problem}");
            }
            print!("{}", outcome.report);
            Ok(if outcome.failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "validate" => {
            let (_, files) = parse(rest, &[], &[])?;
            let [file] = files.as_slice() else {
                return Err("validate needs exactly one dataset file".into());
            };
            let checked = check_file(&PathBuf::from(file));
            for problem in &checked.problems {
                eprintln!("{problem}");
            }
            println!("{}", checked.summary);
            Ok(if checked.has_errors {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        "serve" => {
            let (options, dirs) = parse(rest, &["--addr", "--base"], &[])?;
            let dir = PathBuf::from(dirs.first().map_or("dist", String::as_str));
            let addr = option(&options, "--addr").unwrap_or("127.0.0.1:8080");
            let base = option(&options, "--base").unwrap_or("/");
            if !dir.join("index.html").is_file() {
                return Err(format!(
                    "{} has no index.html; build the app first (`./x serve` does)",
                    dir.display()
                ));
            }
            let server = StaticServer::start(&dir, addr, base)
                .map_err(|e| format!("cannot serve on {addr}: {e}"))?;
            let base = if base.ends_with('/') {
                base.to_string()
            } else {
                format!("{base}/")
            };
            println!(
                "Storyscope is at http://{}{base}  (Ctrl-C stops it)",
                server.addr()
            );
            server.join();
            Ok(ExitCode::SUCCESS)
        }
        "csp" => {
            let (_, files) = parse(rest, &[], &[])?;
            let [file] = files.as_slice() else {
                return Err("csp needs exactly one HTML file".into());
            };
            match storyscope_cli::csp::add_policy_to_file(&PathBuf::from(file)) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => {
                    eprintln!("storyscope: {e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        "generate" => {
            let (options, rest) = parse(
                rest,
                &["--stories", "--seed", "--out", "--chunk-stories"],
                &["--split"],
            )?;
            let split = split_option(&options)?;
            if let Some(extra) = rest.first() {
                return Err(format!("unexpected argument {extra}"));
            }
            let number = |name: &str, default: Option<u64>| -> Result<u64, String> {
                match option(&options, name) {
                    Some(v) => v
                        .parse()
                        .map_err(|_| format!("{name} needs a whole number, not \"{v}\"")),
                    None => default.ok_or_else(|| format!("generate needs {name} N")),
                }
            };
            let stories = usize::try_from(number("--stories", None)?).map_err(|e| e.to_string())?;
            let seed = number("--seed", Some(1))?;
            let out = PathBuf::from(option(&options, "--out").ok_or("generate needs --out FILE")?);
            let started = std::time::Instant::now();
            let dataset =
                storyscope_core::generate::generate(storyscope_core::generate::GenerateOptions {
                    stories,
                    seed,
                });
            if let Some(per_chunk) = split {
                let written = storyscope_cli::files::write_split(&dataset, &out, per_chunk)
                    .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
                println!(
                    "wrote {} ({} stories, {} quotes, {} posts, {} people; index {:.1} MB, {} chunks in {} totalling {:.1} MB, word shards {:.1} MB) in {:.2} s",
                    out.display(),
                    dataset.stories.len(),
                    dataset.quotes.len(),
                    dataset.posts.len(),
                    dataset.people.len(),
                    written.index_bytes as f64 / 1e6,
                    written.chunks,
                    written.chunk_dir.display(),
                    written.chunk_bytes as f64 / 1e6,
                    written.word_bytes as f64 / 1e6,
                    started.elapsed().as_secs_f64()
                );
                return Ok(ExitCode::SUCCESS);
            }
            let mut json = serde_json::to_string(&dataset).map_err(|e| e.to_string())?;
            json.push('\n');
            storyscope_cli::files::write_atomically(&out, json.as_bytes())
                .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
            println!(
                "wrote {} ({} stories, {} quotes, {} posts, {} people, {:.1} MB) in {:.2} s",
                out.display(),
                dataset.stories.len(),
                dataset.quotes.len(),
                dataset.posts.len(),
                dataset.people.len(),
                json.len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other}")),
    }
}
