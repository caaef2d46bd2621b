//! Progress of long operations on one line of stderr, rewritten in place
//! ("reading 120/452 articles"), at most ten times a second; silent when
//! stderr is not a terminal, so that logs and pipes get only the report.

use std::io::{self, IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use storyscope_core::ingest::{Progress, Stage};

/// The shortest time between two lines.
const EVERY: Duration = Duration::from_millis(100);

/// A progress line.
pub struct Meter {
    out: Option<Mutex<Shown>>,
}

struct Shown {
    to: Box<dyn Write + Send>,
    at: Option<Instant>,
    dirty: bool,
}

impl Meter {
    /// A meter on stderr, or a silent one when stderr is not a terminal.
    pub fn on_stderr() -> Meter {
        if io::stderr().is_terminal() {
            Meter::to(Box::new(io::stderr()))
        } else {
            Meter::silent()
        }
    }

    /// A meter that shows nothing.
    pub fn silent() -> Meter {
        Meter { out: None }
    }

    /// A meter that writes to `to`.
    pub fn to(to: Box<dyn Write + Send>) -> Meter {
        Meter {
            out: Some(Mutex::new(Shown {
                to,
                at: None,
                dirty: false,
            })),
        }
    }

    /// Shows `done` of `total` `things` in `doing`; the last step is always
    /// shown, the others when a tenth of a second has passed.
    pub fn show(&self, doing: &str, done: usize, total: usize, things: &str) {
        let Some(out) = &self.out else { return };
        let Ok(mut shown) = out.lock() else { return };
        let now = Instant::now();
        if done < total && shown.at.is_some_and(|at| now - at < EVERY) {
            return;
        }
        shown.at = Some(now);
        shown.dirty = true;
        // \r and erase-line: the line is rewritten in place.
        let _ = write!(shown.to, "\r\x1b[K{doing} {done}/{total} {things}");
        let _ = shown.to.flush();
    }

    /// Erases the line, before the report is printed.
    pub fn clear(&self) {
        let Some(out) = &self.out else { return };
        let Ok(mut shown) = out.lock() else { return };
        if std::mem::take(&mut shown.dirty) {
            let _ = write!(shown.to, "\r\x1b[K");
            let _ = shown.to.flush();
        }
    }
}

impl Progress for Meter {
    fn step(&self, stage: Stage, done: usize, total: usize) {
        self.show(&stage.to_string(), done, total, "articles");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A writer whose bytes can be read afterwards.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn steps_are_shown_in_place_and_the_last_always() {
        let sink = Sink::default();
        let meter = Meter::to(Box::new(sink.clone()));
        for done in 1..=1000 {
            meter.step(Stage::Reading, done, 1000);
        }
        meter.clear();
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.starts_with("\r\x1b[Kreading 1/1000 articles"),
            "{text:?}"
        );
        assert!(
            text.ends_with("\r\x1b[Kreading 1000/1000 articles\r\x1b[K"),
            "{text:?}"
        );
        // Not a line per step: a thousand steps take well under 100 ms.
        assert!(text.matches("\r\x1b[K").count() < 20, "{text:?}");
        // Clearing twice erases once.
        meter.clear();
        let again = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(again, text);
    }
}
