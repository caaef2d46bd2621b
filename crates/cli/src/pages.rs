//! `storyscope pages DIR [--site-url URL]`: a page per story, person and
//! quote of a built site's dataset (`DIR/story/<id>/index.html`, ...), each
//! the built `index.html` with that view's title, description, link tags
//! and content (see [`storyscope_core::page`]), and beside it its preview
//! card (`card.png`, see [`crate::card`]); `DIR/404.html` for hosts
//! that answer unknown paths with it (GitHub Pages); and, with the site's
//! URL, `DIR/sitemap.xml`, named in `DIR/robots.txt`. Every file is written
//! atomically.

use std::fs;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use storyscope_core::load::load_dataset;
use storyscope_core::page::{pages, sitemap, Site};

use crate::error::{Error, PageProblem};
use crate::files::{read_text, write_atomically, write_built};

/// What [`write_pages`] made.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Pages written.
    pub pages: usize,
    /// Whether a sitemap was written (only with the site's URL).
    pub sitemap: bool,
    /// Items with no page, their id unfit for a path, for the user.
    pub left_out: Vec<String>,
    /// Things worth saying: no site URL, a split dataset.
    pub notes: Vec<String>,
}

/// Writes the pages of the site built in `dir`, published at `site_url`.
pub fn write_pages(dir: &Path, site_url: Option<&str>) -> Result<Written, Error> {
    let site = match site_url {
        Some(url) => Site::at(url).map_err(|problem| Error::Option {
            option: "--site-url",
            problem,
        })?,
        None => Site::default(),
    };
    let index = dir.join("index.html");
    if !index.is_file() {
        return Err(Error::NoApp {
            dir: dir.to_path_buf(),
        });
    }
    let template = read_text(&index)?;
    let mut written = Written::default();
    let not_found = dir.join("404.html");
    write_atomically(&not_found, template.as_bytes()).map_err(Error::write(&not_found))?;
    let data = dir.join("data").join("stories.json");
    if !data.is_file() {
        written.notes.push(format!(
            "{} is not there (a split dataset?): no pages of stories were made; the app shows them all the same",
            data.display()
        ));
        return Ok(written);
    }
    let text = read_text(&data)?;
    let loaded = load_dataset(&text).map_err(|problems| Error::Dataset {
        path: data.clone(),
        problems: problems.iter().map(ToString::to_string).collect(),
    })?;
    let (pages, left_out) = pages(&loaded.dataset, &site);
    written.left_out = left_out;
    // Each page and its card on every core: a card takes milliseconds to
    // draw, and a dataset of thousands has thousands.
    pages.par_iter().try_for_each(|page| -> Result<(), Error> {
        let html = page.fill(&template).ok_or_else(|| Error::Page {
            path: index.clone(),
            problem: PageProblem::NotATemplate,
        })?;
        let path: PathBuf = dir.join(page.file());
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(Error::write(folder))?;
        }
        write_built(&path, html.as_bytes()).map_err(Error::write(&path))?;
        let card = dir.join(page.card_file());
        write_built(&card, &crate::card::render(&page.card)).map_err(Error::write(&card))
    })?;
    written.pages = pages.len();
    let map = dir.join("sitemap.xml");
    match sitemap(&pages, &site) {
        Some(xml) => {
            write_atomically(&map, xml.as_bytes()).map_err(Error::write(&map))?;
            written.sitemap = true;
            // Crawlers find the sitemap through robots.txt.
            let robots = dir.join("robots.txt");
            if let (Ok(text), Some(url)) = (fs::read_to_string(&robots), site.url()) {
                if !text.lines().any(|l| l.starts_with("Sitemap:")) {
                    let text = format!("{}\nSitemap: {url}sitemap.xml\n", text.trim_end());
                    write_atomically(&robots, text.as_bytes()).map_err(Error::write(&robots))?;
                }
            }
        }
        None => written.notes.push(
            "no --site-url: the pages have no canonical link, og:url, og:image or sitemap.xml (they need the site's absolute URL)".into(),
        ),
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html><head><title>Storyscope</title><meta name=\"description\" content=\"x\" /></head><body><div id=\"app\"><div id=\"boot\">Loading…</div></div></body></html>";

    fn site(dataset: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("index.html"), TEMPLATE).expect("write");
        if let Some(dataset) = dataset {
            fs::create_dir(dir.path().join("data")).expect("mkdir");
            fs::write(dir.path().join("data/stories.json"), dataset).expect("write");
        }
        dir
    }

    fn seed() -> String {
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/stories.json"))
            .expect("the seed dataset")
    }

    #[test]
    fn a_page_per_item_a_404_and_with_the_url_a_sitemap() {
        let dir = site(Some(&seed()));
        let done = write_pages(dir.path(), None).expect("pages");
        assert!(done.pages >= 10 && !done.sitemap, "{done:?}");
        assert!(done.notes.iter().any(|n| n.contains("--site-url")));
        assert!(dir.path().join("person/kanye-west/index.html").is_file());
        let card = fs::read(dir.path().join("person/kanye-west/card.png")).expect("a card");
        let (w, h, ink) = crate::card::inspect(&card).expect("a PNG");
        assert!((w, h) == (1200, 630) && ink > 0.02, "{w}x{h} {ink}");
        assert_eq!(
            fs::read_to_string(dir.path().join("404.html")).unwrap(),
            TEMPLATE
        );
        assert!(!dir.path().join("sitemap.xml").exists());
        fs::write(dir.path().join("robots.txt"), "User-agent: *\nAllow: /\n").unwrap();
        let again = write_pages(dir.path(), Some("https://example.org")).expect("pages");
        let robots = fs::read_to_string(dir.path().join("robots.txt")).unwrap();
        assert_eq!(
            robots,
            "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
        );
        write_pages(dir.path(), Some("https://example.org")).expect("pages");
        assert_eq!(
            fs::read_to_string(dir.path().join("robots.txt")).unwrap(),
            robots
        );
        assert!(again.sitemap && again.notes.is_empty() && again.pages == done.pages);
        let map = fs::read_to_string(dir.path().join("sitemap.xml")).unwrap();
        assert!(map.contains("<loc>https://example.org/person/kanye-west/</loc>"));
        // No temporary file is left beside what was written.
        let stray = fs::read_dir(dir.path().join("person/kanye-west"))
            .unwrap()
            .filter(|e| {
                !["index.html", "card.png"]
                    .contains(&&*e.as_ref().unwrap().file_name().to_string_lossy())
            })
            .count();
        assert_eq!(stray, 0);
    }

    #[test]
    fn what_stops_it_is_named() {
        let empty = tempfile::tempdir().unwrap();
        let err = write_pages(empty.path(), None).unwrap_err();
        assert!(matches!(err, Error::NoApp { .. }), "{err}");
        let bad = site(Some("{ not json"));
        let err = write_pages(bad.path(), None).unwrap_err();
        assert!(
            err.to_string().contains("stories.json:1:3: error: "),
            "{err}"
        );
        let err = write_pages(bad.path(), Some("javascript:alert(1)")).unwrap_err();
        assert!(err.to_string().starts_with("--site-url: "), "{err}");
        let no_template = site(Some(&seed()));
        fs::write(no_template.path().join("index.html"), "<html></html>").unwrap();
        let err = write_pages(no_template.path(), None).unwrap_err();
        assert!(
            err.to_string().contains("index.html") && err.to_string().contains("<title>"),
            "{err}"
        );
    }

    #[test]
    fn a_split_dataset_gets_a_note_not_an_error() {
        let dir = site(None);
        let done = write_pages(dir.path(), None).expect("pages");
        assert_eq!(done.pages, 0);
        assert!(done.notes[0].contains("split"), "{done:?}");
        assert!(dir.path().join("404.html").is_file());
    }
}
