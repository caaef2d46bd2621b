//! The built page's Content-Security-Policy.
//!
//! Trunk writes `index.html` with an inline module script, the loader that
//! imports the app's JavaScript and starts its wasm (beside the page's own
//! inline script, which opens a quote's page at its quote). The loader's
//! text names the hashed file names of the build, so its hash changes with
//! every build:
//! [`add_policy`] runs after the build (a Trunk `post_build` hook calls
//! `storyscope csp`), hashes each inline script and writes the policy into
//! the page as a `<meta http-equiv>` at the top of `<head>`. A meta policy
//! travels with the static files to any host; [`crate::serve`] also sends it
//! as a header, with `frame-ancestors`, which only a header can carry.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, PageProblem};
use crate::files::{read_text, write_atomically};

/// The start of the meta element [`add_policy`] writes.
const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The policy for a page whose inline scripts have the given sha256 source
/// expressions (`'sha256-…'`): everything from the page's own origin only;
/// scripts only from it or with those hashes, plus compiling WebAssembly;
/// no plugins, no `<base>` elsewhere, no inline styles or handlers.
pub fn policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The text of each inline `<script>` element of `html` (those without a
/// `src` attribute), as the browser hashes it: raw text, line endings
/// normalised to `\n`.
pub fn inline_scripts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find("<script") {
        let start = at + found;
        let Some(tag_len) = lower[start..].find('>') else {
            break;
        };
        let tag = &lower[start..start + tag_len];
        let body = start + tag_len + 1;
        let Some(body_len) = lower[body..].find("</script") else {
            break;
        };
        if !has_attribute(tag, "src") {
            let text = &html[body..body + body_len];
            scripts.push(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        at = body + body_len;
    }
    scripts
}

/// Whether the (lowercased) start tag `tag` has the attribute `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    tag.match_indices(name).any(|(i, _)| {
        let before = tag[..i].chars().next_back();
        let after = tag[i + name.len()..].trim_start().chars().next();
        before.is_some_and(char::is_whitespace) && matches!(after, Some('=' | '>' | '/') | None)
    })
}

/// The CSP source expression for a script's text: `'sha256-<base64>'`.
pub fn script_hash(text: &str) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `html` with its policy as the first element of `<head>`, replacing the
/// one an earlier run wrote. Fails if the page has no `<head>`.
pub fn add_policy(html: &str) -> Result<String, PageProblem> {
    let html = remove_policy(html);
    let hashes: Vec<String> = inline_scripts(&html)
        .iter()
        .map(|s| script_hash(s))
        .collect();
    let lower = html.to_ascii_lowercase();
    let head = lower
        .match_indices("<head")
        .find(|(i, _)| lower[i + 5..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
        .map(|(i, _)| i)
        .ok_or(PageProblem::NoHead)?;
    let open_end = head + lower[head..].find('>').ok_or(PageProblem::UnclosedHead)? + 1;
    let meta = format!("\n    {META_START}{}\" />", policy(&hashes));
    Ok(format!("{}{meta}{}", &html[..open_end], &html[open_end..]))
}

/// `html` without the meta element an earlier [`add_policy`] wrote.
fn remove_policy(html: &str) -> String {
    let Some(start) = html.find(META_START) else {
        return html.to_owned();
    };
    let end = html[start..]
        .find('>')
        .map_or(html.len(), |e| start + e + 1);
    let before = html[..start].trim_end_matches([' ', '\n']);
    format!("{before}{}", &html[end..])
}

/// The policy a page written by [`add_policy`] carries, if any.
pub fn policy_of(html: &str) -> Option<&str> {
    let start = html.find(META_START)? + META_START.len();
    let len = html[start..].find('"')?;
    Some(&html[start..start + len])
}

/// Writes the policy into the page at `path` (in place, atomically).
pub fn add_policy_to_file(path: &Path) -> Result<(), Error> {
    let html = read_text(path)?;
    let with = add_policy(&html).map_err(|problem| Error::Page {
        path: path.to_path_buf(),
        problem,
    })?;
    write_atomically(path, with.as_bytes()).map_err(Error::write(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n    \
        <link rel=\"stylesheet\" href=\"/style-1.css\"/>\n<script type=\"module\">\nimport init from '/app-1.js';\nawait init();\n</script>\n\
        <link rel=\"modulepreload\" href=\"/app-1.js\"></head>\n  <body><SCRIPT src=\"/x.js\"></SCRIPT></body>\n</html>";

    #[test]
    fn hashes_are_the_csp_sha256_of_the_text() {
        // As `printf 'alert(1)' | openssl dgst -sha256 -binary | base64` gives.
        assert_eq!(
            script_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn only_inline_scripts_are_hashed() {
        assert_eq!(
            inline_scripts(PAGE),
            ["\nimport init from '/app-1.js';\nawait init();\n"]
        );
        assert_eq!(inline_scripts("<script>a\r\nb</script>"), ["a\nb"]);
        assert!(
            inline_scripts("<script src=x></script><script type=module src='y'></script>")
                .is_empty()
        );
        assert_eq!(
            inline_scripts("<script data-src=x>c</script>"),
            ["c"],
            "data-src is not src"
        );
    }

    #[test]
    fn the_policy_goes_first_in_head_once() {
        let with = add_policy(PAGE).unwrap();
        let hash = script_hash("\nimport init from '/app-1.js';\nawait init();\n");
        assert!(
            with.starts_with(&format!(
                "<!doctype html>\n<html lang=\"en\">\n  <head>\n    {META_START}default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hash}; style-src 'self';"
            )),
            "{with}"
        );
        assert_eq!(policy_of(&with), Some(policy(&[hash]).as_str()));
        assert_eq!(
            add_policy(&with).unwrap(),
            with,
            "a second run changes nothing"
        );
        assert!(policy_of(PAGE).is_none());
        assert_eq!(
            add_policy("<html><body></body></html>"),
            Err(PageProblem::NoHead)
        );
        assert_eq!(
            add_policy("<html><header></header></html>"),
            Err(PageProblem::NoHead)
        );
        assert_eq!(
            add_policy("<html><head class=x"),
            Err(PageProblem::UnclosedHead)
        );
    }

    #[test]
    fn the_policy_allows_only_what_the_app_needs() {
        let p = policy(&[]);
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
        ] {
            assert!(p.contains(directive), "{p}");
        }
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
    }
}
