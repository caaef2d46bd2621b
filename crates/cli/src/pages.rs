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
use std::path::{Component, Path, PathBuf};

use storyscope_core::load::{load_dataset, load_split_index};
use storyscope_core::model::Dataset;
use storyscope_core::page::{sitemap, Pages, Site};
use storyscope_core::split::{chunk_file, layout_of, FileLayout, Joiner};
use storyscope_core::validate::thousands;

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

/// How many of the newest stories get pages unless told otherwise: a
/// page and its card take some milliseconds, and a site of a thousand
/// stories has some eight thousand pages with its quotes'.
pub const NEWEST: usize = 1000;

/// Writes the pages of the site built in `dir`, published at `site_url`:
/// for everyone, and for the `newest` stories (all with `None`) and their
/// quotes.
pub fn write_pages(
    dir: &Path,
    site_url: Option<&str>,
    newest: Option<usize>,
) -> Result<Written, Error> {
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
            "{} is not there: no pages of stories were made",
            data.display()
        ));
        return Ok(written);
    }
    let text = read_text(&data)?;
    let dataset = match layout_of(&text) {
        FileLayout::Whole => {
            load_dataset(&text)
                .map_err(|problems| Error::Dataset {
                    path: data.clone(),
                    problems: problems.iter().map(ToString::to_string).collect(),
                })?
                .dataset
        }
        FileLayout::Split => join_split(&data, text, &mut written.notes)?,
    };
    let pages = Pages::new(&dataset, newest);
    written.left_out = pages.left_out.clone();
    // Each page and its card on every core: a card takes milliseconds to
    // draw, and a dataset of thousands has thousands. A page is made,
    // written and dropped: the pages of a large site are never all held.
    pages
        .items
        .par_iter()
        .try_for_each(|&item| -> Result<(), Error> {
            let page = pages.render(item, &site);
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
    written.pages = pages.items.len();
    if pages.older > 0 {
        written.notes.push(format!(
            "pages for the newest {} stories and their quotes; the {} older ones open in the app from the site's root, with the site's own preview (--newest all makes them all)",
            thousands(dataset.stories.len() - pages.older),
            thousands(pages.older)
        ));
    }
    let routes: Vec<String> = pages.items.iter().map(|&item| pages.route(item)).collect();
    let map = dir.join("sitemap.xml");
    match sitemap(routes.iter().map(String::as_str), &site) {
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

/// The whole dataset of the split index at `data` (its `text`), read
/// chunk by chunk. A chunk that cannot be read or does not hold together is
/// named in `notes`, and its stories get no pages; the others do.
fn join_split(data: &Path, text: String, notes: &mut Vec<String>) -> Result<Dataset, Error> {
    let refused = |problems: Vec<String>| Error::Dataset {
        path: data.to_path_buf(),
        problems,
    };
    let (index, outline) = load_split_index(&text)
        .map_err(|problems| refused(problems.iter().map(ToString::to_string).collect()))?;
    drop(text);
    // The chunks' folder is named by the index: only a folder inside.
    let inside = Path::new(&index.chunk_dir)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !inside || index.chunk_dir.is_empty() {
        return Err(refused(vec![format!(
            "chunk_dir: \"{}\" is not a folder beside the index",
            index.chunk_dir
        )]));
    }
    let folder = data.with_file_name(&index.chunk_dir);
    let mut joiner = Joiner::new(outline);
    for n in 0..index.chunks {
        let path = folder.join(chunk_file(n));
        let added = read_text(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_json::from_str::<Dataset>(&text)
                    .map_err(|e| format!("{}: {e}", path.display()))
            })
            .and_then(|chunk| {
                joiner.add(n, chunk).map_err(|problems| {
                    let first = problems.first().map(ToString::to_string);
                    format!("{}: {}", path.display(), first.unwrap_or_default())
                })
            });
        if let Err(problem) = added {
            notes.push(format!("{problem}; its stories get no pages"));
        }
    }
    Ok(joiner.finish())
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
        let done = write_pages(dir.path(), None, None).expect("pages");
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
        let again = write_pages(dir.path(), Some("https://example.org"), None).expect("pages");
        let robots = fs::read_to_string(dir.path().join("robots.txt")).unwrap();
        assert_eq!(
            robots,
            "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
        );
        write_pages(dir.path(), Some("https://example.org"), None).expect("pages");
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
        let err = write_pages(empty.path(), None, None).unwrap_err();
        assert!(matches!(err, Error::NoApp { .. }), "{err}");
        let bad = site(Some("{ not json"));
        let err = write_pages(bad.path(), None, None).unwrap_err();
        assert!(
            err.to_string().contains("stories.json:1:3: error: "),
            "{err}"
        );
        let err = write_pages(bad.path(), Some("javascript:alert(1)"), None).unwrap_err();
        assert!(err.to_string().starts_with("--site-url: "), "{err}");
        let no_template = site(Some(&seed()));
        fs::write(no_template.path().join("index.html"), "<html></html>").unwrap();
        let err = write_pages(no_template.path(), None, None).unwrap_err();
        assert!(
            err.to_string().contains("index.html") && err.to_string().contains("<title>"),
            "{err}"
        );
    }

    #[test]
    fn a_site_without_a_dataset_gets_a_note_not_an_error() {
        let dir = site(None);
        let done = write_pages(dir.path(), None, None).expect("pages");
        assert_eq!(done.pages, 0);
        assert!(done.notes[0].contains("stories.json"), "{done:?}");
        assert!(dir.path().join("404.html").is_file());
    }

    /// A generated dataset with only the people its stories name: each
    /// person's page and card take their time.
    fn generated(stories: usize) -> storyscope_core::Dataset {
        use storyscope_core::generate::{generate, GenerateOptions};
        let mut dataset = generate(GenerateOptions { stories, seed: 3 });
        let named: Vec<String> = dataset
            .stories
            .iter()
            .flat_map(|s| s.people.clone())
            .collect();
        dataset.people.retain(|p| named.contains(&p.id));
        dataset
    }

    #[test]
    fn a_large_dataset_gets_pages_for_its_newest_stories_and_everyone() {
        let dataset = generated(16);
        let dir = site(Some(&serde_json::to_string(&dataset).unwrap()));
        let done = write_pages(dir.path(), None, Some(4)).expect("pages");
        let mut by_age: Vec<&storyscope_core::model::Story> = dataset.stories.iter().collect();
        by_age.sort_by_key(|s| std::cmp::Reverse(s.date));
        let (newest, oldest) = (by_age[0], by_age[by_age.len() - 1]);
        assert!(dir
            .path()
            .join(format!("story/{}/index.html", newest.id))
            .is_file());
        assert!(!dir.path().join(format!("story/{}", oldest.id)).exists());
        let quotes = |s: &storyscope_core::model::Story| {
            dataset.quotes.iter().filter(|q| q.story == s.id).count()
        };
        let newest_quotes: usize = by_age[..4].iter().map(|s| quotes(s)).sum();
        assert_eq!(
            done.pages,
            4 + newest_quotes + dataset.people.len(),
            "{done:?}"
        );
        for p in &dataset.people {
            assert!(dir
                .path()
                .join(format!("person/{}/index.html", p.id))
                .is_file());
        }
        assert!(
            done.notes
                .iter()
                .any(|n| n.contains("newest 4 stories") && n.contains("12 older")),
            "{done:?}"
        );
    }

    /// A site whose dataset is split into chunks of `per_chunk` stories.
    fn split_site(dataset: &storyscope_core::Dataset, per_chunk: usize) -> tempfile::TempDir {
        let dir = site(None);
        fs::create_dir(dir.path().join("data")).expect("mkdir");
        crate::files::write_split(dataset, &dir.path().join("data/stories.json"), per_chunk)
            .expect("a split dataset");
        dir
    }

    #[test]
    fn a_split_dataset_gets_its_pages_from_its_chunks() {
        let dataset = generated(8);
        let dir = split_site(&dataset, 3);
        let done = write_pages(dir.path(), None, None).expect("pages");
        assert_eq!(
            done.pages,
            dataset.stories.len() + dataset.people.len() + dataset.quotes.len(),
            "{done:?}"
        );
        // The page holds the story's text, which only its chunk has.
        let story = &dataset.stories[0];
        let html =
            fs::read_to_string(dir.path().join(format!("story/{}/index.html", story.id))).unwrap();
        let storyscope_core::model::Block::Paragraph { text } = &story.body[0] else {
            panic!("a generated story starts with a paragraph");
        };
        assert!(
            html.contains(&storyscope_core::page::escape(text)),
            "{html}"
        );

        // A broken chunk is named; the stories of the others keep their pages.
        let chunk_dir = fs::read_dir(dir.path().join("data"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.is_dir())
            .expect("the chunks' folder");
        fs::write(chunk_dir.join("0.json"), "{ not json").unwrap();
        let again = write_pages(dir.path(), None, None).expect("pages");
        assert!(
            again.pages > dataset.people.len() && again.pages < done.pages,
            "{again:?}"
        );
        assert!(
            again
                .notes
                .iter()
                .any(|n| n.contains("0.json") && n.contains("get no pages")),
            "{again:?}"
        );
    }

    #[test]
    fn a_split_index_naming_a_folder_outside_is_refused() {
        let dir = split_site(&generated(5), 7);
        let index = dir.path().join("data/stories.json");
        let text = fs::read_to_string(&index).unwrap();
        let at = text.find("\"chunk_dir\":\"").expect("the chunks' folder") + 13;
        let end = at + text[at..].find('"').unwrap();
        fs::write(
            &index,
            format!("{}../../elsewhere{}", &text[..at], &text[end..]),
        )
        .unwrap();
        let err = write_pages(dir.path(), None, None).unwrap_err().to_string();
        assert!(err.contains("chunk_dir"), "{err}");
    }
}
