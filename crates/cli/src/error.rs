//! What can go wrong outside the data: files that cannot be read or
//! written, a page without a head, an address already in use. Each error
//! names the file or address and says what to do; problems in the data
//! itself are reported line by line beside the result instead.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// An error of the `storyscope` command.
#[derive(Debug)]
pub enum Error {
    /// A file or folder could not be read.
    Read {
        /// What was read.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A text file holds bytes that are not UTF-8.
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The line of the first bad byte, from 1.
        line: usize,
        /// The first bad byte.
        byte: u8,
        /// Its offset in the file.
        offset: usize,
    },
    /// A folder of articles could not be listed.
    List {
        /// The folder.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A folder named as articles holds no `.txt` file.
    NoArticles {
        /// The folder.
        path: PathBuf,
    },
    /// An output could not be written (what was there is left as it was).
    Write {
        /// The output.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A dataset could not be encoded as JSON.
    Encode {
        /// The output it was for.
        path: PathBuf,
        /// Why it failed.
        source: serde_json::Error,
    },
    /// A page the policy is written into has no usable `<head>`.
    Page {
        /// The page.
        path: PathBuf,
        /// What is wrong with it.
        problem: PageProblem,
    },
    /// A dataset the pages are made from cannot be shown.
    Dataset {
        /// The dataset.
        path: PathBuf,
        /// Why, one problem per line.
        problems: Vec<String>,
    },
    /// A value given on the command line cannot be used.
    Option {
        /// The option.
        option: &'static str,
        /// Why.
        problem: String,
    },
    /// The folder to serve holds no built app.
    NoApp {
        /// The folder.
        dir: PathBuf,
    },
    /// The server could not listen on its address.
    Listen {
        /// The address asked for.
        addr: String,
        /// Why it failed.
        source: io::Error,
    },
}

impl Error {
    /// The error for a failed write of `path`, for `map_err`.
    pub fn write(path: &std::path::Path) -> impl FnOnce(io::Error) -> Error + '_ {
        move |source| Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Why a page cannot take a Content-Security-Policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageProblem {
    /// There is no `<head>` element.
    NoHead,
    /// The `<head>` start tag never ends.
    UnclosedHead,
    /// The page lacks the `<title>`, description or loading notice that
    /// the pages of stories are made from.
    NotATemplate,
}

impl fmt::Display for PageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PageProblem::NoHead => "the page has no <head>",
            PageProblem::UnclosedHead => "the <head> tag is not closed",
            PageProblem::NotATemplate => {
                "the page lacks the <title>, the description <meta> or the <div id=\"app\"> with its loading notice that the pages are made from"
            }
        })
    }
}

impl std::error::Error for PageProblem {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "{}: cannot read: {source}", path.display()),
            Error::NotUtf8 {
                path,
                line,
                byte,
                offset,
            } => write!(
                f,
                "{}:{line}: error: the file is not UTF-8 text (invalid byte 0x{byte:02x} at byte {offset}); save it as UTF-8",
                path.display()
            ),
            Error::List { path, source } => {
                write!(f, "{}: cannot list the folder: {source}", path.display())
            }
            Error::NoArticles { path } => write!(
                f,
                "{}: the folder holds no .txt articles; name the article files or a folder that has them",
                path.display()
            ),
            Error::Write { path, source } => {
                write!(f, "{}: cannot write: {source}", path.display())
            }
            Error::Encode { path, source } => {
                write!(f, "{}: cannot encode the dataset: {source}", path.display())
            }
            Error::Page {
                path,
                problem: PageProblem::NotATemplate,
            } => write!(
                f,
                "{}: {}; build the app with its index.html",
                path.display(),
                PageProblem::NotATemplate
            ),
            Error::Page { path, problem } => write!(
                f,
                "{}: {problem}; the policy goes first in the page's <head>",
                path.display()
            ),
            Error::Dataset { path, problems } => {
                write!(
                    f,
                    "{}: the dataset cannot be shown, so no pages were made",
                    path.display()
                )?;
                for problem in problems {
                    write!(f, "\n{}:{problem}", path.display())?;
                }
                Ok(())
            }
            Error::Option { option, problem } => write!(f, "{option}: {problem}"),
            Error::NoApp { dir } => write!(
                f,
                "{} has no index.html; build the app first (`./x serve` does)",
                dir.display()
            ),
            Error::Listen { addr, source } => write!(
                f,
                "cannot serve on {addr}: {source}; give another address with --addr"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. }
            | Error::List { source, .. }
            | Error::Write { source, .. }
            | Error::Listen { source, .. } => Some(source),
            Error::Encode { source, .. } => Some(source),
            Error::Page { problem, .. } => Some(problem),
            Error::NotUtf8 { .. }
            | Error::NoArticles { .. }
            | Error::NoApp { .. }
            | Error::Dataset { .. }
            | Error::Option { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_names_its_file_or_address() {
        let errors = [
            Error::NotUtf8 {
                path: "a.txt".into(),
                line: 3,
                byte: 0xff,
                offset: 17,
            },
            Error::NoArticles {
                path: "articles".into(),
            },
            Error::Page {
                path: "dist/index.html".into(),
                problem: PageProblem::NoHead,
            },
            Error::NoApp { dir: "dist".into() },
            Error::Listen {
                addr: "127.0.0.1:1".into(),
                source: io::Error::from(io::ErrorKind::AddrInUse),
            },
        ];
        let shown: Vec<String> = errors.iter().map(Error::to_string).collect();
        assert_eq!(
            shown[0],
            "a.txt:3: error: the file is not UTF-8 text (invalid byte 0xff at byte 17); save it as UTF-8"
        );
        assert!(shown[1].starts_with("articles: the folder holds no .txt articles"));
        assert_eq!(
            shown[2],
            "dist/index.html: the page has no <head>; the policy goes first in the page's <head>"
        );
        assert!(shown[3].starts_with("dist has no index.html"));
        assert!(
            shown[4].starts_with("cannot serve on 127.0.0.1:1: ") && shown[4].ends_with("--addr")
        );
    }
}
