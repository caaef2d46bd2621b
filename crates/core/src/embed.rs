//! Embedding a view in another site: the `<iframe>` code the app offers,
//! and the paths of the embed views (`/embed/...`: the same views from the
//! same URL parameters, in a compact frame).
//!
//! A host page that wants the frame to take its content's height adds the
//! two lines of [`AUTO_HEIGHT`]: the embed view posts its height to the page
//! that frames it as `{type: "storyscope:height", height}` each time it
//! changes.

use crate::page::escape;

/// The first segment of every embed view's path.
pub const PREFIX: &str = "embed";

/// The message type an embed view posts with its height.
pub const HEIGHT_MESSAGE: &str = "storyscope:height";

/// The script a host page adds for frames that take their content's
/// height: it sets the height of the frame whose view posted it.
pub const AUTO_HEIGHT: &str = "<script>addEventListener(\"message\", e => { if (e.data && e.data.type === \"storyscope:height\") for (const f of document.querySelectorAll(\"iframe\"))\n  if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + \"px\"; });</script>";

/// The height a view's frame starts at, in CSS pixels, by its kind: the
/// timeline scrolls inside its frame; the others suit the auto height.
pub fn frame_height(timeline: bool) -> u32 {
    if timeline {
        640
    } else {
        560
    }
}

/// The `<iframe>` code for the embed view at `src`, named `title` for
/// assistive technology; every value escaped for an HTML attribute.
pub fn iframe(src: &str, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border: 0; max-width: 100%;\"></iframe>",
        escape(src),
        escape(title)
    )
}

/// The embed view of the app's `path` (`/story/<id>`, `/` for the
/// timeline) with its `query` (`?person=...`, or empty), under `base`
/// (which ends in `/`).
pub fn embed_url(base: &str, path: &str, query: &str) -> String {
    let path = path.trim_start_matches('/');
    let query = query.trim_start_matches('?');
    let mut url = format!("{base}{PREFIX}/{path}");
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

/// The full view of an embed view's `path` (under the base): the path
/// without its `embed/` segment; `None` when it is not an embed view.
pub fn full_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(PREFIX)?;
    match rest {
        "" => Some(""),
        _ => rest.strip_prefix('/'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_escapes_every_value() {
        let code = iframe(
            "https://e.org/embed/?q=a&b=\"x\"",
            "Roe \"quoted\" <b>here</b> & 'there'",
            560,
        );
        assert_eq!(
            code,
            "<iframe src=\"https://e.org/embed/?q=a&amp;b=&quot;x&quot;\" title=\"Roe &quot;quoted&quot; &lt;b&gt;here&lt;/b&gt; &amp; &#39;there&#39;\" width=\"100%\" height=\"560\" loading=\"lazy\" style=\"border: 0; max-width: 100%;\"></iframe>"
        );
    }

    #[test]
    fn embed_and_full_paths_are_each_others() {
        assert_eq!(
            embed_url("https://e.org/sub/", "/", "?person=roe"),
            "https://e.org/sub/embed/?person=roe"
        );
        assert_eq!(embed_url("/", "/story/s1", ""), "/embed/story/s1");
        assert_eq!(full_path("embed/story/s1"), Some("story/s1"));
        assert_eq!(full_path("embed"), Some(""));
        assert_eq!(full_path("embed/"), Some(""));
        assert_eq!(full_path("embedded/x"), None);
        assert_eq!(full_path("story/embed"), None);
    }

    #[test]
    fn the_host_script_matches_the_message() {
        assert!(AUTO_HEIGHT.contains(HEIGHT_MESSAGE));
        assert_eq!(AUTO_HEIGHT.lines().count(), 2, "two lines for a host page");
    }
}
