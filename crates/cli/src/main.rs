//! `storyscope`: the command-line side of Storyscope. `storyscope help`
//! lists the commands ([`storyscope_cli::args::COMMANDS`] holds their help);
//! `storyscope help COMMAND` or `storyscope COMMAND --help` gives one.

use std::path::Path;
use std::process::ExitCode;

// The ingest allocates many small strings and vectors; mimalloc makes it
// about a fifth faster than the system allocator (see the ingest benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use storyscope_cli::args::{self, Command};
use storyscope_cli::error::Error;
use storyscope_cli::ingest::{self, people};
use storyscope_cli::progress::Meter;
use storyscope_cli::serve::StaticServer;
use storyscope_cli::validate::check_file;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(e) => {
            eprintln!("storyscope: {e}\n\n{}", e.help());
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("storyscope: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints an outcome's problems (stderr) and report (stdout).
fn show(outcome: &ingest::Outcome) {
    for problem in &outcome.problems {
        eprintln!("{problem}");
    }
    print!("{}", outcome.report);
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Ingest(options) => {
            let outcome = ingest::run(&options);
            show(&outcome);
            Ok(if outcome.failed {
                ExitCode::FAILURE
            } else if !outcome.left_out.is_empty() {
                // Written, with some articles left out.
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::People(options) => {
            let outcome = people(&options);
            show(&outcome);
            Ok(if outcome.failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Validate { file } => {
            let checked = check_file(&file);
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
        Command::Serve { dir, addr, base } => serve(&dir, &addr, &base),
        Command::Precompress { dir } => {
            let done = storyscope_cli::precompress::precompress(&dir)?;
            println!(
                "compressed {} files of {}: {} bytes, {} as brotli, {} as gzip",
                done.files,
                dir.display(),
                done.bytes,
                done.brotli,
                done.gzip
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Pages {
            dir,
            site_url,
            newest,
        } => {
            let done = storyscope_cli::pages::write_pages(&dir, site_url.as_deref(), newest)?;
            for id in &done.left_out {
                eprintln!(
                    "{}: no page for {id}: its id cannot name a folder",
                    dir.display()
                );
            }
            for note in &done.notes {
                eprintln!("note: {note}");
            }
            println!(
                "wrote {} pages{} and 404.html into {}",
                done.pages,
                if done.sitemap { ", sitemap.xml" } else { "" },
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Csp { file } => {
            storyscope_cli::csp::add_policy_to_file(&file)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            stories,
            seed,
            out,
            split,
        } => generate(stories, seed, &out, split),
        Command::Help(None) => {
            print!("{}", args::usage());
            Ok(ExitCode::SUCCESS)
        }
        Command::Help(Some(command)) => {
            print!("usage:\n{command}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            println!("storyscope {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `storyscope serve`: the built app in `dir`, until stopped.
fn serve(dir: &Path, addr: &str, base: &str) -> Result<ExitCode, Error> {
    if !dir.join("index.html").is_file() {
        return Err(Error::NoApp {
            dir: dir.to_path_buf(),
        });
    }
    let server = StaticServer::start(dir, addr, base).map_err(|source| Error::Listen {
        addr: addr.to_string(),
        source,
    })?;
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

/// `storyscope generate`: a synthetic dataset of `stories` stories.
fn generate(
    stories: usize,
    seed: u64,
    out: &Path,
    split: Option<usize>,
) -> Result<ExitCode, Error> {
    let started = std::time::Instant::now();
    let meter = Meter::on_stderr();
    let dataset = storyscope_core::generate::generate_telling(
        storyscope_core::generate::GenerateOptions { stories, seed },
        &mut |done, total| meter.show("generating", done, total, "stories"),
    );
    meter.clear();
    if let Some(per_chunk) = split {
        let written = storyscope_cli::files::write_split_showing(
            &dataset,
            out,
            per_chunk,
            &Meter::on_stderr(),
        )
        .map_err(Error::write(out))?;
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
    let mut json = serde_json::to_string(&dataset).map_err(|source| Error::Encode {
        path: out.to_path_buf(),
        source,
    })?;
    json.push('\n');
    storyscope_cli::files::write_atomically(out, json.as_bytes()).map_err(Error::write(out))?;
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
