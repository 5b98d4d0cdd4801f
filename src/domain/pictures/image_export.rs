//! The picture exports made of pixels: an animated GIF for the platforms that take neither an iframe
//! nor an SVG (Medium, dev.to, Substack), and a still PNG. Both draw what the animated SVG draws, on
//! the same playback: the playhead crosses the run, then the end holds for as long, then again.
//! The PNG is the GIF's last frame, pixel for pixel.

use std::borrow::Cow;

use crate::domain::basics::markup::markup_text;
use crate::domain::basics::named_choice::NamedChoice;
use crate::domain::look::outcome_style::{SURFACE, TEXT, TEXT_MUTED};
use crate::domain::model::comparison::ComparedRuns;
use crate::domain::model::display::ColourScheme;
use crate::domain::pictures::card::{card_words, CardWords};
use crate::domain::pictures::raster::{rasterize, Palette, Pixels};
use crate::domain::pictures::svg_bars::{bar_boxes, BarBox};
use crate::domain::pictures::svg_export::{
    playhead_place, raster_svg, sized_runs_svg, Motion, Playback, PlayheadPlace,
};
use crate::domain::pictures::svg_plot::RasterLayer;
use crate::domain::pictures::svg_plot::DEFAULT_WIDTH;
use crate::domain::pictures::svg_words::fitted;

/// Every picture of runs there is, by the name `--format`, `--image` and the page use for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    AnimatedSvg,
    Svg,
    Gif,
    Png,
}

impl NamedChoice for ImageFormat {
    const PARAMETER: &'static str = "image";
    const ALL: &'static [ImageFormat] = &[
        ImageFormat::AnimatedSvg,
        ImageFormat::Svg,
        ImageFormat::Gif,
        ImageFormat::Png,
    ];

    fn url_name(self) -> &'static str {
        match self {
            ImageFormat::AnimatedSvg => "animated-svg",
            ImageFormat::Svg => "svg",
            ImageFormat::Gif => "gif",
            ImageFormat::Png => "png",
        }
    }
}

impl ImageFormat {
    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::AnimatedSvg | ImageFormat::Svg => "svg",
            ImageFormat::Gif => "gif",
            ImageFormat::Png => "png",
        }
    }

    /// The media type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::AnimatedSvg | ImageFormat::Svg => "image/svg+xml",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Png => "image/png",
        }
    }

    /// The picture of `runs` in `scheme`, `width` pixels wide.
    pub fn write(
        self,
        runs: &ComparedRuns,
        scheme: ColourScheme,
        width: u32,
    ) -> Result<Vec<u8>, String> {
        let svg = |motion| {
            check_width(width)?;
            Ok(sized_runs_svg(runs, scheme, motion, width).into_bytes())
        };
        match self {
            ImageFormat::AnimatedSvg => svg(Motion::Animated),
            ImageFormat::Svg => svg(Motion::Still),
            ImageFormat::Gif => gif(runs, scheme, width),
            ImageFormat::Png => png(runs, scheme, width),
        }
    }
}

/// How long each frame of the moving part shows: 20 frames a second.
const FRAME_S: f64 = 0.05;
/// The widths a picture may be drawn at: narrow enough to read, small enough for GIF's 16 bits.
pub const WIDTHS: std::ops::RangeInclusive<u32> = 200..=4000;

/// One frame as the GIF stores it: the rectangle that changed, in palette indices.
struct Patch {
    left: u32,
    top: u32,
    width: u32,
    height: u32,
    indices: Vec<u8>,
    /// In hundredths of a second, GIF's unit.
    delay_cs: u16,
}

/// A GIF's frames, cut from a few layers drawn once: each frame is the layer with the run drawn,
/// left of the playhead, and the layer without it, right of it, as the animated SVG's clip shows
/// them; then the playhead. Which sentences show changes only when a caller resumes, so there are
/// two layers for each of those moments, drawn when first needed.
struct Frames<'a> {
    runs: &'a ComparedRuns,
    scheme: ColourScheme,
    width: u32,
    palette: Palette,
    /// The still picture, in palette indices: the last frame, and the drawn layer once every caller
    /// has resumed.
    still: Vec<u8>,
    /// By how many callers have resumed: the undrawn and the drawn layer, in palette indices.
    layers: Vec<Option<(Vec<u8>, Vec<u8>)>>,
    /// When each caller resumes, earliest first.
    resumes_ms: Vec<f64>,
    playhead: PlayheadPlace,
    /// Every bar drawn as running, in palette indices, and where each bar is: a bar the playhead
    /// is crossing shows as running, as on the page, until its end.
    running: Vec<u8>,
    bars: Vec<BarBox>,
}

impl<'a> Frames<'a> {
    fn new(runs: &'a ComparedRuns, scheme: ColourScheme, width: u32) -> Result<Self, String> {
        let still = draw(runs, scheme, width, RasterLayer::END)?;
        let palette = Palette::of(scheme, &still);
        let running = RasterLayer {
            drawn: true,
            running: true,
            said_by_ms: -1.0,
        };
        let running = palette.index(&draw(runs, scheme, width, running)?);
        let mut resumes_ms: Vec<f64> = runs.iter().map(|run| run.timeline.resume.at_ms).collect();
        resumes_ms.sort_by(f64::total_cmp);
        Ok(Frames {
            runs,
            scheme,
            width,
            layers: vec![None; resumes_ms.len() + 1],
            resumes_ms,
            playhead: playhead_place(runs, scheme),
            running,
            bars: bar_boxes(runs),
            still: palette.index(&still),
            palette,
        })
    }

    fn scale(&self) -> f64 {
        f64::from(self.width) / f64::from(DEFAULT_WIDTH)
    }

    /// The undrawn and the drawn layer once `said` callers have resumed, drawn if need be.
    fn layers(&mut self, said: usize) -> Result<&(Vec<u8>, Vec<u8>), String> {
        if self.layers[said].is_none() {
            let said_by_ms = said
                .checked_sub(1)
                .map_or(-1.0, |last| self.resumes_ms[last]);
            let layer = |drawn| {
                draw(
                    self.runs,
                    self.scheme,
                    self.width,
                    RasterLayer {
                        drawn,
                        running: false,
                        said_by_ms,
                    },
                )
            };
            let drawn = if said == self.resumes_ms.len() {
                self.still.clone()
            } else {
                self.palette.index(&layer(true)?)
            };
            let indexed = (self.palette.index(&layer(false)?), drawn);
            self.layers[said] = Some(indexed);
        }
        self.layers[said]
            .as_ref()
            .ok_or_else(|| "a layer went missing".to_owned())
    }

    /// The last frame: everything drawn and said, and no playhead; the still picture.
    fn end(&self) -> Vec<u8> {
        self.still.clone()
    }

    /// The frame with the playhead at `at_ms`, in palette indices.
    fn at(&mut self, at_ms: f64) -> Result<Vec<u8>, String> {
        let said = self.resumes_ms.iter().filter(|&&ms| ms <= at_ms).count();
        let (width, scale, playhead) = (self.width as usize, self.scale(), self.playhead);
        let ink = self.palette.index_of_hex(playhead.colour);
        self.layers(said)?;
        let (undrawn, drawn) = self.layers[said]
            .as_ref()
            .ok_or_else(|| "a layer went missing".to_owned())?;
        let cut = ((playhead.x(at_ms) * scale).round() as usize).min(width);
        let mut frame = undrawn.clone();
        for (row, drawn_row) in frame.chunks_mut(width).zip(drawn.chunks(width)) {
            row[..cut].copy_from_slice(&drawn_row[..cut]);
        }
        let height = frame.len() / width;
        // A bar not yet ended is running: its part left of the playhead from the running layer.
        for bar in self.bars.iter().filter(|bar| bar.end_ms > at_ms) {
            let columns =
                (bar.left * scale).floor() as usize..((bar.right * scale).ceil() as usize).min(cut);
            let rows = (bar.top * scale).floor() as usize
                ..((bar.bottom * scale).ceil() as usize).min(height);
            for y in rows.filter(|_| !columns.is_empty()) {
                let line = y * width;
                frame[line + columns.start..line + columns.end]
                    .copy_from_slice(&self.running[line + columns.start..line + columns.end]);
            }
        }
        // The playhead: a stroke centred on its x, over everything.
        let half = playhead.thickness / 2.0;
        let x = playhead.x(at_ms);
        let columns = ((x - half) * scale).round() as usize..((x + half) * scale).round() as usize;
        let rows =
            (playhead.top * scale).round() as usize..(playhead.bottom * scale).round() as usize;
        for y in rows.filter(|&y| y < height) {
            for x in columns.clone().filter(|&x| x < width) {
                frame[y * width + x] = ink;
            }
        }
        Ok(frame)
    }
}

/// One layer of `runs`' picture, `width` pixels wide.
fn draw(
    runs: &ComparedRuns,
    scheme: ColourScheme,
    width: u32,
    layer: RasterLayer,
) -> Result<Pixels, String> {
    rasterize(&raster_svg(runs, scheme, layer), width)
}

fn check_width(width: u32) -> Result<(), String> {
    if WIDTHS.contains(&width) {
        Ok(())
    } else {
        Err(format!(
            "a width of {width} px is outside {} to {} px",
            WIDTHS.start(),
            WIDTHS.end()
        ))
    }
}

/// The still picture of `runs`' end, `width` pixels wide, as an indexed PNG.
pub fn png(runs: &ComparedRuns, scheme: ColourScheme, width: u32) -> Result<Vec<u8>, String> {
    check_width(width)?;
    indexed_png(scheme, &draw(runs, scheme, width, RasterLayer::END)?)
}

/// A preview card exactly `width` × `height`, as link previews want (Open Graph's is 1200 × 630):
/// the card's words in large type across the top, which a thumbnail about 500 px wide still reads,
/// and under them the still picture as large as fits with a margin, centred on the scheme's
/// background.
pub fn card_png(
    runs: &ComparedRuns,
    scheme: ColourScheme,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, String> {
    const MARGIN: u32 = 24;
    let words = rasterize(&card_words_svg(&card_words(runs), scheme), width)?;
    let (room_width, room_height) = (
        width.saturating_sub(2 * MARGIN),
        height.saturating_sub(words.height + MARGIN),
    );
    // The picture's height at the default width tells how wide it may be drawn to fit the room.
    let natural = draw(runs, scheme, DEFAULT_WIDTH, RasterLayer::END)?;
    let fit = (f64::from(room_height) / f64::from(natural.height) * f64::from(DEFAULT_WIDTH))
        .floor() as u32;
    let picture = draw(runs, scheme, fit.min(room_width).max(1), RasterLayer::END)?;
    let background = picture.rgb.first().copied().unwrap_or([255, 255, 255]);
    let mut card = Pixels {
        width,
        height,
        rgb: vec![background; (width * height) as usize],
    };
    let mut place = |pixels: &Pixels, left: u32, top: u32| {
        for (row, line) in pixels.rgb.chunks(pixels.width as usize).enumerate() {
            let y = top as usize + row;
            if y >= height as usize {
                break;
            }
            let at = y * width as usize + left as usize;
            card.rgb[at..at + line.len()].copy_from_slice(line);
        }
    };
    place(&words, 0, 0);
    place(
        &picture,
        (width - picture.width) / 2,
        words.height + (room_height.saturating_sub(picture.height)) / 2,
    );
    indexed_png(scheme, &card)
}

/// The card's words as a band of the picture's width: the headline large, the line under it.
fn card_words_svg(words: &CardWords, scheme: ColourScheme) -> String {
    let (background, text, muted) = (
        SURFACE.in_scheme(scheme),
        TEXT.in_scheme(scheme),
        TEXT_MUTED.in_scheme(scheme),
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {DEFAULT_WIDTH} 124\" width=\"{DEFAULT_WIDTH}\" height=\"124\" font-family=\"DejaVu Sans\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{background}\"/>\
         <text x=\"19\" y=\"62\" font-size=\"46\" font-weight=\"700\" fill=\"{text}\"{}>{}</text>\
         <text x=\"19\" y=\"104\" font-size=\"22\" fill=\"{muted}\"{}>{}</text></svg>",
        fitted(&words.headline, 46.0),
        markup_text(&words.headline),
        fitted(&words.subline, 22.0),
        markup_text(&words.subline),
    )
}

/// `picture` as an indexed PNG, in the palette [`gif`] would give it.
fn indexed_png(scheme: ColourScheme, picture: &Pixels) -> Result<Vec<u8>, String> {
    let palette = Palette::of(scheme, picture);
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, picture.width, picture.height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette.flat());
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&palette.index(picture)));
    written.map_err(|error| format!("could not write the PNG: {error}"))?;
    Ok(file)
}

/// The playback of `runs`, `width` pixels wide, as a GIF that loops forever.
pub fn gif(runs: &ComparedRuns, scheme: ColourScheme, width: u32) -> Result<Vec<u8>, String> {
    check_width(width)?;
    let mut frames = Frames::new(runs, scheme, width)?;
    let playback = Playback::of_runs(runs);
    // The moving part: the playhead at evenly spaced moments, then the end, held.
    let moments = (playback.run_s / FRAME_S).round().max(1.0) as u32;
    let starts_s: Vec<f64> = (0..=moments)
        .map(|k| f64::from(k) * playback.run_s / f64::from(moments))
        .chain([playback.run_s + Playback::HOLD_S])
        .collect();
    let mut patches: Vec<Patch> = Vec::new();
    let mut shown: Option<Vec<u8>> = None;
    for k in 0..=moments as usize {
        let indices = if k == moments as usize {
            frames.end()
        } else {
            frames.at(playback.run_ms_at(starts_s[k]))?
        };
        let delay_cs = centiseconds(starts_s[k + 1]) - centiseconds(starts_s[k]);
        match changed(shown.as_deref(), &indices, width) {
            Some(patch) => patches.push(Patch { delay_cs, ..patch }),
            // Nothing moved: the frame before shows for longer instead.
            None => {
                if let Some(last) = patches.last_mut() {
                    last.delay_cs += delay_cs;
                }
            }
        }
        shown = Some(indices);
    }
    let height = shown.map_or(1, |last| last.len() as u32 / width);
    encode(&patches, &frames.palette, width, height)
}

fn centiseconds(seconds: f64) -> u16 {
    (seconds * 100.0).round() as u16
}

/// The smallest rectangle holding every pixel of `next` that differs from `shown`, or the whole
/// picture when nothing is shown yet; `None` when nothing differs.
fn changed(shown: Option<&[u8]>, next: &[u8], width: u32) -> Option<Patch> {
    let width = width as usize;
    let height = next.len() / width;
    let (mut left, mut top, mut right, mut bottom) = (width, height, 0, 0);
    match shown {
        None => (left, top, right, bottom) = (0, 0, width, height),
        Some(shown) => {
            for (at, _) in shown
                .iter()
                .zip(next)
                .enumerate()
                .filter(|(_, (a, b))| a != b)
            {
                let (x, y) = (at % width, at / width);
                left = left.min(x);
                right = right.max(x + 1);
                top = top.min(y);
                bottom = bottom.max(y + 1);
            }
        }
    }
    if right <= left {
        return None;
    }
    let indices = (top..bottom)
        .flat_map(|y| &next[y * width + left..y * width + right])
        .copied()
        .collect();
    Some(Patch {
        left: left as u32,
        top: top as u32,
        width: (right - left) as u32,
        height: (bottom - top) as u32,
        indices,
        delay_cs: 0,
    })
}

fn encode(
    patches: &[Patch],
    palette: &Palette,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, String> {
    let too_large = |_| format!("a picture of {width} × {height} pixels is too large for a GIF");
    let (gif_width, gif_height) = (
        u16::try_from(width).map_err(too_large)?,
        u16::try_from(height).map_err(too_large)?,
    );
    let failed = |error: gif::EncodingError| format!("could not write the GIF: {error}");
    let mut file = Vec::new();
    {
        let mut encoder =
            gif::Encoder::new(&mut file, gif_width, gif_height, &palette.flat()).map_err(failed)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(failed)?;
        for patch in patches {
            let frame = gif::Frame {
                delay: patch.delay_cs,
                dispose: gif::DisposalMethod::Keep,
                left: patch.left as u16,
                top: patch.top as u16,
                width: patch.width as u16,
                height: patch.height as u16,
                buffer: Cow::Borrowed(&patch.indices),
                ..gif::Frame::default()
            };
            encoder.write_frame(&frame).map_err(failed)?;
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::link::url_codec::decode;
    use crate::domain::simulator::predicted_runs;

    fn runs(query: &str) -> ComparedRuns {
        let decoded = decode(query);
        predicted_runs(
            &decoded.scenario,
            decoded.display.language,
            decoded.display.compare,
        )
    }

    /// Every frame of `file`, as the picture it leaves on screen, with its delay.
    fn played(file: &[u8]) -> (Vec<(Vec<u8>, u16)>, u16, u16) {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(file).unwrap();
        let (width, height) = (decoder.width(), decoder.height());
        let mut screen = vec![0u8; usize::from(width) * usize::from(height)];
        let mut frames = Vec::new();
        while let Some(frame) = decoder.read_next_frame().unwrap() {
            for row in 0..usize::from(frame.height) {
                let from = row * usize::from(frame.width);
                let at =
                    (usize::from(frame.top) + row) * usize::from(width) + usize::from(frame.left);
                screen[at..at + usize::from(frame.width)]
                    .copy_from_slice(&frame.buffer[from..from + usize::from(frame.width)]);
            }
            frames.push((screen.clone(), frame.delay));
        }
        (frames, width, height)
    }

    #[test]
    fn the_gif_plays_the_run_then_holds_the_end_as_the_animated_svg_does() {
        let runs = runs("tasks=a:400,b:200:100&mode=join_all&lang=js");
        let file = gif(&runs, ColourScheme::Light, 480).unwrap();
        let (frames, width, _) = played(&file);
        assert_eq!(width, 480);
        assert!(frames.len() > 10, "{} frames", frames.len());
        let playback = Playback::of_runs(&runs);
        let total_cs: u32 = frames.iter().map(|(_, delay)| u32::from(*delay)).sum();
        assert_eq!(
            total_cs,
            u32::from(centiseconds(playback.run_s + Playback::HOLD_S))
        );
        assert_eq!(frames.last().unwrap().1, centiseconds(Playback::HOLD_S));
    }

    /// The palette index of `hex` in `file`'s global palette.
    fn index_of(file: &[u8], hex: &str) -> u8 {
        let decoder = gif::DecodeOptions::new().read_info(file).unwrap();
        let rgb: Vec<u8> = (0..3)
            .map(|k| u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).unwrap())
            .collect();
        let palette = decoder.global_palette().unwrap();
        palette
            .chunks(3)
            .position(|colour| colour == rgb.as_slice())
            .unwrap() as u8
    }

    /// A bar is running until its task ends, then in its outcome, as the page draws a live run:
    /// the failure is not red before 200 ms, and nothing is abandoned before Promise.all rejects.
    #[test]
    fn the_gif_draws_each_bar_running_until_its_end() {
        use crate::domain::look::outcome_style::outcome_style;
        use crate::domain::model::timeline::Outcome;
        let runs = runs("tasks=a:400,b:200:100&mode=join_all&lang=js");
        let file = gif(&runs, ColourScheme::Light, 480).unwrap();
        let (frames, _, _) = played(&file);
        let colour = |outcome| index_of(&file, outcome_style(outcome).colour.light);
        let (error, abandoned, running) = (
            colour(Outcome::Error),
            colour(Outcome::Abandoned),
            colour(Outcome::Running),
        );
        let playback = Playback::of_runs(&runs);
        let moments = (playback.run_s / FRAME_S).round() as usize;
        let at_ms = |k: usize| k as f64 / moments as f64 * playback.end_ms;
        for (k, (frame, _)) in frames.iter().enumerate().take(moments).skip(2) {
            let shows = |index| frame.contains(&index);
            assert!(shows(running) || at_ms(k) >= 400.0, "frame {k}");
            if at_ms(k) < 199.0 {
                assert!(
                    !shows(error) && !shows(abandoned),
                    "frame {k} at {} ms",
                    at_ms(k)
                );
            }
            if at_ms(k) > 201.0 {
                assert!(shows(error), "frame {k}");
            }
        }
    }

    #[test]
    fn frames_after_the_first_carry_only_what_changed() {
        let runs = runs("tasks=10x500&mode=join_all&compare=sequential");
        let file = gif(&runs, ColourScheme::Dark, 960).unwrap();
        let mut decoder = gif::DecodeOptions::new().read_info(&file[..]).unwrap();
        let (width, height) = (decoder.width(), decoder.height());
        let first = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!((first.width, first.height), (width, height));
        let second = decoder.read_next_frame().unwrap().unwrap();
        assert!(
            second.width < width / 4,
            "{} of {width} px wide",
            second.width
        );
    }

    #[test]
    fn the_png_is_the_gifs_last_frame() {
        for query in [
            "tasks=a:300,b:100:100&mode=try_join_all&lang=python&theme=dark",
            "tasks=3x50",
        ] {
            let runs = runs(query);
            let file = png(&runs, ColourScheme::Dark, 500).unwrap();
            let decoder = png::Decoder::new(std::io::Cursor::new(file));
            let mut reader = decoder.read_info().unwrap();
            let mut indices = vec![0; reader.output_buffer_size().unwrap()];
            reader.next_frame(&mut indices).unwrap();
            let (frames, _, _) = played(&gif(&runs, ColourScheme::Dark, 500).unwrap());
            assert_eq!(frames.last().unwrap().0, indices, "{query}");
        }
    }

    #[test]
    fn widths_outside_the_range_are_refused_by_name() {
        let runs = runs("tasks=a:100");
        assert_eq!(
            png(&runs, ColourScheme::Light, 10).unwrap_err(),
            "a width of 10 px is outside 200 to 4000 px"
        );
        assert!(gif(&runs, ColourScheme::Light, 5000).is_err());
    }

    #[test]
    fn nothing_changed_shows_the_frame_before_for_longer() {
        let same = vec![1u8; 12];
        assert!(changed(Some(&same), &same, 4).is_none());
        let mut next = same.clone();
        next[6] = 2;
        let patch = changed(Some(&same), &next, 4).unwrap();
        assert_eq!(
            (patch.left, patch.top, patch.width, patch.height),
            (2, 1, 1, 1)
        );
        let whole = changed(None, &next, 4).unwrap();
        assert_eq!((whole.width, whole.height), (4, 3));
    }
}
