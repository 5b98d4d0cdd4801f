//! Pictures as pixels, for the GIF and PNG exports. resvg draws the SVG that `svg_export` writes for
//! a rasterizer, with the two faces in `static/fonts` and no system font, so the CLI on any machine
//! and the page's image worker draw the same pixels. A palette then names every pixel by an index:
//! the scheme's own colours exactly, and text's anti-aliased shades, with no dithering.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};
use rustc_hash::FxHashMap;

use crate::domain::model::display::ColourScheme;
use crate::domain::pictures::svg_plot::{scheme_colours, DEFAULT_WIDTH};

const BOOK: &[u8] = include_bytes!("../../../static/fonts/DejaVuSans-subset.ttf");
const BOLD: &[u8] = include_bytes!("../../../static/fonts/DejaVuSans-Bold-subset.ttf");
/// The family both faces belong to; every generic family the SVG names resolves to it.
const FAMILY: &str = "DejaVu Sans";
/// The most colours a GIF's palette holds.
pub const MAX_COLOURS: usize = 256;

/// An opaque picture: one RGB triple per pixel, row after row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<[u8; 3]>,
}

/// How resvg reads the pictures: the shipped faces only, made once per process or worker.
fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut fonts = usvg::fontdb::Database::new();
        fonts.load_font_data(BOOK.to_vec());
        fonts.load_font_data(BOLD.to_vec());
        fonts.set_sans_serif_family(FAMILY);
        fonts.set_serif_family(FAMILY);
        fonts.set_monospace_family(FAMILY);
        usvg::Options {
            font_family: FAMILY.to_owned(),
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        }
    })
}

/// Draw `svg`, laid out at the default width, scaled to `width` pixels wide.
pub fn rasterize(svg: &str, width: u32) -> Result<Pixels, String> {
    let tree = usvg::Tree::from_str(svg, options())
        .map_err(|error| format!("could not read the picture: {error}"))?;
    let scale = width as f32 / DEFAULT_WIDTH as f32;
    let height = (tree.size().height() * scale).round().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("a picture of {width} × {height} pixels is too large"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The background covers every pixel, so each is opaque and its premultiplied colour is its own.
    let rgb = pixmap
        .pixels()
        .iter()
        .map(|pixel| {
            let colour = pixel.demultiply();
            [colour.red(), colour.green(), colour.blue()]
        })
        .collect();
    Ok(Pixels { width, height, rgb })
}

/// `#rrggbb` as a triple.
fn hex_colour(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
    let byte = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// At most 256 colours, and each pixel's index among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    colours: Vec<[u8; 3]>,
    indices: FxHashMap<[u8; 3], u8>,
}

impl Palette {
    /// Every colour `scheme` draws with, exactly, then the other colours of `picture` (the shades of
    /// its anti-aliased text), most used first, while there is room.
    pub fn of(scheme: ColourScheme, picture: &Pixels) -> Self {
        let mut colours: Vec<[u8; 3]> = Vec::with_capacity(MAX_COLOURS);
        for colour in scheme_colours(scheme).into_iter().filter_map(hex_colour) {
            if !colours.contains(&colour) {
                colours.push(colour);
            }
        }
        let mut uses: FxHashMap<[u8; 3], u32> = FxHashMap::default();
        for &colour in &picture.rgb {
            *uses.entry(colour).or_default() += 1;
        }
        let mut shades: Vec<([u8; 3], u32)> = uses
            .into_iter()
            .filter(|(colour, _)| !colours.contains(colour))
            .collect();
        // Most used first; ties by colour, so the palette never depends on a hash's order.
        shades.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let room = MAX_COLOURS - colours.len();
        colours.extend(shades.into_iter().take(room).map(|(colour, _)| colour));
        let indices = colours
            .iter()
            .enumerate()
            .map(|(index, &colour)| (colour, index as u8))
            .collect();
        Palette { colours, indices }
    }

    /// The palette as `r, g, b, r, g, b, …`, as GIF and PNG store it.
    pub fn flat(&self) -> Vec<u8> {
        self.colours.iter().flatten().copied().collect()
    }

    /// Each pixel's index: its own colour's, or the nearest colour's for a shade with no room.
    pub fn index(&self, picture: &Pixels) -> Vec<u8> {
        let mut nearest: FxHashMap<[u8; 3], u8> = FxHashMap::default();
        picture
            .rgb
            .iter()
            .map(|colour| match self.indices.get(colour) {
                Some(&index) => index,
                None => *nearest
                    .entry(*colour)
                    .or_insert_with(|| self.nearest(*colour)),
            })
            .collect()
    }

    /// The index of `#rrggbb`, one of the scheme's colours.
    pub fn index_of_hex(&self, hex: &str) -> u8 {
        hex_colour(hex).map_or(0, |colour| {
            self.indices
                .get(&colour)
                .copied()
                .unwrap_or_else(|| self.nearest(colour))
        })
    }

    fn nearest(&self, colour: [u8; 3]) -> u8 {
        let distance = |other: &[u8; 3]| -> u32 {
            (0..3)
                .map(|channel| {
                    let d = i32::from(colour[channel]) - i32::from(other[channel]);
                    (d * d) as u32
                })
                .sum()
        };
        self.colours
            .iter()
            .enumerate()
            .min_by_key(|(_, other)| distance(other))
            .map_or(0, |(index, _)| index as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(rgb: Vec<[u8; 3]>) -> Pixels {
        Pixels {
            width: rgb.len() as u32,
            height: 1,
            rgb,
        }
    }

    #[test]
    fn hex_colours_read_as_triples() {
        assert_eq!(hex_colour("#1a2030"), Some([0x1a, 0x20, 0x30]));
        assert_eq!(hex_colour("1a2030"), None);
        assert_eq!(hex_colour("#1a20"), None);
    }

    #[test]
    fn the_schemes_colours_come_first_and_exactly() {
        let shade = [1, 2, 3];
        let palette = Palette::of(ColourScheme::Light, &picture(vec![shade, shade]));
        let scheme: Vec<[u8; 3]> = scheme_colours(ColourScheme::Light)
            .into_iter()
            .filter_map(hex_colour)
            .collect();
        for colour in &scheme {
            assert!(palette.colours.contains(colour), "{colour:?}");
        }
        assert_eq!(palette.colours.last(), Some(&shade));
        assert_eq!(
            palette.index(&picture(vec![shade]))[0] as usize,
            palette.colours.len() - 1
        );
    }

    #[test]
    fn shades_beyond_the_room_go_to_their_nearest_colour() {
        // 300 shades of grey, the darker ones used more: the lighter ones find no room.
        let mut rgb = Vec::new();
        for level in 0..300u32 {
            let grey = (level * 255 / 299) as u8;
            rgb.extend(std::iter::repeat_n(
                [grey, grey, grey],
                400 - level as usize,
            ));
        }
        let picture = picture(rgb);
        let palette = Palette::of(ColourScheme::Dark, &picture);
        assert_eq!(palette.colours.len(), MAX_COLOURS);
        let indices = palette.index(&picture);
        for (colour, &index) in picture.rgb.iter().zip(&indices) {
            let chosen = palette.colours[usize::from(index)];
            let off = (0..3).map(|c| colour[c].abs_diff(chosen[c])).max().unwrap();
            assert!(off <= 8, "{colour:?} drawn as {chosen:?}");
        }
    }

    #[test]
    fn text_is_drawn_with_the_shipped_font() {
        let svg = |text: &str| {
            format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="40" font-family="system-ui, sans-serif" font-size="20"><rect width="100%" height="100%" fill="#ffffff"/><text x="10" y="30" fill="#000000">{text}</text></svg>"##
            )
        };
        let ink = |pixels: &Pixels| pixels.rgb.iter().filter(|c| c[0] < 128).count();
        let blank = rasterize(&svg(""), 480).unwrap();
        let written = rasterize(&svg("Promise.all ✓ ✕ ⊘"), 480).unwrap();
        assert_eq!((written.width, written.height), (480, 20));
        assert_eq!(ink(&blank), 0);
        assert!(ink(&written) > 60, "only {} dark pixels", ink(&written));
    }
}
