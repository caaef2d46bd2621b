//! The command line: `storyscope COMMAND [OPTIONS] [ARGS]`, read with
//! [`lexopt`] from the arguments as the system gives them, so that a path
//! need not be UTF-8. Options take `--flag value` or `--flag=value`; `--`
//! ends them; an option given twice, or one that needs another, is refused
//! with a message rather than guessed at. The help of every command is
//! written once, in [`COMMANDS`].

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use lexopt::{Arg, Parser};
use storyscope_core::ingest::Threads;

use crate::ingest::{IngestOptions, PeopleOptions};

/// One command's help: how it is called and what it does.
#[derive(Debug, PartialEq, Eq)]
pub struct CommandHelp {
    /// The command's name.
    pub name: &'static str,
    /// Its arguments, after the name.
    pub synopsis: &'static str,
    /// What it does, in lines of up to 70 characters.
    pub about: &'static str,
}

impl fmt::Display for CommandHelp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  storyscope {} {}", self.name, self.synopsis)?;
        for line in self.about.lines() {
            writeln!(f, "      {}", line.trim())?;
        }
        Ok(())
    }
}

/// Every command, in the order the help lists them.
pub const COMMANDS: [CommandHelp; 8] = [
    CommandHelp {
        name: "ingest",
        synopsis: "[--people FILE] --out FILE [--check] [--strict] [--split [--chunk-stories N]] [--one-thread] PATH...",
        about: "read articles (files or folders of .txt) and write the dataset; the
            people are found in the text, and --people FILE (people.toml) only
            corrects them; an article with an error is left out and named, the
            others are written (exit status 3); --strict writes nothing then;
            --check compares with the existing output instead of writing it;
            --split writes a compact index to FILE and the stories' text in
            chunk files beside it (--chunk-stories N per chunk, default 100);
            the articles are read on every core, or on one with --one-thread
            (the output is the same)",
    },
    CommandHelp {
        name: "people",
        synopsis: "[--people FILE] [--out FILE] PATH...",
        about: "the people the ingest finds in the articles, in the roster format
            with their forms and how each was found, to review and correct",
    },
    CommandHelp {
        name: "validate",
        synopsis: "FILE",
        about: "check a dataset the way the app does; fails when the app would
            refuse it or skip some of its items",
    },
    CommandHelp {
        name: "serve",
        synopsis: "[DIR] [--addr ADDR] [--base PATH]",
        about: "serve the built app (default dist on 127.0.0.1:8080, base /)",
    },
    CommandHelp {
        name: "csp",
        synopsis: "FILE",
        about: "write the Content-Security-Policy, with the hashes of its inline
            scripts, into a built index.html (Trunk's post_build hook runs it)",
    },
    CommandHelp {
        name: "precompress",
        synopsis: "DIR",
        about: "write a brotli (.br) and a gzip (.gz) copy beside each text and wasm
            file of a built site, where smaller, for `storyscope serve` and hosts
            that send them to browsers that accept them (Trunk's post_build
            hook runs it)",
    },
    CommandHelp {
        name: "pages",
        synopsis: "DIR [--site-url URL] [--newest N|all]",
        about: "write a page per story, person and quote of a built site's dataset
            (DIR/story/<id>/index.html, ...), with its title, description,
            Open Graph and Twitter tags, its content in the HTML and its
            preview card, and DIR/404.html; with --site-url (the site's public
            https:// address) also canonical links, og:url and DIR/sitemap.xml;
            a larger dataset (whole or split) gets pages for its newest 1,000
            stories and their quotes, and for everyone (--newest N or all
            for more); the build runs it",
    },
    CommandHelp {
        name: "generate",
        synopsis: "--stories N [--seed S] --out FILE [--split [--chunk-stories N]]",
        about: "write a deterministic synthetic dataset of fictional people (for
            benchmarks and demos); --split as for ingest",
    },
];

/// The help of the command called `name`.
pub fn help_of(name: &str) -> Option<&'static CommandHelp> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The help of every command.
pub fn usage() -> String {
    let mut out = String::from(
        "usage: storyscope COMMAND [OPTIONS] [ARGS]\n       storyscope help [COMMAND]\n\ncommands:\n",
    );
    for command in &COMMANDS {
        out.push_str(&command.to_string());
    }
    out
}

/// A command line, read.
#[derive(Debug)]
pub enum Command {
    /// `storyscope ingest`.
    Ingest(IngestOptions),
    /// `storyscope people`.
    People(PeopleOptions),
    /// `storyscope validate FILE`.
    Validate {
        /// The dataset file.
        file: PathBuf,
    },
    /// `storyscope serve`.
    Serve {
        /// The folder with the built app.
        dir: PathBuf,
        /// The address to listen on.
        addr: String,
        /// The path the app is served under.
        base: String,
    },
    /// `storyscope precompress DIR`.
    Precompress {
        /// The built site.
        dir: PathBuf,
    },
    /// `storyscope pages DIR [--site-url URL]`.
    Pages {
        /// The built site.
        dir: PathBuf,
        /// Where it is published.
        site_url: Option<String>,
        /// How many of the newest stories get pages; `None` for all.
        newest: Option<usize>,
    },
    /// `storyscope csp FILE`.
    Csp {
        /// The page to write the policy into.
        file: PathBuf,
    },
    /// `storyscope generate`.
    Generate {
        /// How many stories.
        stories: usize,
        /// The seed of the generator.
        seed: u64,
        /// The dataset file to write.
        out: PathBuf,
        /// Stories per chunk, for the split layout.
        split: Option<usize>,
    },
    /// `storyscope help [COMMAND]`, `--help`: one command's help, or all.
    Help(Option<&'static CommandHelp>),
    /// `storyscope --version`.
    Version,
}

/// Why a command line was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// No command was given.
    NoCommand,
    /// The command is not one of [`COMMANDS`].
    UnknownCommand(String),
    /// An option the command does not take.
    UnknownOption {
        /// The command.
        command: &'static str,
        /// The option as given.
        option: String,
    },
    /// An argument the command does not take.
    Unexpected {
        /// The command.
        command: &'static str,
        /// The argument, as far as it can be shown.
        argument: String,
    },
    /// An option given without its value.
    MissingValue {
        /// The command.
        command: &'static str,
        /// The option.
        option: String,
    },
    /// A switch given a value (`--check=yes`).
    ValueNotTaken {
        /// The command.
        command: &'static str,
        /// The switch.
        option: String,
    },
    /// A value that is not what the option takes.
    BadValue {
        /// The command.
        command: &'static str,
        /// The option.
        option: &'static str,
        /// The value, as far as it can be shown.
        value: String,
        /// What the option takes.
        wanted: &'static str,
    },
    /// An option given twice.
    Repeated {
        /// The command.
        command: &'static str,
        /// The option.
        option: &'static str,
    },
    /// Something the command cannot do without.
    Missing {
        /// The command.
        command: &'static str,
        /// What it needs, as the help writes it.
        what: &'static str,
    },
    /// An option that only means something with another.
    Needs {
        /// The command.
        command: &'static str,
        /// The option given.
        option: &'static str,
        /// The option it needs.
        other: &'static str,
    },
    /// Two options that cannot go together.
    Conflict {
        /// The command.
        command: &'static str,
        /// One option.
        option: &'static str,
        /// The other.
        other: &'static str,
        /// Why not.
        why: &'static str,
    },
}

impl UsageError {
    /// The command the error is about, if any: its help is shown with it.
    pub fn command(&self) -> Option<&'static CommandHelp> {
        let name = match self {
            UsageError::NoCommand | UsageError::UnknownCommand(_) => return None,
            UsageError::UnknownOption { command, .. }
            | UsageError::Unexpected { command, .. }
            | UsageError::MissingValue { command, .. }
            | UsageError::ValueNotTaken { command, .. }
            | UsageError::BadValue { command, .. }
            | UsageError::Repeated { command, .. }
            | UsageError::Missing { command, .. }
            | UsageError::Needs { command, .. }
            | UsageError::Conflict { command, .. } => command,
        };
        help_of(name)
    }

    /// The help to show under the error: the command's, or all of it.
    pub fn help(&self) -> String {
        match self.command() {
            Some(command) => format!("usage:\n{command}"),
            None => usage(),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::NoCommand => f.write_str("no command given"),
            UsageError::UnknownCommand(name) => write!(f, "unknown command {name}"),
            UsageError::UnknownOption { command, option } => {
                write!(f, "{command} takes no option {option}")
            }
            UsageError::Unexpected { command, argument } => {
                write!(f, "{command} takes no argument {argument}")
            }
            UsageError::MissingValue { option, .. } => write!(f, "{option} needs a value"),
            UsageError::ValueNotTaken { option, .. } => write!(f, "{option} takes no value"),
            UsageError::BadValue {
                option,
                value,
                wanted,
                ..
            } => write!(f, "{option} needs {wanted}, not \"{value}\""),
            UsageError::Repeated { option, .. } => {
                write!(f, "{option} is given twice; give it once")
            }
            UsageError::Missing { command, what } => write!(f, "{command} needs {what}"),
            UsageError::Needs { option, other, .. } => {
                write!(f, "{option} only works with {other}")
            }
            UsageError::Conflict {
                option, other, why, ..
            } => write!(f, "{option} and {other} do not go together: {why}"),
        }
    }
}

impl std::error::Error for UsageError {}

/// Reads a command line (without the program's name).
pub fn parse<I>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut parser = Parser::from_args(args);
    let first = match parser.next() {
        Ok(Some(arg)) => arg,
        Ok(None) => return Err(UsageError::NoCommand),
        Err(e) => return Err(UsageError::UnknownCommand(e.to_string())),
    };
    let name = match first {
        Arg::Value(name) => name.to_string_lossy().into_owned(),
        Arg::Long("help") | Arg::Short('h') => return Ok(Command::Help(None)),
        Arg::Long("version") | Arg::Short('V') => return Ok(Command::Version),
        Arg::Long(option) => return Err(UsageError::UnknownCommand(format!("--{option}"))),
        Arg::Short(option) => return Err(UsageError::UnknownCommand(format!("-{option}"))),
    };
    let mut args = Args {
        command: match help_of(&name) {
            Some(help) => help.name,
            None if name == "help" => "help",
            None => return Err(UsageError::UnknownCommand(name)),
        },
        parser,
    };
    match args.command {
        "ingest" => ingest(&mut args),
        "people" => people(&mut args),
        "validate" => one_file(&mut args, "a dataset file")
            .map(|f| f.map_or_else(|| args.help(), |file| Command::Validate { file })),
        "csp" => one_file(&mut args, "an HTML file")
            .map(|f| f.map_or_else(|| args.help(), |file| Command::Csp { file })),
        "precompress" => one_file(&mut args, "the folder of a built site")
            .map(|f| f.map_or_else(|| args.help(), |dir| Command::Precompress { dir })),
        "serve" => serve(&mut args),
        "pages" => pages(&mut args),
        "generate" => generate(&mut args),
        _ => help(&mut args),
    }
}

/// The arguments after the command's name.
struct Args {
    command: &'static str,
    parser: Parser,
}

impl Args {
    /// The next argument; `Ok(None)` at the end.
    fn next(&mut self) -> Result<Option<Arg<'_>>, UsageError> {
        let command = self.command;
        self.parser.next().map_err(|e| match e {
            lexopt::Error::UnexpectedValue { option, .. } => {
                UsageError::ValueNotTaken { command, option }
            }
            other => UsageError::Unexpected {
                command,
                argument: other.to_string(),
            },
        })
    }

    /// The value of the option just read, as a path or other OS string.
    fn value(&mut self, option: &'static str) -> Result<OsString, UsageError> {
        self.parser.value().map_err(|_| UsageError::MissingValue {
            command: self.command,
            option: option.to_string(),
        })
    }

    /// The value of the option just read, as text.
    fn text(&mut self, option: &'static str) -> Result<String, UsageError> {
        let value = self.value(option)?;
        value.into_string().map_err(|value| UsageError::BadValue {
            command: self.command,
            option,
            value: value.to_string_lossy().into_owned(),
            wanted: "UTF-8 text",
        })
    }

    /// The value of the option just read, as a whole number; above 0 when
    /// `positive`.
    fn number<T: std::str::FromStr + PartialOrd + Default>(
        &mut self,
        option: &'static str,
        positive: bool,
    ) -> Result<T, UsageError> {
        let text = self.text(option)?;
        match text.parse::<T>() {
            Ok(n) if !positive || n > T::default() => Ok(n),
            _ => Err(UsageError::BadValue {
                command: self.command,
                option,
                value: text,
                wanted: if positive {
                    "a whole number above 0"
                } else {
                    "a whole number"
                },
            }),
        }
    }

    /// Keeps `value` in `slot`, refusing a second one.
    fn once<T>(
        &self,
        slot: &mut Option<T>,
        option: &'static str,
        value: T,
    ) -> Result<(), UsageError> {
        if slot.replace(value).is_some() {
            return Err(UsageError::Repeated {
                command: self.command,
                option,
            });
        }
        Ok(())
    }

    /// Keeps the value of the option just read in `slot` as a path,
    /// refusing a second one.
    fn path(&mut self, slot: &mut Option<PathBuf>, option: &'static str) -> Result<(), UsageError> {
        let value = self.value(option)?;
        self.once(slot, option, PathBuf::from(value))
    }

    /// Keeps the value of the option just read in `slot` as text, refusing
    /// a second one.
    fn word(&mut self, slot: &mut Option<String>, option: &'static str) -> Result<(), UsageError> {
        let value = self.text(option)?;
        self.once(slot, option, value)
    }

    /// Keeps the value of the option just read in `slot` as a whole number
    /// (above 0 when `positive`), refusing a second one.
    fn count<T: std::str::FromStr + PartialOrd + Default>(
        &mut self,
        slot: &mut Option<T>,
        option: &'static str,
        positive: bool,
    ) -> Result<(), UsageError> {
        let n = self.number(option, positive)?;
        self.once(slot, option, n)
    }

    /// Sets a switch, refusing a second one.
    fn switch(&self, on: &mut bool, option: &'static str) -> Result<(), UsageError> {
        if std::mem::replace(on, true) {
            return Err(UsageError::Repeated {
                command: self.command,
                option,
            });
        }
        Ok(())
    }

    fn missing(&self, what: &'static str) -> UsageError {
        UsageError::Missing {
            command: self.command,
            what,
        }
    }

    /// This command's help.
    fn help(&self) -> Command {
        Command::Help(help_of(self.command))
    }
}

/// The error for an argument `command` does not take.
fn refuse(command: &'static str, arg: Arg<'_>) -> UsageError {
    match arg {
        Arg::Long(option) => UsageError::UnknownOption {
            command,
            option: format!("--{option}"),
        },
        Arg::Short(option) => UsageError::UnknownOption {
            command,
            option: format!("-{option}"),
        },
        Arg::Value(value) => UsageError::Unexpected {
            command,
            argument: value.to_string_lossy().into_owned(),
        },
    }
}

/// Whether an argument asks for help.
fn is_help(arg: &Arg<'_>) -> bool {
    matches!(arg, Arg::Long("help") | Arg::Short('h'))
}

/// `--split` and `--chunk-stories N`: stories per chunk when split.
fn split_of(
    args: &Args,
    split: bool,
    chunk_stories: Option<usize>,
) -> Result<Option<usize>, UsageError> {
    match (split, chunk_stories) {
        (false, Some(_)) => Err(UsageError::Needs {
            command: args.command,
            option: "--chunk-stories",
            other: "--split",
        }),
        (false, None) => Ok(None),
        (true, n) => Ok(Some(
            n.unwrap_or(storyscope_core::split::DEFAULT_CHUNK_STORIES),
        )),
    }
}

fn ingest(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let (mut people, mut out, mut chunk_stories) = (None, None, None);
    let (mut check, mut strict, mut split, mut one_thread) = (false, false, false, false);
    let mut inputs = Vec::new();
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(args.help()),
            Arg::Long("people") => args.path(&mut people, "--people")?,
            Arg::Long("out") => args.path(&mut out, "--out")?,
            Arg::Long("chunk-stories") => {
                args.count(&mut chunk_stories, "--chunk-stories", true)?
            }
            Arg::Long("check") => args.switch(&mut check, "--check")?,
            Arg::Long("strict") => args.switch(&mut strict, "--strict")?,
            Arg::Long("split") => args.switch(&mut split, "--split")?,
            Arg::Long("one-thread") => args.switch(&mut one_thread, "--one-thread")?,
            Arg::Value(path) => inputs.push(PathBuf::from(path)),
            other => return Err(refuse(command, other)),
        }
    }
    let split = split_of(args, split, chunk_stories)?;
    if check && split.is_some() {
        return Err(UsageError::Conflict {
            command: args.command,
            option: "--check",
            other: "--split",
            why: "--check compares whole datasets only",
        });
    }
    let out = out.ok_or_else(|| args.missing("--out FILE"))?;
    if inputs.is_empty() {
        return Err(args.missing("at least one article file or folder"));
    }
    Ok(Command::Ingest(IngestOptions {
        people,
        out,
        inputs,
        check,
        split,
        strict,
        threads: if one_thread {
            Threads::One
        } else {
            Threads::All
        },
    }))
}

fn people(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let (mut people, mut out) = (None, None);
    let mut inputs = Vec::new();
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(args.help()),
            Arg::Long("people") => args.path(&mut people, "--people")?,
            Arg::Long("out") => args.path(&mut out, "--out")?,
            Arg::Value(path) => inputs.push(PathBuf::from(path)),
            other => return Err(refuse(command, other)),
        }
    }
    if inputs.is_empty() {
        return Err(args.missing("at least one article file or folder"));
    }
    Ok(Command::People(PeopleOptions {
        people,
        inputs,
        out,
    }))
}

/// The one file a command takes; `None` when help was asked for.
fn one_file(args: &mut Args, what: &'static str) -> Result<Option<PathBuf>, UsageError> {
    let command = args.command;
    let mut file = None;
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(None),
            Arg::Value(path) if file.is_none() => file = Some(PathBuf::from(path)),
            other => return Err(refuse(command, other)),
        }
    }
    file.map(Some).ok_or_else(|| args.missing(what))
}

fn serve(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let (mut dir, mut addr, mut base) = (None, None, None);
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(args.help()),
            Arg::Long("addr") => args.word(&mut addr, "--addr")?,
            Arg::Long("base") => args.word(&mut base, "--base")?,
            Arg::Value(path) if dir.is_none() => dir = Some(PathBuf::from(path)),
            other => return Err(refuse(command, other)),
        }
    }
    Ok(Command::Serve {
        dir: dir.unwrap_or_else(|| PathBuf::from("dist")),
        addr: addr.unwrap_or_else(|| "127.0.0.1:8080".into()),
        base: base.unwrap_or_else(|| "/".into()),
    })
}

fn pages(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let (mut dir, mut site_url, mut newest) = (None, None, None);
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(args.help()),
            Arg::Long("site-url") => args.word(&mut site_url, "--site-url")?,
            Arg::Long("newest") => {
                let value = args.text("--newest")?;
                let n = match value.parse::<usize>() {
                    _ if value == "all" => None,
                    Ok(n) if n > 0 => Some(n),
                    _ => {
                        return Err(UsageError::BadValue {
                            command,
                            option: "--newest",
                            value,
                            wanted: "a whole number above 0, or all",
                        })
                    }
                };
                args.once(&mut newest, "--newest", n)?;
            }
            Arg::Value(path) if dir.is_none() => dir = Some(PathBuf::from(path)),
            other => return Err(refuse(command, other)),
        }
    }
    Ok(Command::Pages {
        dir: dir.ok_or_else(|| args.missing("the folder of a built site"))?,
        site_url,
        newest: newest.unwrap_or(Some(crate::pages::NEWEST)),
    })
}

fn generate(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let (mut stories, mut seed, mut out, mut chunk_stories) = (None, None, None, None);
    let mut split = false;
    while let Some(arg) = args.next()? {
        match arg {
            arg if is_help(&arg) => return Ok(args.help()),
            Arg::Long("stories") => args.count(&mut stories, "--stories", true)?,
            Arg::Long("seed") => args.count(&mut seed, "--seed", false)?,
            Arg::Long("out") => args.path(&mut out, "--out")?,
            Arg::Long("chunk-stories") => {
                args.count(&mut chunk_stories, "--chunk-stories", true)?
            }
            Arg::Long("split") => args.switch(&mut split, "--split")?,
            other => return Err(refuse(command, other)),
        }
    }
    let split = split_of(args, split, chunk_stories)?;
    Ok(Command::Generate {
        stories: stories.ok_or_else(|| args.missing("--stories N"))?,
        seed: seed.unwrap_or(1),
        out: out.ok_or_else(|| args.missing("--out FILE"))?,
        split,
    })
}

/// `storyscope help [COMMAND]`.
fn help(args: &mut Args) -> Result<Command, UsageError> {
    let command = args.command;
    let mut topic = None;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Value(name) if topic.is_none() => {
                let name = name.to_string_lossy().into_owned();
                topic = Some(help_of(&name).ok_or(UsageError::UnknownCommand(name))?);
            }
            other => return Err(refuse(command, other)),
        }
    }
    Ok(Command::Help(topic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Result<Command, UsageError> {
        parse(line.split_whitespace())
    }

    fn ingest_options(line: &str) -> IngestOptions {
        match read(line) {
            Ok(Command::Ingest(options)) => options,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn options_take_a_value_after_a_space_or_an_equals_sign() {
        let spaced = ingest_options("ingest --people p.toml --out o.json a b");
        let joined = ingest_options("ingest --people=p.toml --out=o.json a b");
        for options in [spaced, joined] {
            assert_eq!(options.people, Some(PathBuf::from("p.toml")));
            assert_eq!(options.out, PathBuf::from("o.json"));
            assert_eq!(options.inputs, [PathBuf::from("a"), PathBuf::from("b")]);
            assert_eq!(options.split, None);
            assert_eq!(options.threads, Threads::All);
        }
    }

    #[test]
    fn pages_are_for_the_newest_thousand_stories_unless_told() {
        let newest = |line: &str| match read(line) {
            Ok(Command::Pages { newest, .. }) => Ok(newest),
            Ok(other) => panic!("{line}: {other:?}"),
            Err(e) => Err(e.to_string()),
        };
        assert_eq!(newest("pages dist"), Ok(Some(crate::pages::NEWEST)));
        assert_eq!(newest("pages dist --newest 250"), Ok(Some(250)));
        assert_eq!(newest("pages --newest=all dist"), Ok(None));
        for bad in ["0", "-3", "most"] {
            let err = newest(&format!("pages dist --newest {bad}")).unwrap_err();
            assert!(err.contains("--newest") && err.contains(bad), "{err}");
        }
    }

    #[test]
    fn a_double_dash_ends_the_options() {
        let options = ingest_options("ingest --out o.json -- --strict -h");
        assert!(!options.strict);
        assert_eq!(
            options.inputs,
            [PathBuf::from("--strict"), PathBuf::from("-h")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_path_need_not_be_utf8() {
        use std::os::unix::ffi::OsStringExt;
        let odd = OsString::from_vec(b"caf\xe9.txt".to_vec());
        let args = [
            OsString::from("ingest"),
            OsString::from("--out"),
            odd.clone(),
            odd.clone(),
        ];
        let Ok(Command::Ingest(options)) = parse(args) else {
            panic!("refused a non-UTF-8 path");
        };
        assert_eq!(options.out, PathBuf::from(&odd));
        assert_eq!(options.inputs, [PathBuf::from(&odd)]);
        // Where text is needed, the value is refused by name.
        let args = [OsString::from("serve"), OsString::from("--addr"), odd];
        assert!(matches!(
            parse(args),
            Err(UsageError::BadValue {
                option: "--addr",
                ..
            })
        ));
    }

    #[test]
    fn what_would_be_guessed_at_is_refused() {
        let cases = [
            (
                "ingest --out a --out b x",
                "--out is given twice; give it once",
            ),
            (
                "ingest --strict --strict --out a x",
                "--strict is given twice; give it once",
            ),
            (
                "ingest --out a --chunk-stories 5 x",
                "--chunk-stories only works with --split",
            ),
            (
                "generate --stories 5 --out a --chunk-stories 5",
                "--chunk-stories only works with --split",
            ),
            (
                "ingest --out a --split --chunk-stories 0 x",
                "--chunk-stories needs a whole number above 0, not \"0\"",
            ),
            (
                "ingest --out a --split --check x",
                "--check and --split do not go together: --check compares whole datasets only",
            ),
            ("ingest --out a --strict=yes x", "--strict takes no value"),
            ("ingest --out", "--out needs a value"),
            (
                "ingest --frobnicate x",
                "ingest takes no option --frobnicate",
            ),
            ("ingest x", "ingest needs --out FILE"),
            (
                "ingest --out a",
                "ingest needs at least one article file or folder",
            ),
            (
                "validate a.json b.json",
                "validate takes no argument b.json",
            ),
            ("validate", "validate needs a dataset file"),
            ("generate --out a", "generate needs --stories N"),
            (
                "generate --stories ten --out a",
                "--stories needs a whole number above 0, not \"ten\"",
            ),
            (
                "generate --stories 3 --out a extra",
                "generate takes no argument extra",
            ),
            ("frobnicate", "unknown command frobnicate"),
            ("help frobnicate", "unknown command frobnicate"),
            ("", "no command given"),
        ];
        for (line, message) in cases {
            match read(line) {
                Err(e) => assert_eq!(e.to_string(), message, "{line}"),
                Ok(command) => panic!("{line}: read as {command:?}"),
            }
        }
    }

    #[test]
    fn each_command_has_its_own_help() {
        for command in &COMMANDS {
            for line in [
                format!("{} --help", command.name),
                format!("{} -h", command.name),
                format!("help {}", command.name),
            ] {
                match read(&line) {
                    Ok(Command::Help(Some(help))) => assert_eq!(help, command, "{line}"),
                    other => panic!("{line}: {other:?}"),
                }
            }
        }
        assert!(matches!(read("--help"), Ok(Command::Help(None))));
        assert!(matches!(read("help"), Ok(Command::Help(None))));
        assert!(matches!(read("--version"), Ok(Command::Version)));
        // A refusal shows the help of its command only.
        let e = read("serve --port 8080").unwrap_err();
        assert_eq!(e.help(), format!("usage:\n{}", COMMANDS[3]));
        assert!(e.help().contains("storyscope serve [DIR]"));
        assert!(!e.help().contains("storyscope ingest"));
    }

    #[test]
    fn the_usage_lists_every_command_once() {
        let usage = usage();
        for command in &COMMANDS {
            let line = format!("  storyscope {} ", command.name);
            assert_eq!(usage.matches(&line).count(), 1, "{}", command.name);
        }
    }

    #[test]
    fn defaults_fill_what_is_left_out() {
        match read("serve") {
            Ok(Command::Serve { dir, addr, base }) => {
                assert_eq!(dir, PathBuf::from("dist"));
                assert_eq!(addr, "127.0.0.1:8080");
                assert_eq!(base, "/");
            }
            other => panic!("{other:?}"),
        }
        match read("generate --stories 7 --out d.json --split") {
            Ok(Command::Generate {
                stories,
                seed,
                out,
                split,
            }) => {
                assert_eq!((stories, seed), (7, 1));
                assert_eq!(out, PathBuf::from("d.json"));
                assert_eq!(split, Some(storyscope_core::split::DEFAULT_CHUNK_STORIES));
            }
            other => panic!("{other:?}"),
        }
        let options = ingest_options("ingest --out o --split --chunk-stories 7 --one-thread x");
        assert_eq!(options.split, Some(7));
        assert_eq!(options.threads, Threads::One);
    }
}
