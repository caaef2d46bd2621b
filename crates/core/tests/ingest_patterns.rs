//! The attribution patterns of real articles, one test each, written with
//! fictional people: who said what, found with no roster at all.

use storyscope_core::ingest::{ingest, ArticleInput, Ingested};
use storyscope_core::model::{DateSource, Method};
use storyscope_core::{Roster, RosterPerson};

fn run_all(texts: &[&str], roster: &Roster) -> Ingested {
    let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.txt")).collect();
    let inputs: Vec<ArticleInput<'_>> = texts
        .iter()
        .zip(&names)
        .map(|(text, name)| ArticleInput { name, text })
        .collect();
    ingest(&inputs, roster)
}

fn run(text: &str) -> Ingested {
    run_all(&[text], &Roster::default())
}

/// Each quote as `speaker | text`, `-` for no speaker.
fn said(text: &str) -> Vec<String> {
    run(text)
        .dataset
        .quotes
        .iter()
        .map(|q| format!("{} | {}", q.speaker.as_deref().unwrap_or("-"), q.text))
        .collect()
}

/// Each quote as `speaker | via | text`.
fn credited(text: &str) -> Vec<String> {
    run(text)
        .dataset
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{} | {} | {}",
                q.speaker.as_deref().unwrap_or("-"),
                q.via.as_deref().unwrap_or("-"),
                q.text
            )
        })
        .collect()
}

const LEDE: &str = " date 2024-05-10 Singer Jane Roe, 31, and her co-star Sam Lee, 40, opened the Harbor Theatre season. Lee said he was proud.\n\n";

fn article(body: &str) -> String {
    format!("{LEDE}{body}")
}

#[test]
fn the_speech_verbs_subject_wins_over_a_name_near_the_quote() {
    assert_eq!(
        said(&article(
            "Host Jane Roe joked with Sam, telling him, \"You owe me a coffee.\"\n\nLee described Roe as \"the hardest worker I know.\"\n\nRoe called the review \"unfair\" and thanked Lee for \"being there every night.\"\n"
        )),
        [
            "jane-roe | You owe me a coffee.",
            "sam-lee | the hardest worker I know.",
            "jane-roe | unfair",
            "jane-roe | being there every night.",
        ]
    );
}

#[test]
fn a_cue_at_the_end_of_the_paragraph_before() {
    assert_eq!(
        said(&article(
            "The 31-year-old singer wrote,\n\n\"This season is for my mother.\"\n\nLee released a statement of his own:\n\n\"I am proud of every one of us.\"\n"
        )),
        [
            "jane-roe | This season is for my mother.",
            "sam-lee | I am proud of every one of us.",
        ]
    );
}

#[test]
fn a_name_with_an_apposition_before_the_verb() {
    assert_eq!(
        said(&article(
            "Roe, 31, wrote on Sunday that she was \"ready for the stage again.\" \"We rehearsed for a year,\" the singer, who trained in Dublin, told fans.\n\nTheir director, Mira Kowal, said the run was \"sold out in a day.\"\n"
        )),
        [
            "jane-roe | ready for the stage again.",
            "jane-roe | We rehearsed for a year",
            "mira-kowal | sold out in a day.",
        ]
    );
}

#[test]
fn speech_cues_in_both_orders_and_inverted() {
    assert_eq!(
        said(&article(
            "\"It went well,\" quipped Lee.\n\n\"Better than well,\" commented musician Jane Roe.\n\nRoe concluded the evening by writing, \"See you on Friday.\"\n\nLee later referred to the run as \"the best summer of my life.\"\n\n\"Wow,\" one fan posted. Added another, \"Encore!\"\n"
        )),
        [
            "sam-lee | It went well",
            "jane-roe | Better than well",
            "jane-roe | See you on Friday.",
            "sam-lee | the best summer of my life.",
            "- | Wow",
            "- | Encore!",
        ]
    );
}

#[test]
fn a_quote_with_no_cue_continues_the_speaker_before_it() {
    let text = article(
        "\"We sold out,\" Roe said. \"Every single night.\"\n\n\"Nobody expected it.\"\n\nThe theatre will close in June for repairs.\n\n\"We will be back.\"\n",
    );
    let d = run(&text).dataset;
    let got: Vec<String> = d
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{} | {:?} | {}",
                q.speaker.as_deref().unwrap_or("-"),
                q.attribution.as_ref().map(|a| a.method),
                q.text
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "jane-roe | Some(Explicit) | We sold out",
            "jane-roe | Some(Continuation) | Every single night.",
            "jane-roe | Some(Continuation) | Nobody expected it.",
            // Narration between: no one is named.
            "- | None | We will be back.",
        ]
    );
}

#[test]
fn a_quote_that_runs_on_into_the_next_paragraph_is_one_quote() {
    let text = article(
        "Roe said: \"We sold out every night. I cried twice.\n\n\"And I would do it all again.\"\n\nThe run ends in June.\n",
    );
    let ingested = run(&text);
    assert!(ingested.problems.is_empty(), "{:?}", ingested.problems);
    let d = &ingested.dataset;
    assert_eq!(d.quotes.len(), 1);
    let q = &d.quotes[0];
    assert_eq!(q.speaker.as_deref(), Some("jane-roe"));
    assert_eq!(
        q.text,
        "We sold out every night. I cried twice.\nAnd I would do it all again."
    );
    assert_eq!(q.continued.len(), 1);
    assert_eq!(q.continued[0].block, q.span.unwrap().block + 1);
    // A quote mark that is really never closed is still reported.
    let open = run(&article(
        "Roe said: \"We sold out every night.\n\nThe run ends in June.\n",
    ));
    let problems: Vec<String> = open.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        ["0.txt:3: warning: a quote mark is never closed; the quote is read to the end of its paragraph"]
    );
}

#[test]
fn pronouns_go_to_the_salient_person_or_to_no_one() {
    assert_eq!(
        said(&article(
            // The last speaker, not the last name (Lee).
            "\"I love this cast,\" Roe said. Lee and the producers arrived later. \"We work hard,\" she added.\n\n\
             // The paragraph's subject, not the object.
             Roe met the producer Ana Diaz in 2019. She said, \"Ana believed in me.\"\n\n\
             // Two women as the subject: either of them.
             Roe and Diaz were asked about the future. \"We will see,\" she said.\n"
        )
        .replace("// The last speaker, not the last name (Lee).", "")
        .replace("// The paragraph's subject, not the object.", "")
        .replace("// Two women as the subject: either of them.", "")),
        [
            "jane-roe | I love this cast",
            "jane-roe | We work hard",
            "jane-roe | Ana believed in me.",
            "- | We will see",
        ]
    );
}

#[test]
fn a_reply_is_not_the_askers() {
    assert_eq!(
        said(&article(
            "\"Are you tired?\" Lee asked. Lee waited for an answer. \"Very,\" she replied.\n\nAsked whether she would return, Roe said: \"No.\"\n"
        )),
        [
            "sam-lee | Are you tired?",
            "jane-roe | Very",
            "jane-roe | No.",
        ]
    );
}

#[test]
fn uk_single_quotes_and_apostrophes() {
    assert_eq!(
        said(&article(
            "'We are thrilled,' Roe said of the show's rock 'n' roll encore, a nod to the '90s.\n\n\u{2018}It\u{2019}s the Lees\u{2019} house now,\u{2019} she added.\n"
        )),
        [
            "jane-roe | We are thrilled",
            "jane-roe | It\u{2019}s the Lees\u{2019} house now",
        ]
    );
}

#[test]
fn a_quote_opened_with_a_mark_facing_the_wrong_way() {
    assert_eq!(
        said(&article(
            "Roe wrote: \u{201D}I hope you all come back.\u{201D}\n"
        )),
        ["jane-roe | I hope you all come back."]
    );
}

#[test]
fn paragraphs_separated_by_single_newlines() {
    let text = " date 2024-05-10 Singer Jane Roe, 31, opened the season.\n\"We are home,\" Roe said.\nThe critics were kinder than last year.\n\"Told you so.\"\n";
    assert_eq!(said(text), ["jane-roe | We are home", "- | Told you so."]);
}

#[test]
fn capitals_that_are_speech_and_capitals_that_are_titles() {
    assert_eq!(
        said(&article(
            "\"THANK YOU FOR EVERYTHING,\" Roe posted. \"Damn, Sam. Damn!\" she wrote under his photo.\n\nLee starred in \"The Long Road Home\" and sang \"Paper Moons\" on \"The Late Lantern Show\" in March.\n"
        )),
        [
            "jane-roe | THANK YOU FOR EVERYTHING",
            "jane-roe | Damn, Sam. Damn!",
        ]
    );
}

#[test]
fn short_replies_and_single_words_need_a_cue() {
    assert_eq!(
        said(&article(
            "Asked about the reviews, Roe said she was \"heartbroken\" and called one \"shameful.\"\n\nThe show has a \"post-show\" talk, and fans hope for a \"reunion\" someday.\n"
        )),
        ["jane-roe | heartbroken", "jane-roe | shameful."]
    );
}

#[test]
fn unnamed_speakers_stay_unnamed() {
    assert_eq!(
        said(&article(
            "\"They fought all the time,\" a source close to the pair said.\n\nA spokesman for the theatre confirmed the dates. \"Tickets go on sale Friday,\" he said.\n"
        )),
        ["- | They fought all the time", "- | Tickets go on sale Friday"]
    );
}

#[test]
fn outlets_as_credited() {
    assert_eq!(
        credited(&article(
            "\"We are fine,\" Roe told People. \"Really fine.\"\n\n\
             \"It was a long year,\" Lee told the magazine.\n\n\
             Roe said, via Variety, \"See you soon.\"\n\n\
             \"I slept,\" Lee said, per TMZ.\n\n\
             In an interview with The Guardian, Roe said, \"I am tired.\"\n\n\
             Lee wrote in The Harbor Ledger that the season was \"a gift.\"\n\n\
             Roe gave an update to Us Weekly, saying the run was \"nearly over.\"\n\n\
             According to Page Six, Lee said the cast was \"exhausted.\"\n\n\
             \"It is over,\" Roe said on her podcast Night Owls.\n"
        )),
        [
            "jane-roe | People | We are fine",
            "jane-roe | People | Really fine.",
            "sam-lee | People | It was a long year",
            "jane-roe | Variety | See you soon.",
            "sam-lee | TMZ | I slept",
            "jane-roe | The Guardian | I am tired.",
            "sam-lee | The Harbor Ledger | a gift.",
            "jane-roe | Us Weekly | nearly over.",
            "sam-lee | Page Six | exhausted.",
            "jane-roe | Night Owls | It is over",
        ]
    );
}

#[test]
fn posts_in_their_flattened_layouts() {
    let text = article(
        "Fans cheered.\n\nBig night for the Harbor https://t.co/Ab12Cd— Stage Door (@StageDoorHQ) May 9, 2024\n\nView this post on Instagram\n\nOpening night!\n\nA post shared by Jane Roe (@janeroe)\n\nMay 9, 2024\n\nLee shared a photo from the wings.\n\ninstagram.com/p/Zx9_Yw8/\n",
    );
    let d = run(&text).dataset;
    let posts: Vec<String> = d
        .posts
        .iter()
        .map(|p| {
            format!(
                "{} {} {} {} {:?} {}",
                p.platform,
                p.author.as_deref().unwrap_or("-"),
                p.handle.as_deref().unwrap_or("-"),
                p.date.map_or("-".to_string(), |d| d.to_string()),
                p.people,
                p.url.as_deref().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        posts,
        [
            "twitter Stage Door StageDoorHQ 2024-05-09 [] -",
            "instagram Jane Roe janeroe 2024-05-09 [\"jane-roe\"] -",
            "instagram Sam Lee - - [\"sam-lee\"] https://www.instagram.com/p/Zx9_Yw8/",
        ]
    );
    // The handle of a post by someone the text names becomes theirs.
    let roe = d.people.iter().find(|p| p.id == "jane-roe").unwrap();
    assert_eq!(roe.handles, ["janeroe"]);
}

#[test]
fn the_title_skips_crawl_debris() {
    let text = " date 2024-05-10 Home NewsTV & FilmMusicPodcasts\n\nSkip to Content\n\nTuesday, May 9, 2024\n\nJane Roe at the theatre. Picture: Getty Images\n\nBy Ana Diaz\n\nJane Roe Returns To The Stage\n\nSinger Jane Roe opened the Harbor Theatre season on Tuesday with a new show. It sold out.\n";
    let d = run(text).dataset;
    assert_eq!(
        d.stories[0].title,
        "Singer Jane Roe opened the Harbor Theatre season on Tuesday with a new show"
    );
}

#[test]
fn quotes_are_dated_by_the_text_or_by_the_story() {
    let d = run(&article(
        "On Tuesday, Roe said, \"I am home.\"\n\n\"It feels good,\" she added.\n\n\"See you,\" Lee told People in February.\n\n\"Later,\" Lee said.\n",
    ))
    .dataset;
    let got: Vec<String> = d
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{} {:?} {}",
                q.date.map_or("-".into(), |d| d.to_string()),
                q.date_source,
                q.text
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "2024-05-07 Text I am home.",
            "2024-05-07 Text It feels good",
            "2024-02-01 Month See you",
            "2024-05-10 Story Later",
        ]
    );
    assert_eq!(d.quotes[3].date_source, DateSource::Story);
}

#[test]
fn people_merge_into_one_person_with_one_id_across_stories() {
    let first = " date 2024-05-10 Singer Tobias James Wren, 47, who now goes by TJ, opened his tour.\n\n\"It is good to be back,\" Wren said. TJ added, \"Thank you.\"\n";
    let second = " date 2024-05-12 Tobias Wren's tour reached Dublin.\n\n\"Dublin is loud,\" Tobias said. \"Very loud,\" Mr Wren added.\n";
    let d = run_all(&[first, second], &Roster::default()).dataset;
    let speakers: Vec<&str> = d
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(speakers, ["tobias-wren"; 4]);
    assert_eq!(d.people.len(), 1, "{:?}", d.people);
    let wren = &d.people[0];
    assert_eq!(wren.name, "Tobias Wren");
    for form in ["Tobias James Wren", "Wren", "TJ", "Tobias"] {
        assert!(
            wren.aliases.iter().any(|a| a == form),
            "{form}: {:?}",
            wren.aliases
        );
    }
    assert!(wren.descriptors.iter().any(|d| d == "singer"));
}

#[test]
fn places_shows_and_organisations_do_not_speak() {
    let d = run(&article(
        "\"The season is open,\" New York City said in a notice. Saturday Night Live told viewers, \"Tune in.\" The Harbor Theatre said it was \"delighted.\"\n",
    ))
    .dataset;
    assert!(
        d.quotes.iter().all(|q| q.speaker.is_none()),
        "{:?}",
        d.quotes
    );
    assert!(
        d.people
            .iter()
            .all(|p| ["jane-roe", "sam-lee"].contains(&p.id.as_str())),
        "{:?}",
        d.people
    );
}

#[test]
fn two_people_sharing_a_surname_are_kept_apart() {
    let text = " date 2024-08-03 Tennis player Marco Reyes split from his coach, his mother Donna Reyes, on Friday.\n\n\"It was the hardest call,\" Marco Reyes said.\n\nDonna Reyes, 51, was calmer. \"I taught him the backhand,\" she said.\n\n\"She agreed with me,\" Reyes said of his mother.\n";
    assert_eq!(
        said(text),
        [
            "marco-reyes | It was the hardest call",
            "donna-reyes | I taught him the backhand",
            "marco-reyes | She agreed with me",
        ]
    );
}

#[test]
fn each_quote_says_how_its_speaker_was_found() {
    let d = run(&article(
        "\"Hello,\" Roe said. \"Goodbye.\"\n\n\"We won,\" she added.\n\n\"I am proud,\" the 40-year-old co-star said.\n",
    ))
    .dataset;
    let got: Vec<(Option<Method>, Option<&str>)> = d
        .quotes
        .iter()
        .map(|q| {
            (
                q.attribution.as_ref().map(|a| a.method),
                q.attribution.as_ref().map(|a| a.cue.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some(Method::Explicit), Some("Roe said")),
            (Some(Method::Continuation), Some("Roe said")),
            (Some(Method::Pronoun), Some("she added")),
            (
                Some(Method::Descriptor),
                Some("the 40-year-old co-star said")
            ),
        ]
    );
    assert_eq!(d.quotes[3].speaker.as_deref(), Some("sam-lee"));
    // The cue's span holds the cue's words.
    for q in &d.quotes {
        let a = q.attribution.as_ref().unwrap();
        let span = a.span.unwrap();
        let block = d.stories[0].body[span.block].text();
        assert_eq!(&block[span.start..span.end], a.cue);
    }
}

#[test]
fn the_roster_corrects_what_the_text_cannot_tell() {
    let texts = [
        " date 2024-05-10 Rapper Jay Stone, 40, spoke on Friday.\n\n\"I am back,\" Stone said.\n\nStone Cold Steve was there too. \"Good show,\" Stone Cold Steve said.\n",
        " date 2024-05-11 \"We are still here,\" JS wrote on Saturday.\n",
    ];
    let plain = run_all(&texts, &Roster::default()).dataset;
    assert_eq!(plain.quotes[2].speaker, None, "JS is no one the text names");
    let mut stone = RosterPerson {
        id: "jay-stone".into(),
        name: "Jay Stone".into(),
        aliases: vec!["JS".into()],
        descriptors: vec!["rapper".into()],
        pronouns: Some("he".into()),
        handles: vec!["jaystone".into()],
    };
    let roster = Roster {
        outlets: Vec::new(),
        person: vec![stone.clone()],
        not_people: vec!["Stone Cold Steve".into()],
    };
    let corrected = run_all(&texts, &roster).dataset;
    let speakers: Vec<Option<&str>> = corrected
        .quotes
        .iter()
        .map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(speakers, [Some("jay-stone"), None, Some("jay-stone")]);
    assert!(corrected.people.iter().all(|p| !p.name.contains("Cold")));
    // Renaming: the roster's id and name win, the found forms stay aliases.
    stone.id = "js".into();
    stone.name = "JS".into();
    stone.aliases = vec!["Jay Stone".into()];
    let renamed = run_all(
        &texts,
        &Roster {
            outlets: Vec::new(),
            person: vec![stone],
            not_people: Vec::new(),
        },
    )
    .dataset;
    let js = renamed.people.iter().find(|p| p.id == "js").unwrap();
    assert_eq!(js.name, "JS");
    assert!(js.aliases.iter().any(|a| a == "Stone"));
}
