//! End-to-end test harness: drives headless Chromium through WebDriver
//! against the built app.
//!
//! [`Browser::start`] serves the built app (`dist/`) with
//! [`storyscope_cli::serve::StaticServer`], launches `chromedriver` on a free
//! local port and opens a W3C WebDriver session in headless Chromium. The
//! WebDriver client is deliberately tiny: one HTTP/1.1 request per
//! connection over a plain [`TcpStream`], JSON through `serde_json`.
//!
//! Every page a session opens records the Content-Security-Policy
//! violations it reports (a script installed before the page's own, through
//! the Chrome DevTools protocol); a test that ends with any recorded fails,
//! so every browser test also checks that the app runs under its policy.
//!
//! These helpers are for tests, so WebDriver errors panic with the error
//! code and message. When a test fails, a screenshot of the page is saved to
//! `target/e2e-failures/<test_name>.png` (under the workspace root) together
//! with the browser console log.
//!
//! Environment:
//! - `STORYSCOPE_DIST`: the built app (default `dist/` at the workspace
//!   root). `./x test` sets it, and then a missing app fails the test; a
//!   plain `cargo test` without a built app skips the browser tests instead,
//!   saying how to run them;
//! - `CHROMEDRIVER`: the driver binary (default `/usr/bin/chromedriver`);
//! - `CHROME`: the browser binary (default `/usr/bin/chromium`).

pub mod bad_datasets;
pub mod hostile;

pub use tempfile::TempDir;

use std::cell::Cell;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use storyscope_cli::serve::StaticServer;

/// The key under which W3C WebDriver wraps an element reference.
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long [`Browser::wait_for`] and [`Browser::wait_until`] poll.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(10);

/// The pause between two polls.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// How long chromedriver may take to report itself ready.
const DRIVER_READY_TIMEOUT: Duration = Duration::from_secs(20);

/// How long a single WebDriver command may take (page loads included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// The `sessionStorage` key under which pages record CSP violations.
const VIOLATIONS_KEY: &str = "storyscope-e2e-csp-violations";

/// Runs in every page before its own scripts: starts an empty record in
/// `sessionStorage` (which outlives the page within the tab and origin)
/// and adds each `securitypolicyviolation` to it. A page without the record
/// is one the recorder did not run in, and the check fails there.
const VIOLATION_RECORDER: &str = r#"
(() => {
  const key = 'storyscope-e2e-csp-violations';
  try {
    if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, '[]');
  } catch (_) {}
  addEventListener('securitypolicyviolation', (e) => {
    const seen = JSON.parse(sessionStorage.getItem(key) || '[]');
    seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI}: ${e.sample}`);
    sessionStorage.setItem(key, JSON.stringify(seen));
  }, true);
})();
"#;

/// A headless Chromium session on the served app.
///
/// Dropping it deletes the session, stops chromedriver and the static
/// server; if the test is panicking, a screenshot and the console log are
/// saved first.
pub struct Browser {
    test_name: String,
    base_url: String,
    wd: WebDriver,
    // Whether the pages run scripts (see `Browser::start_without_javascript`).
    javascript: bool,
    failure_saved: Cell<bool>,
    // Set by `Browser::abandon`: the page is past answering.
    abandoned: bool,
    // Held only to be dropped, in this order, after `Drop for Browser`
    // deleted the session: the driver (and its browsers), then the server.
    _driver: DriverProcess,
    _server: StaticServer,
}

/// An element of the page, as a WebDriver reference.
///
/// References go stale when the app re-renders the node; look elements up
/// again rather than keeping them across interactions.
#[derive(Clone, Debug)]
pub struct Element {
    wd: WebDriver,
    id: String,
}

impl Browser {
    /// Starts the static server on the built app, chromedriver on a free
    /// local port and a headless Chromium session.
    ///
    /// `test_name` names the failure screenshot. Panics with an explanation
    /// if the app is not built, chromedriver does not start within 20 s or
    /// the session cannot be created.
    pub fn start(test_name: &str) -> Browser {
        Browser::start_at(test_name, &dist_dir(), "/")
    }

    /// Like [`Browser::start`], in a Chromium whose pages run no
    /// JavaScript (and so no WebAssembly): what a reader with scripts off,
    /// or a crawler that runs none, gets.
    pub fn start_without_javascript(test_name: &str) -> Browser {
        Browser::open(test_name, &dist_dir(), "/", false)
    }

    /// Like [`Browser::start`], but serves `dist` under the path prefix
    /// `base` (such as `/storyscope/`, for an app built with that public
    /// URL); [`Browser::goto`] paths are then relative to it.
    pub fn start_at(test_name: &str, dist: &Path, base: &str) -> Browser {
        Browser::open(test_name, dist, base, true)
    }

    fn open(test_name: &str, dist: &Path, base: &str, javascript: bool) -> Browser {
        let dist = dist.to_path_buf();
        if !dist.join("index.html").is_file() && std::env::var_os("STORYSCOPE_DIST").is_none() {
            skip_without_app(&dist);
        }
        if !dist.join("index.html").is_file() {
            panic!(
                "the built app is missing: {} has no index.html; \
                 run `./x test` or `trunk build --release` first \
                 (or point STORYSCOPE_DIST at a built app)",
                dist.display()
            );
        }
        let server = StaticServer::start(&dist, "127.0.0.1:0", base)
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dist.display()));
        let base_url = format!("http://{}{}", server.addr(), base.trim_end_matches('/'));

        let driver = DriverProcess::spawn(test_name);
        let session = create_session(driver.port, &driver.profile_dir(), javascript);
        let wd = WebDriver {
            port: driver.port,
            session,
        };
        wd.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({
                "cmd": "Page.addScriptToEvaluateOnNewDocument",
                "params": { "source": VIOLATION_RECORDER },
            })),
        );
        Browser {
            test_name: test_name.to_owned(),
            base_url,
            wd,
            javascript,
            failure_saved: Cell::new(false),
            abandoned: false,
            _driver: driver,
            _server: server,
        }
    }

    /// Sets a permission of the page's origin, e.g. `("clipboard-read",
    /// "granted")` (the WebDriver permissions extension).
    pub fn set_permission(&self, name: &str, state: &str) {
        self.wd.cmd(
            "POST",
            "/permissions",
            Some(json!({ "descriptor": { "name": name }, "state": state })),
        );
    }

    /// Runs a DevTools protocol command (e.g. `Profiler.start`) on the page
    /// and returns its result.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.wd.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// The origin the app is served from, e.g. `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// Navigates to `path` relative to the base URL (e.g. `/story/x`) and
    /// waits for the page load and, on a page written at build time, for
    /// the app to take over from it (see [`Browser::wait_for_app`]).
    pub fn goto(&self, path: &str) {
        let url = if path.starts_with('/') {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}/{path}", self.base_url)
        };
        self.wd.cmd("POST", "/url", Some(json!({ "url": url })));
        self.wait_for_app();
    }

    /// On a page written at build time (its view in `#pre`), waits up to
    /// 10 s for the app to take over (`#pre` hidden, then removed), so that what a test
    /// finds next is the app's, not the page's copy. Returns at once on
    /// other pages, or when scripts do not run; after 10 s it returns and
    /// leaves the verdict to the test.
    pub fn wait_for_app(&self) {
        if !self.javascript {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let taken_over = self.try_execute(
                "const pre = document.getElementById('pre');
                 return !pre || getComputedStyle(pre).display === 'none';",
                vec![],
            );
            if taken_over != Ok(Value::Bool(false)) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The URL of the current page.
    pub fn current_url(&self) -> String {
        as_string(self.wd.cmd("GET", "/url", None))
    }

    /// Reloads the current page (and waits as [`Browser::goto`] does).
    pub fn refresh(&self) {
        self.wd.cmd("POST", "/refresh", Some(json!({})));
        self.wait_for_app();
    }

    /// Goes back one step in the session history.
    pub fn back(&self) {
        self.wd.cmd("POST", "/back", Some(json!({})));
    }

    /// Goes forward one step in the session history.
    pub fn forward(&self) {
        self.wd.cmd("POST", "/forward", Some(json!({})));
    }

    /// The first element matching the CSS selector, or `None` if absent.
    pub fn find(&self, css: &str) -> Option<Element> {
        self.wd.find("", css)
    }

    /// All elements matching the CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.wd.find_all("", css)
    }

    /// Polls (every 50 ms, up to 10 s) until `css` matches an element and
    /// returns it; otherwise saves a screenshot and panics.
    pub fn wait_for(&self, css: &str) -> Element {
        let mut found = None;
        self.poll(&format!("an element matching `{css}`"), || {
            found = self.find(css);
            found.is_some()
        });
        found.unwrap_or_else(|| unreachable!("poll returned without a match for `{css}`"))
    }

    /// Polls (every 50 ms, up to 10 s) until `f` holds; otherwise saves a
    /// screenshot and panics with `what` in the message.
    ///
    /// An element going stale while `f` inspects it counts as "not yet",
    /// since the app may re-render between two commands.
    pub fn wait_until(&self, what: &str, f: impl Fn(&Browser) -> bool) {
        self.poll(what, || f(self));
    }

    /// Runs a synchronous script (a function body; `arguments` holds
    /// `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.wd.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Like [`Browser::execute`], but returns WebDriver errors (such as a
    /// script timeout while the page is busy) instead of panicking.
    pub fn try_execute(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.wd
            .call(
                "POST",
                "/execute/sync",
                Some(json!({ "script": script, "args": args })),
            )
            .map_err(|e| e.to_string())
    }

    /// Like [`Browser::goto`], but returns WebDriver errors (such as a page
    /// load timeout) instead of panicking.
    pub fn try_goto(&self, path: &str) -> Result<(), String> {
        let url = format!("{}{path}", self.base_url);
        self.wd
            .call("POST", "/url", Some(json!({ "url": url })))
            .map_err(|e| e.to_string())?;
        self.wait_for_app();
        Ok(())
    }

    /// Runs an asynchronous script: its last argument is a callback to call
    /// with the result.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.wd.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Sets how long scripts may run and page loads may take (WebDriver's
    /// defaults are 30 s and 300 s).
    pub fn set_timeouts(&self, script: Duration, page_load: Duration) {
        self.wd.cmd(
            "POST",
            "/timeouts",
            Some(json!({
                "script": script.as_millis() as u64,
                "pageLoad": page_load.as_millis() as u64,
            })),
        );
    }

    /// Resizes the browser window to `w` x `h` CSS pixels.
    pub fn set_window_size(&self, w: u32, h: u32) {
        self.wd.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": w, "height": h })),
        );
    }

    /// Saves a PNG screenshot of the viewport to `path` (creating its
    /// directory).
    pub fn screenshot(&self, path: &Path) {
        if let Err(e) = self.try_screenshot(path) {
            panic!("cannot save a screenshot to {}: {e}", path.display());
        }
    }

    /// The visible text of the page (`document.body.innerText`).
    pub fn page_text(&self) -> String {
        as_string(self.execute(
            "return document.body ? document.body.innerText : '';",
            Vec::new(),
        ))
    }

    /// The browser console entries logged so far (and not yet read), one
    /// line each. It fails closed: a marker line is logged first, and when
    /// the driver cannot give the log, or gives it without the marker, the
    /// test fails rather than taking silence for a clean console.
    pub fn read_console_log(&self) -> Vec<String> {
        static MARKS: AtomicUsize = AtomicUsize::new(0);
        let marker = format!(
            "storyscope-e2e-console-mark-{}",
            MARKS.fetch_add(1, Ordering::SeqCst)
        );
        self.execute("console.info(arguments[0]);", vec![json!(marker)]);
        let entries = self
            .wd
            .call("POST", "/se/log", Some(json!({ "type": "browser" })))
            .unwrap_or_else(|e| panic!("the browser's console log cannot be read: {e}"));
        let lines = log_lines(&entries)
            .unwrap_or_else(|| panic!("the browser's console log is not a list: {entries}"));
        let (marks, rest): (Vec<String>, Vec<String>) =
            lines.into_iter().partition(|l| l.contains(&marker));
        assert!(
            !marks.is_empty(),
            "the browser's console log came without the line just logged, so it cannot be trusted: {rest:#?}"
        );
        rest
    }

    /// The browser console entries logged so far (and not yet read), one
    /// line each; empty if the driver cannot provide them (for failure
    /// reports, which must not fail themselves).
    pub fn console_log(&self) -> Vec<String> {
        self.wd
            .call("POST", "/se/log", Some(json!({ "type": "browser" })))
            .ok()
            .and_then(|entries| log_lines(&entries))
            .unwrap_or_default()
    }

    /// The Content-Security-Policy violations the pages of this session
    /// reported so far (in the current origin), one line each; reading them
    /// clears the record.
    pub fn take_csp_violations(&self) -> Vec<String> {
        self.csp_record("sessionStorage.setItem(arguments[0], '[]');")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The page's record of CSP violations, after running `then` (a
    /// statement) in the page; an error when the record cannot be read or
    /// is missing, so that a check on it fails closed.
    fn csp_record(&self, then: &str) -> Result<Vec<String>, String> {
        let script =
            format!("const seen = sessionStorage.getItem(arguments[0]); {then} return seen;");
        let cannot = |why: String| {
            format!("the page's record of CSP violations cannot be read ({why}), so the policy is unchecked")
        };
        let value = self
            .wd
            .call(
                "POST",
                "/execute/sync",
                Some(json!({ "script": script, "args": [VIOLATIONS_KEY] })),
            )
            .map_err(|e| cannot(e.to_string()))?;
        let text = value
            .as_str()
            .ok_or_else(|| cannot(format!("the recorder did not run in this page: {value}")))?;
        serde_json::from_str(text).map_err(|e| cannot(format!("{e}: {text}")))
    }

    /// The text of the open alert, confirm or prompt dialog, if one is open.
    pub fn alert_text(&self) -> Option<String> {
        match self.wd.call("GET", "/alert/text", None) {
            Ok(text) => Some(as_string(text)),
            Err(e) if e.error == "no such alert" => None,
            Err(e) => panic!("asking for an alert failed: {e}"),
        }
    }

    /// Dismisses the open dialog.
    pub fn dismiss_alert(&self) {
        self.wd.cmd("POST", "/alert/dismiss", Some(json!({})));
    }

    /// Calls `check` every [`POLL_INTERVAL`] until it returns true or
    /// [`WAIT_TIMEOUT`] passes; on timeout, saves the failure artifacts and
    /// panics.
    fn poll(&self, what: &str, mut check: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            if poll_once(&mut check) {
                return;
            }
            if Instant::now() >= deadline {
                let saved = self.save_failure();
                let url = self.wd.call("GET", "/url", None).map(as_string);
                panic!(
                    "timed out after {:?} waiting for {what} (page {}){saved}",
                    WAIT_TIMEOUT,
                    url.unwrap_or_else(|e| format!("unknown: {}", e.message))
                );
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    fn try_screenshot(&self, path: &Path) -> Result<(), String> {
        let encoded = self
            .wd
            .call("GET", "/screenshot", None)
            .map_err(|e| e.to_string())?;
        let encoded = encoded
            .as_str()
            .ok_or_else(|| format!("unexpected screenshot value {encoded}"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|e| e.to_string())?;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        fs::write(path, png).map_err(|e| e.to_string())
    }

    /// Saves the screenshot and console log of a failing test (once) and
    /// describes where they went, for a panic message. Never panics.
    fn save_failure(&self) -> String {
        if self.failure_saved.replace(true) {
            return String::new();
        }
        let dir = failures_dir();
        let mut report = String::new();
        let png = dir.join(format!("{}.png", file_stem(&self.test_name)));
        match self.try_screenshot(&png) {
            Ok(()) => report.push_str(&format!("\n  screenshot: {}", png.display())),
            Err(e) => report.push_str(&format!("\n  no screenshot: {e}")),
        }
        let console = self.console_log();
        if !console.is_empty() {
            let log = dir.join(format!("{}.console.txt", file_stem(&self.test_name)));
            if fs::write(&log, console.join("\n") + "\n").is_ok() {
                report.push_str(&format!("\n  console log: {}", log.display()));
            }
            report.push_str("\n  browser console:");
            for line in &console {
                report.push_str(&format!("\n    {line}"));
            }
        }
        report
    }
}

/// The entries of a WebDriver log as `[LEVEL] message` lines; `None` when
/// the value is not a list.
fn log_lines(entries: &Value) -> Option<Vec<String>> {
    let entries = entries.as_array()?;
    Some(
        entries
            .iter()
            .map(|entry| {
                format!(
                    "[{}] {}",
                    entry["level"].as_str().unwrap_or("?"),
                    entry["message"].as_str().unwrap_or_default()
                )
            })
            .collect(),
    )
}

impl Browser {
    /// Closes a browser whose page no longer answers (a benchmark's page
    /// that never finished computing): its processes are killed without
    /// asking the page anything, so no policy check is made. Tests never
    /// call it; for them an unreadable page is a failure.
    pub fn abandon(mut self) {
        self.abandoned = true;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if self.abandoned {
            return;
        }
        if thread::panicking() {
            let report = self.save_failure();
            if !report.is_empty() {
                eprintln!("e2e test `{}` failed:{report}", self.test_name);
            }
            let _ = self.wd.call("DELETE", "", None);
            return;
        }
        // A test that passed still fails if a page broke the policy, or if
        // the record of what it broke cannot be read.
        let checked = self.csp_record("");
        let report = match &checked {
            Ok(violations) if violations.is_empty() => String::new(),
            _ => self.save_failure(),
        };
        let _ = self.wd.call("DELETE", "", None);
        match checked {
            Ok(violations) if violations.is_empty() => {}
            Ok(violations) => panic!(
                "e2e test `{}`: the page broke its Content-Security-Policy:\n  {}{report}",
                self.test_name,
                violations.join("\n  ")
            ),
            Err(e) => panic!("e2e test `{}`: {e}{report}", self.test_name),
        }
    }
}

impl Element {
    /// The rendered text of the element.
    pub fn text(&self) -> String {
        as_string(self.cmd("GET", "/text", None))
    }

    /// Clicks the element (scrolling it into view first).
    pub fn click(&self) {
        self.cmd("POST", "/click", Some(json!({})));
    }

    /// Types `s` into the element.
    pub fn send_keys(&self, s: &str) {
        self.cmd("POST", "/value", Some(json!({ "text": s })));
    }

    /// Clears an editable element.
    pub fn clear(&self) {
        self.cmd("POST", "/clear", Some(json!({})));
    }

    /// The value of the HTML attribute `name`, or `None` if it is not set.
    pub fn attr(&self, name: &str) -> Option<String> {
        let value = self.cmd("GET", &format!("/attribute/{}", url_segment(name)), None);
        value.as_str().map(str::to_owned)
    }

    /// The DOM property `name` (e.g. `value` of an input, which the
    /// attribute does not track), or `None` if it is null or undefined.
    pub fn property(&self, name: &str) -> Option<Value> {
        let value = self.cmd("GET", &format!("/property/{}", url_segment(name)), None);
        (!value.is_null()).then_some(value)
    }

    /// The first descendant matching the CSS selector, or `None`.
    pub fn find(&self, css: &str) -> Option<Element> {
        self.wd.find(&format!("/element/{}", self.id), css)
    }

    /// All descendants matching the CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.wd.find_all(&format!("/element/{}", self.id), css)
    }

    /// Where the element is drawn, in CSS pixels from the top left of the
    /// document: `[x, y, width, height]` (WebDriver's element rect).
    pub fn rect(&self) -> [f64; 4] {
        let r = self.cmd("GET", "/rect", None);
        ["x", "y", "width", "height"].map(|k| r[k].as_f64().unwrap_or(f64::NAN))
    }

    /// Whether the element is rendered visibly.
    pub fn is_displayed(&self) -> bool {
        self.cmd("GET", "/displayed", None).as_bool() == Some(true)
    }

    /// The element as a script argument for [`Browser::execute`].
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.wd
            .cmd(method, &format!("/element/{}{path}", self.id), body)
    }
}

/// A WebDriver error response.
#[derive(Debug)]
struct WdError {
    error: String,
    message: String,
}

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

/// Raised (without the panic hook) instead of panicking on a stale element
/// while [`Browser::poll`] runs a check, so that the check counts as "not
/// yet" instead of failing the test.
struct StaleDuringPoll;

thread_local! {
    static POLLING: Cell<bool> = const { Cell::new(false) };
}

/// Runs one check of a poll, treating a stale element as `false`.
fn poll_once(check: &mut impl FnMut() -> bool) -> bool {
    let was_polling = POLLING.with(|p| p.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(&mut *check));
    POLLING.with(|p| p.set(was_polling));
    match outcome {
        Ok(done) => done,
        Err(payload) if payload.is::<StaleDuringPoll>() => false,
        Err(payload) => panic::resume_unwind(payload),
    }
}

/// The session half of the client: where to send commands.
#[derive(Clone, Debug)]
struct WebDriver {
    port: u16,
    session: String,
}

impl WebDriver {
    /// Sends a session command and returns its `value`, or the WebDriver
    /// (or transport) error. Never panics.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, WdError> {
        let path = format!("/session/{}{path}", self.session);
        wd_request(self.port, method, &path, body.as_ref())
    }

    /// Like [`WebDriver::call`] but panics on WebDriver errors.
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.call(method, path, body) {
            Ok(value) => value,
            Err(e) => {
                if e.error == "stale element reference" && POLLING.with(Cell::get) {
                    panic::resume_unwind(Box::new(StaleDuringPoll));
                }
                panic!("WebDriver {method} {path} failed: {e}")
            }
        }
    }

    fn find(&self, scope: &str, css: &str) -> Option<Element> {
        let body = json!({ "using": "css selector", "value": css });
        match self.call("POST", &format!("{scope}/element"), Some(body)) {
            Ok(value) => Some(self.element(&value)),
            Err(e) if e.error == "no such element" => None,
            Err(e) if e.error == "stale element reference" && POLLING.with(Cell::get) => {
                panic::resume_unwind(Box::new(StaleDuringPoll))
            }
            Err(e) => panic!("finding `{css}` failed: {e}"),
        }
    }

    fn find_all(&self, scope: &str, css: &str) -> Vec<Element> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.cmd("POST", &format!("{scope}/elements"), Some(body));
        value
            .as_array()
            .map(|values| values.iter().map(|v| self.element(v)).collect())
            .unwrap_or_default()
    }

    fn element(&self, value: &Value) -> Element {
        let id = value[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("not an element reference: {value}"));
        Element {
            wd: self.clone(),
            id: id.to_owned(),
        }
    }
}

/// A chromedriver child process and its scratch directory (Chromium's
/// profile and the driver's log), both cleaned up on drop.
struct DriverProcess {
    child: Child,
    port: u16,
    /// The browser profile and the driver's log, removed with the driver.
    dir: TempDir,
}

impl DriverProcess {
    fn spawn(test_name: &str) -> DriverProcess {
        let binary = env_or("CHROMEDRIVER", "/usr/bin/chromedriver");
        let dir = temp_folder(test_name);
        let profile = dir.path().join("profile");
        fs::create_dir_all(&profile)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", profile.display()));
        let log_path = dir.path().join("chromedriver.log");
        let log = fs::File::create(&log_path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", log_path.display()));
        let log_err = log
            .try_clone()
            .unwrap_or_else(|e| panic!("cannot share {}: {e}", log_path.display()));
        let port = free_port();
        // Its own process group, with the browsers it starts, so that all of
        // them go when it does: a page still busy computing (TimelineJS on
        // a large corpus) can outlive its session otherwise.
        let child = Command::new(&binary)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start chromedriver `{binary}` (set CHROMEDRIVER to its path): {e}")
            });
        let mut driver = DriverProcess { child, port, dir };
        driver.wait_ready();
        driver
    }

    fn profile_dir(&self) -> PathBuf {
        self.dir.path().join("profile")
    }

    /// Polls `/status` until the driver reports itself ready.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + DRIVER_READY_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "chromedriver exited early ({status}); its log:\n{}",
                    self.log()
                );
            }
            if let Ok(status) = wd_request(self.port, "GET", "/status", None) {
                if status["ready"].as_bool() == Some(true) {
                    return;
                }
            }
            if Instant::now() >= deadline {
                panic!(
                    "chromedriver was not ready on port {} after {:?}; its log:\n{}",
                    self.port,
                    DRIVER_READY_TIMEOUT,
                    self.log()
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("chromedriver.log")).unwrap_or_default()
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens a session in headless Chromium and returns its id.
fn create_session(port: u16, profile: &Path, javascript: bool) -> String {
    let chrome = env_or("CHROME", "/usr/bin/chromium");
    let capabilities = json!({
        "capabilities": {
            "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chrome,
                    "args": [
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-quic",
                        "--window-size=1280,900",
                        // performance.memory in bytes, not coarse buckets.
                        "--enable-precise-memory-info",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                    // 2 blocks scripts on every site.
                    "prefs": {
                        "profile.managed_default_content_settings.javascript":
                            if javascript { 1 } else { 2 },
                    },
                },
                "goog:loggingPrefs": { "browser": "ALL" },
            }
        }
    });
    match wd_request(port, "POST", "/session", Some(&capabilities)) {
        Ok(value) => value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in the new session response: {value}"))
            .to_owned(),
        Err(e) => panic!("cannot start Chromium `{chrome}` (set CHROME to its path): {e}"),
    }
}

/// Sends one WebDriver request and returns the response's `value`, or its
/// error. Transport failures and malformed answers are reported as errors
/// too (never as panics, so that this is safe to use while unwinding).
fn wd_request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, WdError> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let (status, raw) = http_request(port, method, path, &body).map_err(|e| WdError {
        error: "transport error".to_owned(),
        message: format!("{method} {path} on 127.0.0.1:{port}: {e}"),
    })?;
    let response: Value = serde_json::from_slice(&raw).map_err(|e| WdError {
        error: "invalid response".to_owned(),
        message: format!(
            "{method} {path} answered {status} with non-JSON ({e}): {}",
            String::from_utf8_lossy(&raw)
        ),
    })?;
    let value = response.get("value").cloned().unwrap_or(Value::Null);
    match value.get("error").and_then(Value::as_str) {
        Some(error) => Err(WdError {
            error: error.to_owned(),
            message: value["message"].as_str().unwrap_or_default().to_owned(),
        }),
        None => Ok(value),
    }
}

/// One HTTP/1.1 exchange with `127.0.0.1:port`: returns the status code and
/// the (de-chunked) body.
fn http_request(port: u16, method: &str, path: &str, body: &str) -> io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(COMMAND_TIMEOUT))?;
    stream.set_write_timeout(Some(COMMAND_TIMEOUT))?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\n\
         Host: 127.0.0.1:{port}\r\n\
         Accept: application/json\r\n\
         Content-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    stream.flush()?;
    read_response(&mut BufReader::new(stream))
}

fn read_response(reader: &mut impl BufRead) -> io::Result<(u16, Vec<u8>)> {
    let status_line = read_line(reader)?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad_data(format!("bad status line {status_line:?}")))?;
    let mut length = None;
    let mut chunked = false;
    loop {
        let line = read_line(reader)?;
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .parse::<u64>()
                        .map_err(|_| bad_data(format!("bad Content-Length {value:?}")))?,
                );
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            }
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            let size_line = read_line(reader)?;
            let size = size_line.split(';').next().unwrap_or_default().trim();
            let size = u64::from_str_radix(size, 16)
                .map_err(|_| bad_data(format!("bad chunk size {size_line:?}")))?;
            if size == 0 {
                // Skip the trailers up to the final empty line.
                while !read_line(reader)?.is_empty() {}
                break;
            }
            reader.take(size).read_to_end(&mut body)?;
            if !read_line(reader)?.is_empty() {
                return Err(bad_data("chunk not followed by CRLF".to_owned()));
            }
        }
    } else if let Some(length) = length {
        reader.take(length).read_to_end(&mut body)?;
        if body.len() as u64 != length {
            return Err(bad_data("response body truncated".to_owned()));
        }
    } else {
        reader.read_to_end(&mut body)?;
    }
    Ok((status, body))
}

/// Reads one header line without its line ending; fails at end of stream.
fn read_line(reader: &mut impl BufRead) -> io::Result<String> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed mid-response",
        ));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn bad_data(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Percent-encodes everything but unreserved characters, for a URL path
/// segment.
fn url_segment(s: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, UNRESERVED).to_string()
}

fn as_string(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// The workspace's root folder.
pub fn root() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(crate_dir)
        .to_path_buf()
}

fn dist_dir() -> PathBuf {
    std::env::var_os("STORYSCOPE_DIST")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"))
}

fn failures_dir() -> PathBuf {
    root().join("target").join("e2e-failures")
}

/// Ends a browser test run that has no built app to test, for a plain
/// `cargo test`: every browser test would fail the same way, so none runs,
/// and the message says how to run them. (Written past the test harness's
/// capture, which would drop it.)
fn skip_without_app(dist: &Path) -> ! {
    let _ = writeln!(
        io::stderr(),
        "\nthe browser tests are skipped: {} has no built app. Run `./x test`, which builds it and runs them, or build it with `trunk build --release` and run `cargo test -p storyscope-web --test e2e`.\n",
        dist.display()
    );
    std::process::exit(0)
}

/// A port that was free a moment ago (bound to port 0, then released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or_else(|e| panic!("cannot find a free local port: {e}"))
}

/// A fresh folder under the system's temporary folder, named after
/// `label`, removed with everything in it when dropped.
pub fn temp_folder(label: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("storyscope-e2e-{}-", file_stem(label)))
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary folder: {e}"))
}

/// `name` with every character that is awkward in a file name replaced.
fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Copies the folder `from` to `to`, recursively (for serving a changed copy
/// of the built app).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()));
    for entry in entries.flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}
