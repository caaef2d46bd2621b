//! A small static file server for the built app (the `dist/` directory).
//!
//! It speaks just enough HTTP/1.1 to serve a single-page application during
//! development and end-to-end tests: `GET` and `HEAD` only, one response per
//! connection (`Connection: close`), a thread per connection, and no caching
//! (`Cache-Control: no-cache`).
//!
//! The app is built for a public URL prefix (the *base*, e.g. `/` or
//! `/storyscope/`). Requests outside the base are answered with 404; requests
//! under it map to files under the root directory with the prefix stripped.
//! A directory maps to its `index.html`. Paths that do not exist and whose
//! last segment has no file extension (client-side routes such as
//! `/story/2021-11-26-foo`) are answered with the root `index.html`, so that
//! the router in the app can take over; missing paths with an extension
//! (`/data/missing.json`) are a plain 404.
//!
//! Request paths are percent-decoded and checked segment by segment: `..`
//! segments are refused with 403, and a resolved file is only served if its
//! canonical path lies inside the canonical root (so symbolic links cannot
//! escape it either).
//!
//! A page that carries its Content-Security-Policy in a meta element (see
//! [`crate::csp`]) is also sent with it as a header, plus `frame-ancestors
//! 'none'`, which only a header can say.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::csp;

/// Largest request head (request line plus headers) accepted, in bytes.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// Largest request body drained (and discarded) before answering a request
/// that carries one, so that closing the socket does not reset the response.
const MAX_DRAIN_BYTES: u64 = 1024 * 1024;

/// How long a connection may stay silent before it is dropped.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// A running static server; dropping it (or calling [`StaticServer::stop`])
/// stops accepting new connections.
///
/// Connections already accepted are served to completion by their own
/// threads.
#[derive(Debug)]
pub struct StaticServer {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on `addr` (e.g. `"127.0.0.1:0"` for a free port).
    ///
    /// `base` is the public URL path prefix the app is built for, e.g. `"/"`
    /// or `"/storyscope/"` (a missing leading or trailing slash is added).
    /// Requests outside `base` get 404; requests under it map to files under
    /// `root` with the prefix stripped. A request for the base without its
    /// trailing slash is redirected to it.
    ///
    /// Fails if `root` is not a readable directory or `addr` cannot be bound.
    pub fn start(root: &Path, addr: &str, base: &str) -> io::Result<StaticServer> {
        let root = fs::canonicalize(root).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot serve {}: {e}", root.display()))
        })?;
        if !root.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot serve {}: not a directory", root.display()),
            ));
        }
        let listener = TcpListener::bind(addr)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))?;
        let bound = listener.local_addr()?;
        let site = Arc::new(Site {
            root,
            base: normalize_base(base),
        });
        let stopping = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let stopping = Arc::clone(&stopping);
            thread::Builder::new()
                .name(format!("serve-accept-{}", bound.port()))
                .spawn(move || accept_loop(&listener, &site, &stopping))?
        };
        Ok(StaticServer {
            addr: bound,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    /// The bound address (with the real port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks forever serving (used by the `storyscope serve` command).
    ///
    /// Returns only if the accepting thread ends, which does not happen while
    /// this server value is alive.
    pub fn join(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            // The acceptor never panics on purpose; if it did, there is
            // nothing left to serve either way.
            let _ = acceptor.join();
        }
    }

    /// Stops accepting new connections and waits for the accepting thread to
    /// finish. Dropping the server has the same effect.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if self.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the blocking `accept` so that it notices the flag.
        let _ = TcpStream::connect_timeout(&wake_addr(self.addr), Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// What is served: a canonical root directory and a normalized base prefix
/// (starting and ending with `/`).
#[derive(Debug)]
struct Site {
    root: PathBuf,
    base: String,
}

/// Adds the leading and trailing slashes `base` may lack.
fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// An address that reaches a listener bound to `addr`, even when it is bound
/// to the unspecified address.
fn wake_addr(addr: SocketAddr) -> SocketAddr {
    match addr {
        SocketAddr::V4(v4) if v4.ip().is_unspecified() => {
            SocketAddr::from((Ipv4Addr::LOCALHOST, v4.port()))
        }
        SocketAddr::V6(v6) if v6.ip().is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, v6.port()))
        }
        other => other,
    }
}

fn accept_loop(listener: &TcpListener, site: &Arc<Site>, stopping: &AtomicBool) {
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(stream) => {
                if spawn_connection(stream, Arc::clone(site)).is_err() {
                    // Out of threads: back off instead of spinning.
                    thread::sleep(Duration::from_millis(50));
                }
            }
            // Typically a transient condition such as running out of file
            // descriptors; wait a little before accepting again.
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Serves one connection on its own thread.
fn spawn_connection(stream: TcpStream, site: Arc<Site>) -> io::Result<()> {
    thread::Builder::new()
        .name("serve-conn".to_owned())
        .spawn(move || {
            // A failing connection (client gone, timeout) only concerns that
            // client.
            let _ = handle_connection(stream, &site);
        })
        .map(drop)
}

/// A parsed request head: only what the server looks at.
#[derive(Debug)]
struct RequestHead {
    method: String,
    target: String,
    content_length: u64,
    /// The encodings the client accepts, best first: of `br` and `gzip`.
    encodings: Vec<&'static str>,
}

/// The outcome of routing a request.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    /// Serve this file with status 200.
    File(PathBuf),
    /// Redirect (301) to this location.
    Redirect(String),
    /// Answer with an error status and a short text body.
    Error(u16),
}

fn handle_connection(stream: TcpStream, site: &Site) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);

    let head = match read_head(&mut reader)? {
        Some(head) => head,
        None => return Ok(()),
    };
    if head.content_length > 0 {
        let limit = head.content_length.min(MAX_DRAIN_BYTES);
        io::copy(&mut (&mut reader).take(limit), &mut io::sink())?;
    }

    let is_head = match head.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return write_error(&mut writer, 405, false);
        }
    };
    match route(site, &head.target) {
        Route::File(path) => write_file(&mut writer, site, &path, &head.encodings, is_head),
        Route::Redirect(location) => write_redirect(&mut writer, &location, is_head),
        Route::Error(status) => write_error(&mut writer, status, is_head),
    }
}

/// Reads the request line and headers. Returns `None` when the client closed
/// the connection without sending anything, and an `InvalidData` error for a
/// malformed or oversized head.
fn read_head(reader: &mut impl BufRead) -> io::Result<Option<RequestHead>> {
    let mut limited = reader.take(MAX_HEAD_BYTES);
    let mut line = String::new();
    if limited.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (method, target, version) = match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v)) if parts.next().is_none() => (m, t, v),
        _ => return Err(invalid("malformed request line")),
    };
    if !version.starts_with("HTTP/1.") {
        return Err(invalid("unsupported HTTP version"));
    }
    let mut head = RequestHead {
        method: method.to_owned(),
        target: target.to_owned(),
        content_length: 0,
        encodings: Vec::new(),
    };
    loop {
        let mut header = String::new();
        if limited.read_line(&mut header)? == 0 {
            return Err(invalid("request head truncated or too large"));
        }
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            return Ok(Some(head));
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                head.content_length = value
                    .trim()
                    .parse()
                    .map_err(|_| invalid("bad Content-Length"))?;
            } else if name.trim().eq_ignore_ascii_case("accept-encoding") {
                head.encodings = accepted_encodings(value);
            }
        }
    }
}

/// Of the encodings there are copies for (`br`, then `gzip`), those an
/// `Accept-Encoding` value accepts: named (or `*`) without `q=0`.
fn accepted_encodings(value: &str) -> Vec<&'static str> {
    let mut named = Vec::new();
    for item in value.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                == Some(0.0)
        });
        named.push((coding, !refused));
    }
    let verdict = |coding: &str| {
        named
            .iter()
            .find(|(c, _)| c == coding)
            .or_else(|| named.iter().find(|(c, _)| c == "*"))
            .is_some_and(|(_, ok)| *ok)
    };
    ["br", "gzip"]
        .into_iter()
        .filter(|coding| verdict(coding))
        .collect()
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

/// Maps a request target to what should be sent back.
fn route(site: &Site, target: &str) -> Route {
    // Only the path matters: drop the fragment and the query string, and the
    // scheme and authority of an absolute-form target.
    let target = target.split('#').next().unwrap_or_default();
    let target = target.split('?').next().unwrap_or_default();
    let path = match strip_origin(target) {
        Some(path) => path,
        None => return Route::Error(400),
    };
    if !path.starts_with('/') {
        return Route::Error(400);
    }

    let rest = match path.strip_prefix(site.base.as_str()) {
        Some(rest) => rest,
        None if site.base.len() > 1 && path == &site.base[..site.base.len() - 1] => {
            return Route::Redirect(site.base.clone());
        }
        None => return Route::Error(404),
    };
    let decoded = match percent_decode(rest) {
        Some(decoded) => decoded,
        None => return Route::Error(400),
    };
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Route::Error(403),
            _ if !is_plain_segment(segment) => return Route::Error(403),
            _ => segments.push(segment),
        }
    }

    let candidate = segments
        .iter()
        .fold(site.root.clone(), |acc, segment| acc.join(segment));
    if candidate.is_dir() {
        let index = candidate.join("index.html");
        if index.is_file() {
            if !segments.is_empty() && !path.ends_with('/') {
                return Route::Redirect(directory_location(&site.base, rest));
            }
            return checked_file(site, &index);
        }
    } else if candidate.is_file() {
        return checked_file(site, &candidate);
    }

    // Missing: client-side routes (no extension) get the app shell.
    let looks_like_route = segments
        .last()
        .is_none_or(|last| Path::new(last).extension().is_none());
    if looks_like_route {
        let index = site.root.join("index.html");
        if index.is_file() {
            return checked_file(site, &index);
        }
    }
    Route::Error(404)
}

/// Where a directory asked for without its closing slash is redirected:
/// the base, the target's own segments (still percent-encoded) without
/// empty or `.` ones, and the slash. `//name` so goes to `/name/`, never to
/// `//name/`, which a browser reads as another host.
fn directory_location(base: &str, rest: &str) -> String {
    let mut location = base.to_string();
    for segment in rest.split('/').filter(|s| !s.is_empty() && *s != ".") {
        location.push_str(segment);
        location.push('/');
    }
    location
}

/// Removes `scheme://authority` from an absolute-form request target.
fn strip_origin(target: &str) -> Option<&str> {
    match target.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => {
            Some(rest.find('/').map_or("/", |slash| &rest[slash..]))
        }
        Some(_) => None,
        None => Some(target),
    }
}

/// True if `segment` names exactly one ordinary path component on this
/// platform (no separators, drive prefixes or special names).
fn is_plain_segment(segment: &str) -> bool {
    if segment.contains(['\\', '\0']) {
        return false;
    }
    let mut components = Path::new(segment).components();
    matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(_)), None)
    )
}

/// Serves `path` only if it really lies inside the root (following links).
fn checked_file(site: &Site, path: &Path) -> Route {
    match fs::canonicalize(path) {
        Ok(real) if real.starts_with(&site.root) => Route::File(real),
        Ok(_) => Route::Error(403),
        Err(_) => Route::Error(404),
    }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is
/// not UTF-8.
fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex_value(*bytes.get(i + 1)?)?;
            let lo = hex_value(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The `Content-Type` for a file, from its extension.
fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

fn write_head(
    out: &mut impl Write,
    status: u16,
    content_type: &str,
    length: u64,
    extra: &[(&str, &str)],
) -> io::Result<()> {
    write!(out, "HTTP/1.1 {status} {}\r\n", reason(status))?;
    write!(out, "Content-Type: {content_type}\r\n")?;
    write!(out, "Content-Length: {length}\r\n")?;
    out.write_all(b"Cache-Control: no-cache\r\n")?;
    out.write_all(b"X-Content-Type-Options: nosniff\r\n")?;
    out.write_all(b"Connection: close\r\n")?;
    for (name, value) in extra {
        write!(out, "{name}: {value}\r\n")?;
    }
    out.write_all(b"\r\n")
}

/// Sends the file at `path`; or, when the client accepts one of
/// `encodings` and `storyscope precompress` wrote that copy after the file
/// last changed, the copy, with its `Content-Encoding`.
fn write_file(
    out: &mut BufWriter<TcpStream>,
    site: &Site,
    path: &Path,
    encodings: &[&'static str],
    is_head: bool,
) -> io::Result<()> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(_) => return write_error(out, 404, is_head),
    };
    let content_type = content_type(path);
    let policy = if content_type.starts_with("text/html") {
        page_policy(&mut file)?
    } else {
        None
    };
    let mut extra: Vec<(&str, &str)> = policy
        .iter()
        .map(|p| ("Content-Security-Policy", p.as_str()))
        .collect();
    extra.push(("Vary", "Accept-Encoding"));
    if let Some((coding, copy)) = fresh_copy(site, &file, path, encodings) {
        file = copy;
        extra.push(("Content-Encoding", coding));
    }
    let length = file.metadata()?.len();
    write_head(out, 200, content_type, length, &extra)?;
    if !is_head {
        io::copy(&mut (&mut file).take(length), out)?;
    }
    out.flush()
}

/// The first of `encodings` with a copy of `path` (`.br`, `.gz`) that is
/// not older than `file` and lies inside the site, as the file does: a
/// file changed after it was compressed is sent as it now is, and a copy
/// that is a link out of the site is not sent.
fn fresh_copy(
    site: &Site,
    file: &File,
    path: &Path,
    encodings: &[&'static str],
) -> Option<(&'static str, File)> {
    let changed = file.metadata().and_then(|m| m.modified()).ok()?;
    for &coding in encodings {
        let extension = if coding == "br" { "br" } else { "gz" };
        let copy = crate::precompress::copy_path(path, extension);
        if !fs::canonicalize(&copy).is_ok_and(|real| real.starts_with(&site.root)) {
            continue;
        }
        let Ok(copy) = File::open(copy) else { continue };
        let fresh = copy
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|written| written >= changed);
        if fresh {
            return Some((coding, copy));
        }
    }
    None
}

/// The Content-Security-Policy a page carries in its meta element, with
/// `frame-ancestors 'none'` added (a directive only a header can carry), to
/// send as a header too. Leaves `file` at its start.
fn page_policy(file: &mut File) -> io::Result<Option<String>> {
    let mut html = String::new();
    let policy = match file.read_to_string(&mut html) {
        Ok(_) => csp::policy_of(&html).map(|p| format!("{p}; frame-ancestors 'none'")),
        Err(_) => None,
    };
    file.seek(SeekFrom::Start(0))?;
    Ok(policy)
}

fn write_redirect(out: &mut BufWriter<TcpStream>, location: &str, is_head: bool) -> io::Result<()> {
    let body = format!("Moved to {location}\n");
    write_head(
        out,
        301,
        "text/plain; charset=utf-8",
        body.len() as u64,
        &[("Location", location)],
    )?;
    if !is_head {
        out.write_all(body.as_bytes())?;
    }
    out.flush()
}

fn write_error(out: &mut BufWriter<TcpStream>, status: u16, is_head: bool) -> io::Result<()> {
    let body = format!("{status} {}\n", reason(status));
    let extra: &[(&str, &str)] = if status == 405 {
        &[("Allow", "GET, HEAD")]
    } else {
        &[]
    };
    write_head(
        out,
        status,
        "text/plain; charset=utf-8",
        body.len() as u64,
        extra,
    )?;
    if !is_head {
        out.write_all(body.as_bytes())?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    /// A temporary directory removed on drop.
    fn temp_dir(label: &str) -> TempDir {
        tempfile::Builder::new()
            .prefix(&format!("storyscope-serve-{label}-"))
            .tempdir()
            .expect("create temp dir")
    }

    /// A site fixture: `<tmp>/secret.txt` lies outside the served
    /// `<tmp>/dist`.
    fn fixture(label: &str) -> TempDir {
        let tmp = temp_dir(label);
        let dist = tmp.path().join("dist");
        fs::create_dir_all(dist.join("data")).expect("create data dir");
        fs::create_dir_all(dist.join("docs")).expect("create docs dir");
        fs::write(dist.join("index.html"), "<!doctype html><p>app</p>").expect("write");
        fs::write(dist.join("app_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
        fs::write(dist.join("app.js"), "export default 1;").expect("write");
        fs::write(dist.join("data").join("stories.json"), "[]").expect("write");
        fs::write(dist.join("docs").join("index.html"), "docs").expect("write");
        fs::write(dist.join("with space.txt"), "spaced").expect("write");
        fs::write(tmp.path().join("secret.txt"), "secret").expect("write");
        tmp
    }

    struct Response {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Response {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }

        fn text(&self) -> String {
            String::from_utf8_lossy(&self.body).into_owned()
        }
    }

    fn request(server: &StaticServer, method: &str, target: &str) -> Response {
        request_with(server, method, target, "")
    }

    /// A request with the extra header lines `headers` (each ending in
    /// `\r\n`).
    fn request_with(server: &StaticServer, method: &str, target: &str, headers: &str) -> Response {
        let mut stream = TcpStream::connect(server.addr()).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        let head = String::from_utf8(raw[..split].to_vec()).expect("utf-8 head");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }

    fn get(server: &StaticServer, target: &str) -> Response {
        request(server, "GET", target)
    }

    fn start(tmp: &TempDir, base: &str) -> StaticServer {
        StaticServer::start(&tmp.path().join("dist"), "127.0.0.1:0", base).expect("start server")
    }

    #[test]
    fn serves_a_file_with_headers() {
        let tmp = fixture("file");
        let server = start(&tmp, "/");
        let response = get(&server, "/data/stories.json?v=3#top");
        assert_eq!(response.status, 200);
        assert_eq!(response.text(), "[]");
        assert_eq!(response.header("Content-Type"), Some("application/json"));
        assert_eq!(response.header("Content-Length"), Some("2"));
        assert_eq!(response.header("Cache-Control"), Some("no-cache"));
        assert_eq!(response.header("Connection"), Some("close"));
    }

    #[test]
    fn content_types() {
        let tmp = fixture("types");
        let server = start(&tmp, "/");
        let wasm = get(&server, "/app_bg.wasm");
        assert_eq!(wasm.status, 200);
        assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
        assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
        let js = get(&server, "/app.js");
        assert_eq!(
            js.header("Content-Type"),
            Some("text/javascript; charset=utf-8")
        );
        let html = get(&server, "/");
        assert_eq!(html.status, 200);
        assert_eq!(
            html.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(content_type(Path::new("a.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("a.SVG")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a.bin")), "application/octet-stream");
    }

    #[test]
    fn a_page_with_a_policy_is_sent_with_it_as_a_header() {
        let tmp = fixture("policy");
        let page = csp::add_policy("<html><head><script>go()</script></head></html>").unwrap();
        fs::write(tmp.path().join("dist").join("index.html"), &page).expect("write");
        let server = start(&tmp, "/");
        let response = get(&server, "/story/x");
        assert_eq!(response.text(), page);
        let expected = format!("{}; frame-ancestors 'none'", csp::policy_of(&page).unwrap());
        assert_eq!(
            response.header("Content-Security-Policy"),
            Some(expected.as_str())
        );
        assert_eq!(
            get(&server, "/app.js").header("Content-Security-Policy"),
            None
        );
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert_eq!(
            accepted_encodings("gzip, deflate, br, zstd"),
            ["br", "gzip"]
        );
        assert_eq!(accepted_encodings("gzip;q=1.0, br;q=0"), ["gzip"]);
        assert_eq!(accepted_encodings("*"), ["br", "gzip"]);
        assert_eq!(accepted_encodings("*, gzip;q=0"), ["br"]);
        assert!(accepted_encodings("identity").is_empty());
        assert!(accepted_encodings("").is_empty());
    }

    #[test]
    fn a_compressed_copy_is_sent_to_who_accepts_it_while_it_is_fresh() {
        let tmp = fixture("encoding");
        let dist = tmp.path().join("dist");
        let json = "{\"stories\": []}\n".repeat(100);
        fs::write(dist.join("data.json"), &json).expect("write");
        crate::precompress::precompress(&dist).expect("precompress");
        let server = start(&tmp, "/");
        let gzip = request_with(&server, "GET", "/data.json", "Accept-Encoding: gzip\r\n");
        assert_eq!(gzip.header("Content-Encoding"), Some("gzip"));
        assert_eq!(gzip.header("Content-Type"), Some("application/json"));
        assert_eq!(gzip.header("Vary"), Some("Accept-Encoding"));
        assert_eq!(gzip.body, fs::read(dist.join("data.json.gz")).unwrap());
        let br = request_with(
            &server,
            "GET",
            "/data.json",
            "Accept-Encoding: gzip, br\r\n",
        );
        assert_eq!(br.header("Content-Encoding"), Some("br"));
        assert_eq!(br.body, fs::read(dist.join("data.json.br")).unwrap());
        let plain = get(&server, "/data.json");
        assert_eq!(plain.header("Content-Encoding"), None);
        assert_eq!(plain.text(), json);
        // Changed after it was compressed: sent as it now is.
        std::thread::sleep(Duration::from_millis(20));
        fs::write(dist.join("data.json"), "{}\n").expect("write");
        let changed = request_with(
            &server,
            "GET",
            "/data.json",
            "Accept-Encoding: gzip, br\r\n",
        );
        assert_eq!(changed.header("Content-Encoding"), None);
        assert_eq!(changed.text(), "{}\n");
        // A copy that links out of the site is not sent.
        fs::write(dist.join("page.html"), "<p>page</p>").expect("write");
        std::thread::sleep(Duration::from_millis(20));
        // Newer than the page, so only where it lies keeps it from being sent.
        fs::write(tmp.path().join("secret.txt"), "secret").expect("write");
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), dist.join("page.html.gz"))
            .expect("symlink");
        let linked = request_with(&server, "GET", "/page.html", "Accept-Encoding: gzip\r\n");
        assert_eq!(linked.header("Content-Encoding"), None);
        assert_eq!(linked.text(), "<p>page</p>");
    }

    #[test]
    fn percent_decoded_paths() {
        let tmp = fixture("decode");
        let server = start(&tmp, "/");
        let response = get(&server, "/with%20space.txt");
        assert_eq!(response.status, 200);
        assert_eq!(response.text(), "spaced");
        assert_eq!(get(&server, "/bad%zzescape.txt").status, 400);
    }

    #[test]
    fn spa_fallback_for_routes_only() {
        let tmp = fixture("spa");
        let server = start(&tmp, "/");
        let story = get(&server, "/story/x");
        assert_eq!(story.status, 200);
        assert_eq!(story.text(), "<!doctype html><p>app</p>");
        assert_eq!(
            story.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(get(&server, "/person/kanye-west").status, 200);
        assert_eq!(get(&server, "/story/2021-11-26-foo?tab=quotes").status, 200);
        let missing = get(&server, "/data/nope.json");
        assert_eq!(missing.status, 404);
    }

    #[test]
    fn directories_serve_their_index() {
        let tmp = fixture("dirs");
        let server = start(&tmp, "/");
        let docs = get(&server, "/docs/");
        assert_eq!(docs.status, 200);
        assert_eq!(docs.text(), "docs");
        let redirect = get(&server, "/docs");
        assert_eq!(redirect.status, 301);
        assert_eq!(redirect.header("Location"), Some("/docs/"));
    }

    #[test]
    fn a_redirect_never_names_another_host() {
        let tmp = fixture("other-host");
        let server = start(&tmp, "/");
        for target in ["//docs", "///docs", "/.//docs", "//./docs"] {
            let redirect = get(&server, target);
            assert_eq!(redirect.status, 301, "{target}");
            assert_eq!(redirect.header("Location"), Some("/docs/"), "{target}");
        }
        let based = start(&tmp, "/storyscope/");
        let redirect = get(&based, "/storyscope//docs");
        assert_eq!(redirect.status, 301);
        assert_eq!(redirect.header("Location"), Some("/storyscope/docs/"));
        assert_eq!(get(&based, "//storyscope/").status, 404);
    }

    #[test]
    fn traversal_is_rejected() {
        let tmp = fixture("traversal");
        let server = start(&tmp, "/");
        for target in [
            "/../secret.txt",
            "/data/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/data%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
        ] {
            let response = get(&server, target);
            assert!(
                response.status == 403 || response.status == 404,
                "{target} answered {}",
                response.status
            );
            assert!(!response.text().contains("secret"), "{target} leaked");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_root_are_refused() {
        let tmp = fixture("links");
        std::os::unix::fs::symlink(
            tmp.path().join("secret.txt"),
            tmp.path().join("dist").join("leak.txt"),
        )
        .expect("symlink");
        let server = start(&tmp, "/");
        let response = get(&server, "/leak.txt");
        assert_eq!(response.status, 403);
        assert!(!response.text().contains("secret"));
    }

    #[test]
    fn base_path_prefix() {
        let tmp = fixture("base");
        let server = start(&tmp, "/storyscope/");
        let file = get(&server, "/storyscope/data/stories.json");
        assert_eq!(file.status, 200);
        assert_eq!(file.text(), "[]");
        let root = get(&server, "/storyscope/");
        assert_eq!(root.status, 200);
        assert_eq!(root.text(), "<!doctype html><p>app</p>");
        assert_eq!(get(&server, "/storyscope/story/x").status, 200);
        assert_eq!(get(&server, "/storyscope/data/nope.json").status, 404);
        let bare = get(&server, "/storyscope");
        assert_eq!(bare.status, 301);
        assert_eq!(bare.header("Location"), Some("/storyscope/"));
        assert_eq!(get(&server, "/data/stories.json").status, 404);
        assert_eq!(get(&server, "/story/x").status, 404);
        assert_eq!(get(&server, "/storyscopex/index.html").status, 404);
    }

    #[test]
    fn methods() {
        let tmp = fixture("methods");
        let server = start(&tmp, "/");
        let head = request(&server, "HEAD", "/data/stories.json");
        assert_eq!(head.status, 200);
        assert_eq!(head.header("Content-Length"), Some("2"));
        assert!(head.body.is_empty());
        let post = request(&server, "POST", "/data/stories.json");
        assert_eq!(post.status, 405);
        assert_eq!(post.header("Allow"), Some("GET, HEAD"));
    }

    #[test]
    fn stop_releases_the_port() {
        let tmp = fixture("stop");
        let server = start(&tmp, "/");
        let addr = server.addr();
        assert_ne!(addr.port(), 0);
        server.stop();
        assert!(TcpListener::bind(addr).is_ok());
    }

    #[test]
    fn base_normalization() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("storyscope"), "/storyscope/");
        assert_eq!(normalize_base("/storyscope"), "/storyscope/");
        assert_eq!(normalize_base("/a/b/"), "/a/b/");
    }

    #[test]
    fn missing_root_is_an_error() {
        let tmp = temp_dir("missing");
        let error = StaticServer::start(&tmp.path().join("nope"), "127.0.0.1:0", "/")
            .expect_err("missing root must fail");
        assert!(error.to_string().contains("nope"));
    }
}
