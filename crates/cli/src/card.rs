//! Preview cards: a page's [`Card`] drawn as a 1200x630 PNG in the app's
//! look (its paper, ink and accent, the brand, the quote or title in large
//! type, the person's initials and name, the date and outlet, the story),
//! with DejaVu fonts compiled into the binary. Text is only ever drawn, glyph
//! by glyph: nothing in it is interpreted, and what does not fit is cut
//! with an ellipsis.

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use storyscope_core::page::{Card, CARD_SIZE};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

/// The app's colours (its light theme).
const PAPER: [u8; 3] = [0xfb, 0xfa, 0xf7];
const INK: [u8; 3] = [0x1d, 0x1c, 0x1a];
const MUTED: [u8; 3] = [0x6b, 0x67, 0x60];
const ACCENT: [u8; 3] = [0xb4, 0x41, 0x2b];
const ACCENT_SOFT: [u8; 3] = [0xfb, 0xe7, 0xdd];

/// The margin left and right of the text, in pixels.
const MARGIN: f32 = 80.0;

/// The fonts a card is set in.
struct Fonts {
    sans: FontRef<'static>,
    bold: FontRef<'static>,
    serif: FontRef<'static>,
}

impl Fonts {
    fn load() -> Fonts {
        // The embedded fonts are valid TrueType: a failure here is a broken
        // build, not bad input.
        let font = |bytes| FontRef::try_from_slice(bytes).expect("an embedded DejaVu font");
        Fonts {
            sans: font(dejavu::sans::regular()),
            bold: font(dejavu::sans::bold()),
            serif: font(dejavu::serif::regular()),
        }
    }
}

/// `card` drawn and encoded as PNG.
pub fn render(card: &Card) -> Vec<u8> {
    let fonts = Fonts::load();
    let (w, h) = CARD_SIZE;
    let Some(mut pixmap) = Pixmap::new(w, h) else {
        unreachable!("a card has a fixed, non-zero size")
    };
    pixmap.fill(color(PAPER));
    let (w, h) = (w as f32, h as f32);
    fill_rect(&mut pixmap, 0.0, 0.0, 14.0, h, ACCENT);
    // The brand: the app's ◉ and its name.
    circle(&mut pixmap, MARGIN + 14.0, 78.0, 14.0, ACCENT);
    circle(&mut pixmap, MARGIN + 14.0, 78.0, 9.0, PAPER);
    circle(&mut pixmap, MARGIN + 14.0, 78.0, 6.0, ACCENT);
    draw_line(
        &mut pixmap,
        &fonts.bold,
        32.0,
        MARGIN + 40.0,
        90.0,
        "Storyscope",
        INK,
    );

    // The headline: as large as lets it fit, cut past the smallest size.
    let width = w - 2.0 * MARGIN;
    let (top, bottom): (f32, f32) = (150.0, 440.0);
    let font = if card.quoted {
        &fonts.serif
    } else {
        &fonts.bold
    };
    let text = if card.quoted {
        format!("“{}”", clean(&card.headline))
    } else {
        clean(&card.headline)
    };
    let sizes: [f32; 5] = [68.0, 60.0, 52.0, 46.0, 40.0];
    let mut chosen = None;
    for size in sizes {
        let lines = ((bottom - top) / (size * 1.25)).floor() as usize;
        let (wrapped, cut) = wrap(font, size, &text, width, lines);
        chosen = Some((size, wrapped));
        if !cut {
            break;
        }
    }
    if let Some((size, lines)) = chosen {
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + size + i as f32 * size * 1.25;
            draw_line(&mut pixmap, font, size, MARGIN, baseline, line, INK);
        }
    }

    // Who, when and where.
    let mut x = MARGIN;
    let (name_line, meta_line) = (520.0, 560.0);
    if let Some((name, initials)) = &card.person {
        circle(&mut pixmap, MARGIN + 40.0, 528.0, 40.0, ACCENT_SOFT);
        let initials = clean(initials);
        let size = 30.0;
        let tw = measure(&fonts.bold, size, &initials);
        draw_line(
            &mut pixmap,
            &fonts.bold,
            size,
            MARGIN + 40.0 - tw / 2.0,
            539.0,
            &initials,
            ACCENT,
        );
        x = MARGIN + 104.0;
        let name = fit(&fonts.bold, 34.0, &clean(name), w - MARGIN - x);
        draw_line(&mut pixmap, &fonts.bold, 34.0, x, name_line, &name, INK);
    }
    let meta_y = if card.person.is_some() {
        meta_line
    } else {
        name_line
    };
    let meta = fit(&fonts.sans, 26.0, &clean(&card.meta), w - MARGIN - x);
    draw_line(&mut pixmap, &fonts.sans, 26.0, x, meta_y, &meta, MUTED);
    if !card.story.is_empty() {
        let story = fit(
            &fonts.sans,
            24.0,
            &format!("in “{}”", clean(&card.story)),
            width,
        );
        draw_line(&mut pixmap, &fonts.sans, 24.0, MARGIN, 606.0, &story, MUTED);
    }
    encode(&pixmap)
}

/// The opaque card as a PNG: with a palette when it has at most 256
/// colours (a few inks blended with the paper in sixteen steps, so nearly
/// always), a quarter of the bytes of RGB; otherwise RGB.
fn encode(pixmap: &Pixmap) -> Vec<u8> {
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut indexed = Vec::with_capacity(pixmap.pixels().len());
    // Neighbours mostly share a colour: the last one is tried first.
    let mut last: Option<([u8; 3], u8)> = None;
    for p in pixmap.pixels() {
        let rgb = [p.red(), p.green(), p.blue()];
        let i = match last {
            Some((seen, i)) if seen == rgb => i,
            _ => match palette.iter().position(|&c| c == rgb) {
                Some(i) => i as u8,
                None if palette.len() < 256 => {
                    palette.push(rgb);
                    (palette.len() - 1) as u8
                }
                None => break,
            },
        };
        last = Some((rgb, i));
        indexed.push(i);
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Default);
    let data = if indexed.len() == pixmap.pixels().len() {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette.concat());
        indexed
    } else {
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect()
    };
    // Writing into memory cannot fail.
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&data));
    if let Err(e) = written {
        unreachable!("a card encodes as PNG: {e}");
    }
    out
}

/// What a PNG holds, for checks: its size and the share of its pixels
/// that are not the paper (text and shapes). `None` when it is not a PNG.
pub fn inspect(png: &[u8]) -> Option<(u32, u32, f64)> {
    let pixmap = Pixmap::decode_png(png).ok()?;
    let paper = color(PAPER).premultiply().to_color_u8();
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| (p.red(), p.green(), p.blue()) != (paper.red(), paper.green(), paper.blue()))
        .count();
    Some((
        pixmap.width(),
        pixmap.height(),
        inked as f64 / pixmap.pixels().len() as f64,
    ))
}

/// Text with every run of white space or control characters as one space.
fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(color(rgb));
    paint.anti_alias = true;
    paint
}

fn fill_rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
        pixmap.fill_rect(rect, &paint(rgb), Transform::identity(), None);
    }
}

fn circle(pixmap: &mut Pixmap, x: f32, y: f32, r: f32, rgb: [u8; 3]) {
    if let Some(path) = PathBuilder::from_circle(x, y, r) {
        pixmap.fill_path(
            &path,
            &paint(rgb),
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

/// The width of `text` set in `font` at `size` pixels, kerned.
fn measure(font: &FontRef<'_>, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut last = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = last {
            width += scaled.kern(prev, id);
        }
        width += scaled.h_advance(id);
        last = Some(id);
    }
    width
}

/// `text` cut to `width` with an ellipsis, if it is wider.
fn fit(font: &FontRef<'_>, size: f32, text: &str, width: f32) -> String {
    if measure(font, size, text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if measure(font, size, &format!("{out}…")) > width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

/// `text` in lines no wider than `width`, at most `max` of them, the last
/// cut with an ellipsis if the text goes on; and whether it was cut.
fn wrap(font: &FontRef<'_>, size: f32, text: &str, width: f32, max: usize) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(font, size, &candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is broken where it must be.
        let mut rest = word.to_string();
        while measure(font, size, &rest) > width {
            let mut head = String::new();
            for c in rest.chars() {
                head.push(c);
                if measure(font, size, &head) > width {
                    head.pop();
                    break;
                }
            }
            if head.is_empty() {
                break;
            }
            rest = rest[head.len()..].to_string();
            lines.push(head);
        }
        line = rest;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let cut = lines.len() > max.max(1);
    if cut {
        lines.truncate(max.max(1));
        if let Some(last) = lines.last_mut() {
            *last = fit(font, size, &format!("{last}…"), width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    (lines, cut)
}

/// Draws one line of `text` with its baseline at `y`, starting at `x`.
fn draw_line(
    pixmap: &mut Pixmap,
    font: &FontRef<'_>,
    size: f32,
    x: f32,
    y: f32,
    text: &str,
    rgb: [u8; 3],
) {
    let scaled = font.as_scaled(PxScale::from(size));
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let stride = pixmap.width() as usize;
    let pixels = pixmap.pixels_mut();
    let mut caret = x;
    let mut last = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(prev) = last {
            caret += scaled.kern(prev, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(size), point(caret, y));
        caret += scaled.h_advance(id);
        last = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i32 + gx as i32;
            let py = bounds.min.y as i32 + gy as i32;
            if px < 0 || py < 0 || px >= width || py >= height {
                return;
            }
            // Sixteen steps of coverage: as smooth to the eye, and few
            // enough colours for a palette.
            let a = (coverage.clamp(0.0, 1.0) * 15.0).round() / 15.0;
            let p = &mut pixels[py as usize * stride + px as usize];
            // The card is opaque: blend over what is there.
            let mix =
                |dst: u8, src: u8| (f32::from(src) * a + f32::from(dst) * (1.0 - a)).round() as u8;
            if let Some(blended) = tiny_skia::PremultipliedColorU8::from_rgba(
                mix(p.red(), rgb[0]),
                mix(p.green(), rgb[1]),
                mix(p.blue(), rgb[2]),
                255,
            ) {
                *p = blended;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(headline: &str, quoted: bool) -> Card {
        Card {
            headline: headline.into(),
            quoted,
            person: Some(("Jane Roe".into(), "JR".into())),
            meta: "March 1, 2024 · via The Daily Example".into(),
            story: "A story with a title".into(),
            alt: String::new(),
        }
    }

    #[test]
    fn a_card_is_a_png_of_its_size_with_its_text_drawn() {
        let png = render(&card(
            "We will be back next year, and it will be louder.",
            true,
        ));
        let (w, h, ink) = inspect(&png).expect("a PNG");
        assert_eq!((w, h), CARD_SIZE);
        assert!(ink > 0.03 && ink < 0.6, "{ink}");
        // More text, more ink.
        let (_, _, less) = inspect(&render(&card("Yes.", true))).unwrap();
        assert!(less < ink, "{less} {ink}");
    }

    #[test]
    fn long_and_hostile_text_is_cut_and_drawn_as_text() {
        let long = "word ".repeat(400) + &"x".repeat(500);
        let (lines, cut) = wrap(&Fonts::load().serif, 52.0, &clean(&long), 1040.0, 4);
        assert!(
            cut && lines.len() == 4 && lines[3].ends_with('…'),
            "{lines:?}"
        );
        for line in &lines {
            assert!(
                measure(&Fonts::load().serif, 52.0, line) <= 1040.0 + 1.0,
                "{line}"
            );
        }
        // One unbroken word wider than the card is broken, not run off it.
        let (lines, _) = wrap(&Fonts::load().bold, 60.0, &"W".repeat(100), 1040.0, 3);
        assert!(lines
            .iter()
            .all(|l| measure(&Fonts::load().bold, 60.0, l) <= 1041.0));
        let hostile = "<script>alert(1)</script>\u{0}\u{202e}\n\t😀 漢字 ".repeat(20);
        let png = render(&Card {
            person: Some((hostile.clone(), "<>".into())),
            meta: hostile.clone(),
            story: hostile.clone(),
            ..card(&hostile, true)
        });
        assert_eq!(inspect(&png).map(|(w, h, _)| (w, h)), Some(CARD_SIZE));
        assert_eq!(clean(" a\n\u{0}b\t "), "a b");
    }

    #[test]
    fn what_is_not_a_png_is_not_read() {
        assert_eq!(inspect(b"not a png"), None);
    }
}
