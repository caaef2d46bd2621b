//! Links from a dataset: the one allowlist every URL passes before the app
//! puts it in an `href`.
//!
//! A browser does not follow the string it is given but what its URL parser
//! makes of it, and the parser forgives a lot: it strips leading and trailing
//! control characters and spaces, drops tabs and newlines anywhere, and reads
//! the scheme without regard to case, so `" JaVa\tScRiPt:alert(1)"` is a
//! `javascript:` URL. [`safe_link`] applies the same normalisation first,
//! then accepts only `http://` and `https://` URLs with a host, and returns
//! the normalised text: what the browser follows is exactly what was checked.
//! Entity and percent encodings need no decoding here: an attribute set
//! through the DOM is never entity-decoded, and a percent-encoded scheme is
//! no scheme at all, so neither can turn into `http:` or `javascript:` later.

/// The URL to put in an `href` for `url`, if it is an `http` or `https` link;
/// `None` for anything else, which the app shows as plain text.
///
/// Before deciding, the text is normalised as browsers do: leading and
/// trailing C0 controls and spaces are stripped, tabs and newlines removed,
/// and the scheme lowercased. What remains must be `http://` or `https://`,
/// a non-empty host (with an optional numeric port), then anything without
/// control characters, whitespace or backslashes (which browsers would read
/// as slashes).
///
/// ```
/// use storyscope_core::url::safe_link;
/// assert_eq!(safe_link("https://example.com/a?b#c").as_deref(), Some("https://example.com/a?b#c"));
/// assert_eq!(safe_link(" HTTPS://example.com\n").as_deref(), Some("https://example.com"));
/// assert_eq!(safe_link("java\tscript:alert(1)"), None);
/// ```
pub fn safe_link(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let normalised: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, rest) = normalised.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let after_slashes = rest.strip_prefix("//")?;
    if rest
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return None;
    }
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let (host, port) = split_port(host_port);
    if host.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{scheme}:{rest}"))
}

/// Splits `host:port` (the host may be an IPv6 literal in brackets) into the
/// host and the port, which is empty when there is none.
fn split_port(host_port: &str) -> (&str, &str) {
    if host_port.starts_with('[') {
        return match host_port.find(']') {
            Some(end) => {
                let (host, after) = host_port.split_at(end + 1);
                match after.strip_prefix(':') {
                    Some(port) => (host, port),
                    None if after.is_empty() => (host, ""),
                    // Text after the brackets that is not a port.
                    None => ("", ""),
                }
            }
            None => ("", ""),
        };
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => (host, port),
        None => (host_port, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_http_and_https_links_pass_unchanged() {
        for url in [
            "https://www.instagram.com/p/CWqV3qslFQ8/",
            "https://pic.twitter.com/5QbzQIV0Hy",
            "http://example.com",
            "http://example.com:8080/a/b?c=d&e=f#g",
            "https://user@example.com/",
            "https://[2001:db8::1]:443/x",
            "https://例え.jp/パス",
            "https://example.com/%6A%61vascript:alert(1)",
        ] {
            assert_eq!(safe_link(url).as_deref(), Some(url), "{url}");
        }
    }

    #[test]
    fn the_browser_normalisation_is_applied_first() {
        for (url, link) in [
            ("HTTP://example.com", "http://example.com"),
            ("HtTpS://Example.com/A", "https://Example.com/A"),
            ("  https://example.com/  ", "https://example.com/"),
            ("\u{0}\u{1f}https://example.com\u{7}", "https://example.com"),
            ("ht\ttp://exa\nmple.com/\r", "http://example.com/"),
            ("https:/\t/example.com", "https://example.com"),
        ] {
            assert_eq!(safe_link(url).as_deref(), Some(link), "{url:?}");
        }
    }

    /// Scripts and documents in disguise: every trick a browser forgives.
    const BAD: &[&str] = &[
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "\u{1}\u{2}javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\rscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "javascript%3Aalert(1)",
        "%6A%61%76%61%73%63%72%69%70%74:alert(1)",
        "\u{feff}javascript:alert(1)",
        "javascript://%0Aalert(1)",
        "javascript:https://example.com",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        " d\tata:text/html,x",
        "vbscript:msgbox(1)",
        "VbScRiPt:msgbox(1)",
        "file:///etc/passwd",
        "blob:https://example.com/uuid",
        "about:blank",
        "//example.com",
        "/relative/path",
        "example.com",
        "http",
        "http:",
        "http:example.com",
        "http:/example.com",
        "https:\\\\example.com",
        "https://",
        "https:///path",
        "https://?q",
        "https://#x",
        "https://user@/",
        "https://example.com:80x/",
        "https://a b.com",
        "https://example.com/a b",
        "https://example.com/\u{a0}",
        "https://example.com/\u{2028}",
        "https://example.com\\@evil.com",
        "https://[::1",
        "https://[::1]x/",
        "",
        " ",
    ];

    #[test]
    fn scripts_data_and_broken_links_are_refused() {
        for url in BAD {
            assert_eq!(safe_link(url), None, "{url:?}");
        }
    }

    /// A scheme in any case, with tabs, newlines and edge junk mixed in.
    fn disguised(scheme: &'static str) -> impl Strategy<Value = String> {
        let letters = scheme.chars().collect::<Vec<_>>();
        (
            proptest::collection::vec(
                (
                    any::<bool>(),
                    prop_oneof![Just(""), Just("\t"), Just("\n"), Just("\r")],
                ),
                letters.len(),
            ),
            "[\\x00-\\x20]{0,3}",
            "[ -~]{0,20}",
        )
            .prop_map(move |(marks, edge, rest)| {
                let mut out = edge;
                for (c, (upper, junk)) in letters.iter().zip(marks) {
                    out.push(if upper { c.to_ascii_uppercase() } else { *c });
                    out.push_str(junk);
                }
                out.push(':');
                out.push_str(&rest);
                out
            })
    }

    proptest! {
        #[test]
        fn whatever_passes_is_a_clean_http_link(url in any::<String>()) {
            if let Some(link) = safe_link(&url) {
                prop_assert!(link.starts_with("http://") || link.starts_with("https://"), "{link:?}");
                prop_assert!(!link.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\'), "{link:?}");
                // Normalised once, a link stays as it is.
                prop_assert_eq!(safe_link(&link), Some(link.clone()));
            }
        }

        #[test]
        fn near_misses_of_http_pass_only_as_http(url in "[ \\t\\nhHtTpPsS:/\\\\a.]{0,16}") {
            if let Some(link) = safe_link(&url) {
                prop_assert!(link.starts_with("http://") || link.starts_with("https://"), "{link:?}");
            }
        }

        #[test]
        fn disguised_script_and_data_schemes_are_refused(
            url in prop_oneof![disguised("javascript"), disguised("data"), disguised("vbscript")],
        ) {
            prop_assert_eq!(safe_link(&url), None, "{:?}", url);
        }

        #[test]
        fn well_formed_links_pass_unchanged(
            scheme in prop_oneof![Just("http"), Just("https")],
            host in "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\\.[a-z]{2,6}){1,2}",
            port in proptest::option::of(1u16..),
            path in "(/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,8}){0,3}",
            query in proptest::option::of("[A-Za-z0-9=&%/?:@-]{0,12}"),
            fragment in proptest::option::of("[A-Za-z0-9=&%/?:@#-]{0,12}"),
        ) {
            let mut url = format!("{scheme}://{host}");
            if let Some(port) = port { url.push_str(&format!(":{port}")); }
            url.push_str(&path);
            if let Some(q) = query { url.push('?'); url.push_str(&q); }
            if let Some(f) = fragment { url.push('#'); url.push_str(&f); }
            prop_assert_eq!(safe_link(&url), Some(url.clone()));
        }
    }
}
