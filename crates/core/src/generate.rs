//! Synthetic datasets for benchmarks and demos: fictional people mentioned
//! with a skewed (Zipf-like) frequency, stories spread over several years,
//! 3-10 quotes and 0-3 posts per story. The same size and seed always give
//! the same dataset. Never mixed into the bundled data.

use crate::date::Day;
use crate::model::{Block, Dataset, Person, Post, Quote, Span, Story, SCHEMA_VERSION};

/// A small, fast, deterministic random source (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: [&str; 40] = [
    "Ada", "Bram", "Cleo", "Dario", "Elin", "Fenna", "Gus", "Hana", "Ivo", "Juno", "Kai", "Lena",
    "Milo", "Nia", "Oskar", "Pia", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wim", "Xena",
    "Yara", "Zeno", "Alba", "Benno", "Carys", "Dov", "Edda", "Faro", "Greta", "Hugo", "Isla",
    "Jonas", "Kira", "Lior", "Marit", "Nico",
];
const LAST: [&str; 30] = [
    "Abernathy",
    "Brightwater",
    "Castellane",
    "Dunmore",
    "Eastwick",
    "Fairbairn",
    "Galloway",
    "Hartigan",
    "Ingleby",
    "Jessop",
    "Kestrel",
    "Lindqvist",
    "Marlowe",
    "Northcott",
    "Oakhurst",
    "Pemberton",
    "Quarrington",
    "Rowntree",
    "Sterling",
    "Thornbury",
    "Underhill",
    "Vantongeren",
    "Whitlock",
    "Yardley",
    "Zellweger",
    "Ashdown",
    "Blackwood",
    "Crowther",
    "Delacroix",
    "Ellery",
];
const ROLES: [&str; 16] = [
    "singer",
    "actor",
    "actress",
    "director",
    "footballer",
    "chef",
    "designer",
    "rapper",
    "producer",
    "comedian",
    "novelist",
    "model",
    "presenter",
    "drummer",
    "striker",
    "dancer",
];
const PLACES: [&str; 12] = [
    "Lisbon",
    "Oslo",
    "Marseille",
    "Dublin",
    "Bergen",
    "Toronto",
    "Valencia",
    "Ghent",
    "Porto",
    "Turin",
    "Leeds",
    "Quebec",
];
const EVENTS: [&str; 10] = [
    "a charity gala",
    "the premiere",
    "a late-night show",
    "the awards",
    "a press conference",
    "a festival",
    "a book launch",
    "a podcast taping",
    "the season finale",
    "a fashion week show",
];
const VERBS: [&str; 10] = [
    "spotted with",
    "praised",
    "split from",
    "teamed up with",
    "defended",
    "thanked",
    "reunited with",
    "criticised",
    "surprised",
    "toured with",
];
const WORDS: [&str; 48] = [
    "honestly", "the", "work", "people", "time", "we", "really", "never", "always", "music",
    "family", "fans", "night", "new", "year", "love", "team", "show", "story", "city", "home",
    "together", "again", "moment", "feel", "proud", "grateful", "change", "ready", "next",
    "chapter", "everyone", "support", "trust", "hard", "better", "world", "stage", "film", "song",
    "friends", "today", "tomorrow", "listen", "learn", "keep", "going", "believe",
];

/// How big a dataset to make and from which seed.
#[derive(Clone, Copy, Debug)]
pub struct GenerateOptions {
    /// Number of stories.
    pub stories: usize,
    /// The random seed.
    pub seed: u64,
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.between(min, max);
    let mut words: Vec<&str> = (0..n).map(|_| *rng.pick(&WORDS)).collect();
    let mut text = String::new();
    if let Some(first) = words.first_mut() {
        let mut capital = first.to_string();
        if let Some(c) = capital.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        text.push_str(&capital);
    }
    for w in words.iter().skip(1) {
        text.push(' ');
        text.push_str(w);
    }
    text.push('.');
    text
}

/// Cumulative Zipf weights (exponent 1.07) over `n` ranks.
fn zipf_table(n: usize) -> Vec<f64> {
    let mut total = 0.0;
    (1..=n)
        .map(|rank| {
            total += 1.0 / (rank as f64).powf(1.07);
            total
        })
        .collect()
}

fn zipf(rng: &mut Rng, table: &[f64]) -> usize {
    let last = table.last().copied().unwrap_or(1.0);
    let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * last;
    table.partition_point(|&c| c < x).min(table.len() - 1)
}

/// A deterministic, valid dataset of fictional people and stories.
pub fn generate(options: GenerateOptions) -> Dataset {
    generate_telling(options, &mut |_, _| {})
}

/// [`generate`], telling `progress` how many of the stories are made
/// (`done`, `total`) before each one and once all are.
pub fn generate_telling(
    options: GenerateOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Dataset {
    let mut rng = Rng::new(options.seed);
    let people_count = (FIRST.len() * LAST.len()).min(300);
    let mut people = Vec::with_capacity(people_count);
    for i in 0..people_count {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len() + i * 7) % LAST.len()];
        let name = format!("{first} {last}");
        let id = crate::slug::slugify(&name, 4);
        if people.iter().any(|p: &Person| p.id == id) {
            continue;
        }
        let role = ROLES[i % ROLES.len()];
        people.push(Person {
            id,
            name,
            aliases: vec![last.to_string()],
            descriptors: vec![
                role.to_string(),
                format!("{} {role}", PLACES[i % PLACES.len()]),
            ],
            handles: vec![format!("{}{}", first.to_lowercase(), last.to_lowercase())],
        });
    }
    let table = zipf_table(people.len());
    let Some(start) = Day::from_ymd(2019, 1, 1) else {
        return Dataset::new();
    };
    let span_days = 6 * 365;

    let mut dataset = Dataset {
        schema_version: SCHEMA_VERSION,
        people,
        ..Dataset::default()
    };
    let mut used_ids = std::collections::HashSet::new();
    let mut days: Vec<Day> = (0..options.stories)
        .map(|_| start.add_days(rng.below(span_days) as i64).unwrap_or(start))
        .collect();
    days.sort();
    let total = days.len();
    for (made, day) in days.into_iter().enumerate() {
        progress(made, total);
        let a = zipf(&mut rng, &table);
        let mut b = zipf(&mut rng, &table);
        if b == a {
            b = (a + 1 + rng.below(dataset.people.len() - 1)) % dataset.people.len();
        }
        let (pa, pb) = (dataset.people[a].clone(), dataset.people[b].clone());
        let place = *rng.pick(&PLACES);
        let event = *rng.pick(&EVENTS);
        let title = format!(
            "{} {} {} at {event} in {place}",
            pa.name,
            rng.pick(&VERBS),
            pb.name
        );
        let base = format!("{day}-{}", crate::slug::slugify(&title, 3));
        let mut id = base.clone();
        let mut k = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        let mut body = vec![Block::Paragraph {
            text: format!(
                "{title}, the {} and the {} were seen together on {} {}. {}",
                pa.descriptors[0],
                pb.descriptors[0],
                day.month_name(),
                day.day(),
                sentence(&mut rng, 6, 12)
            ),
        }];
        let quote_count = rng.between(3, 10);
        for q in 0..quote_count {
            let speaker = if rng.below(5) == 0 {
                zipf(&mut rng, &table)
            } else if q % 2 == 0 {
                a
            } else {
                b
            };
            let said = sentence(&mut rng, 4, 16);
            let name = dataset.people[speaker].aliases[0].clone();
            let text = format!("\"{said}\" {name} said. {}", sentence(&mut rng, 3, 10));
            let block = body.len();
            body.push(Block::Paragraph { text });
            dataset.quotes.push(Quote {
                id: format!("{id}-q{}", q + 1),
                story: id.clone(),
                speaker: Some(dataset.people[speaker].id.clone()),
                text: said.clone(),
                date: Some(day),
                date_source: crate::model::DateSource::Text,
                via: None,
                span: Some(Span {
                    block,
                    start: 1,
                    end: 1 + said.len(),
                }),
                continued: Vec::new(),
                attribution: None,
            });
            if q == quote_count / 2 {
                body.push(Block::Heading {
                    text: format!("Inside {event}"),
                });
            }
        }
        let post_count = rng.below(4);
        for p in 0..post_count {
            let author = &dataset.people[if p % 2 == 0 { a } else { b }];
            let instagram = rng.below(3) == 0;
            let post_id = format!("{id}-p{}", p + 1);
            let text = format!(
                "{} {}",
                sentence(&mut rng, 4, 14),
                if instagram { "📸" } else { "✨" }
            );
            let url = if instagram {
                format!("https://www.instagram.com/p/{:x}/", rng.next_u64())
            } else {
                format!("https://pic.twitter.com/{:x}", rng.next_u64())
            };
            let handle = author.handles[0].clone();
            body.push(Block::Post {
                post: post_id.clone(),
                text: format!("{text} — {} (@{handle})", author.name),
            });
            dataset.posts.push(Post {
                id: post_id,
                story: id.clone(),
                platform: if instagram { "instagram" } else { "twitter" }.into(),
                author: Some(author.name.clone()),
                handle: Some(handle),
                date: day.add_days(-(rng.below(3) as i64)),
                text,
                url: Some(url),
                people: vec![
                    author.id.clone(),
                    dataset.people[if p % 2 == 0 { b } else { a }].id.clone(),
                ],
                block: Some(body.len() - 1),
            });
        }
        let mut story_people = vec![pa.id.clone(), pb.id.clone()];
        for q in dataset.quotes.iter().rev().take(quote_count) {
            if let Some(s) = &q.speaker {
                if !story_people.contains(s) {
                    story_people.push(s.clone());
                }
            }
        }
        dataset.stories.push(Story {
            id,
            date: day,
            precision: crate::model::Precision::Day,
            title,
            people: story_people,
            sources: vec![
                (*rng.pick(&["Variety", "TMZ", "People", "Page Six", "Billboard"])).to_string(),
            ],
            origin: None,
            body,
        });
    }
    progress(total, total);
    dataset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn progress_counts_every_story_and_changes_nothing() {
        let options = GenerateOptions {
            stories: 50,
            seed: 3,
        };
        let mut told = Vec::new();
        let telling = generate_telling(options, &mut |done, total| told.push((done, total)));
        assert_eq!(telling, generate(options));
        assert_eq!(told.first(), Some(&(0, 50)));
        assert_eq!(told.last(), Some(&(50, 50)));
        assert!(told.windows(2).all(|w| w[1].0 == w[0].0 + 1), "{told:?}");
    }

    #[test]
    fn deterministic_valid_and_sized() {
        let a = generate(GenerateOptions {
            stories: 200,
            seed: 7,
        });
        let b = generate(GenerateOptions {
            stories: 200,
            seed: 7,
        });
        let c = generate(GenerateOptions {
            stories: 200,
            seed: 8,
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(validate(&a), Vec::new());
        assert_eq!(a.stories.len(), 200);
        let quotes_per_story = a.quotes.len() as f64 / 200.0;
        assert!(
            (3.0..=10.0).contains(&quotes_per_story),
            "{quotes_per_story}"
        );
        assert!(a.posts.len() <= 600);
        assert!(a.people.len() >= 250);
        for q in &a.quotes {
            let story = a.story(&q.story).unwrap();
            let span = q.span.unwrap();
            assert_eq!(&story.body[span.block].text()[span.start..span.end], q.text);
        }
    }

    #[test]
    fn mentions_are_skewed() {
        let d = generate(GenerateOptions {
            stories: 2000,
            seed: 1,
        });
        let mut counts = vec![0usize; d.people.len()];
        for s in &d.stories {
            for p in &s.people {
                counts[d.people.iter().position(|x| &x.id == p).unwrap()] += 1;
            }
        }
        counts.sort_unstable_by(|a, b| b.cmp(a));
        assert!(
            counts[0] > 10 * counts[counts.len() / 2].max(1),
            "{:?}",
            &counts[..10]
        );
    }
}
