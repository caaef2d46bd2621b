//! The app's one way to the network: fetching a URL (relative to the page's
//! base) as bytes or as UTF-8 text, each failure naming the URL and why;
//! and the named moments of the page's performance timeline that the
//! benchmark reads. Nothing here knows what is fetched.

/// Records a named moment in the page's performance timeline, for the
/// benchmark (`storyscope-fetched`, `storyscope-parsed`, ...).
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}

/// Fetches `url` as UTF-8 text. The bytes are copied into the app's memory
/// once and checked there: reading them as a JavaScript string first would
/// decode them to UTF-16 and encode them back, which for a dataset of tens
/// of megabytes takes longer than parsing it.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    String::from_utf8(fetch_bytes(url).await?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{url}:{line}: this is not UTF-8 text (a byte that UTF-8 does not allow at byte {at}). Fix: save the file as UTF-8, or rebuild it with `storyscope ingest`"
        )
    })
}

/// Fetches `url` as bytes; a failure says which URL and why.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: cannot fetch: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "{url}: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .binary()
        .await
        .map_err(|e| format!("{url}: cannot read: {e}"))
}
