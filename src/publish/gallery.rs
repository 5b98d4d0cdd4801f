//! What the build writes beside the page so links preview themselves: Open Graph and Twitter card
//! tags for the home page, a static page per preset at `p/<slug>/` (its comparison at first paint,
//! its preview card, an oEmbed discovery link), the gallery's index, and `sitemap.xml`.
//!
//! Platforms need absolute URLs for previews, so those come from the site's public address, when the
//! build is given one: the meta tags, canonical links, oEmbed and the sitemap. Everything else stays
//! relative, so the files work from any sub-path. Without an address, the build leaves out what needs
//! one.

use crate::domain::basics::markup::markup_text;
use crate::domain::explain::narration::describe;
use crate::domain::link::url_codec::{decode, encode};
use crate::domain::model::comparison::ExportedRun;
use crate::domain::model::comparison::{ComparedRuns, Comparison};
use crate::domain::model::display::ColourScheme;
use crate::domain::model::display::DisplayOptions;
use crate::domain::model::presets::{lesson_of, Preset, PRESETS};
use crate::domain::pictures::embed_code::embed_code;
use crate::domain::pictures::export::json_string;
use crate::domain::pictures::first_paint::comparison_html;
use crate::domain::pictures::image_export::card_png;
use crate::domain::pictures::svg_words::runs_description;
use crate::domain::simulator::predicted_runs;

/// The home page's title and description, as `index.html` states them.
pub const HOME_TITLE: &str = "Async Playground: see async concurrency run";
pub const HOME_DESCRIPTION: &str = "Async Playground runs join_all, Task.WhenAll, Promise.all and asyncio.gather for real on your browser's event loop and draws the timeline.";
/// The scenario the home page's card shows: ten calls awaited together beside one after another.
pub const HOME_CARD_QUERY: &str = "tasks=10x500&mode=join_all&compare=sequential";
/// Open Graph's recommended card size.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;
/// The size of the iframe an oEmbed consumer is given.
const EMBED_WIDTH: u32 = 720;
const EMBED_HEIGHT: u32 = 420;
const PROVIDER: &str = "Async Playground";
/// The gallery's pages run no script and load nothing but their own style sheet and pictures; the
/// first paint places its bars with style attributes.
/// (`connect-src` lets crawlers' tools, Lighthouse among them, fetch `robots.txt` from the page.)
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// Where the site is published, and what its pages share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The public address of the page, ending in `/`; `None` leaves out what needs it.
    pub url: Option<String>,
    /// The page's style sheet, a file name beside `index.html`.
    pub stylesheet: String,
}

impl Site {
    /// `url` made to end in `/`; it must be an absolute http(s) address.
    pub fn new(url: Option<&str>, stylesheet: &str) -> Result<Self, String> {
        let url = match url {
            None => None,
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                Some(format!("{}/", url.trim_end_matches('/')))
            }
            Some(url) => {
                return Err(format!(
                    "the site's address \"{url}\" is not an absolute http(s) URL"
                ))
            }
        };
        Ok(Site {
            url,
            stylesheet: stylesheet.to_owned(),
        })
    }

    /// `path` under the site's address, if it has one.
    fn absolute(&self, path: &str) -> Option<String> {
        self.url.as_ref().map(|url| format!("{url}{path}"))
    }
}

/// A file the build writes, by its path under the site's root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The path of a preset's page under the site's root.
pub fn gallery_path(preset: &Preset) -> String {
    format!("p/{}/", preset.slug)
}

/// The link that opens `preset` in the playground, in its language.
pub fn preset_query(preset: &Preset) -> String {
    let decoded = decode(preset.query);
    encode(
        &decoded.scenario,
        &DisplayOptions {
            language: preset.language,
            ..decoded.display
        },
    )
}

/// The Open Graph tags of the page at `path` (X reads them too, given `twitter:card`): `title`,
/// `description`, and, with the site's address, the page's own address, and its card (a path under
/// the site's root) with the card's words.
fn card_tags(
    site: &Site,
    path: &str,
    title: &str,
    description: &str,
    card: (&str, &str),
) -> String {
    let (card_path, card_alt) = card;
    let mut tags = format!(
        "<meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" content=\"{0}\">\
         <meta property=\"og:description\" content=\"{1}\">",
        markup_text(title),
        markup_text(description),
    );
    if let (Some(page), Some(card)) = (site.absolute(path), site.absolute(card_path)) {
        tags += &format!(
            "<link rel=\"canonical\" href=\"{page}\"><meta property=\"og:url\" content=\"{page}\">\
             <meta property=\"og:image\" content=\"{card}\">\
             <meta property=\"og:image:width\" content=\"{CARD_WIDTH}\"><meta property=\"og:image:height\" content=\"{CARD_HEIGHT}\">\
             <meta property=\"og:image:alt\" content=\"{0}\"><meta name=\"twitter:card\" content=\"summary_large_image\">",
            markup_text(card_alt),
        );
    }
    tags
}

/// The tags the build adds to the home page's `<head>`.
pub fn home_head(site: &Site) -> Result<String, String> {
    let alt = home_card_alt()?;
    Ok(card_tags(
        site,
        "",
        HOME_TITLE,
        HOME_DESCRIPTION,
        ("card.png", &alt),
    ))
}

fn home_runs() -> Result<ComparedRuns, String> {
    let decoded = decode(HOME_CARD_QUERY);
    if !decoded.problems.is_empty() {
        return Err("the home card's scenario does not read".to_owned());
    }
    Ok(predicted_runs(
        &decoded.scenario,
        decoded.display.language,
        decoded.display.compare,
    ))
}

/// The home card's words: what it shows, briefly, since every byte of the home page counts.
fn home_card_alt() -> Result<String, String> {
    let description = runs_description(&home_runs()?);
    Ok(description
        .split(". ")
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// A preset's predicted runs in its language, alone or beside one after another.
fn preset_runs(preset: &Preset, comparison: Comparison) -> ComparedRuns {
    predicted_runs(&decode(preset.query).scenario, preset.language, comparison)
}

/// What a run's page says in its description: what the caller receives, in words.
fn received(runs: &[ExportedRun]) -> String {
    runs.first()
        .map(|run| describe(&run.scenario, &run.timeline))
        .unwrap_or_default()
}

/// A page's shell: the head, with its tags, the site header linking home, and `main`.
fn page(
    site: &Site,
    depth: usize,
    title: &str,
    description: &str,
    head: &str,
    main: &str,
) -> String {
    let up = "../".repeat(depth);
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
         <title>{}</title><meta name=\"description\" content=\"{}\">{head}\
         <link rel=\"icon\" href=\"{up}favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"{up}{}\">\
         <link rel=\"stylesheet\" href=\"{up}gallery.css\"></head>\
         <body><header class=\"site-header\"><a class=\"skip-link\" href=\"#main\">Skip to the content</a>\
         <a class=\"brand\" href=\"{up}\"><img class=\"brand-mark\" src=\"{up}favicon.svg\" alt=\"\" width=\"28\" height=\"28\"><span class=\"brand-name\">{PROVIDER}</span></a></header>\
         <main id=\"main\" class=\"gallery\">{main}</main></body></html>\n",
        markup_text(title),
        markup_text(description),
        markup_text(&site.stylesheet),
    )
}

/// A preset's page: its lesson, what the caller receives, the comparison at first paint, and a
/// button that opens it in the playground.
/// `alone` is the preset's run by itself, which its card shows.
fn preset_page(site: &Site, preset: &Preset, alone: &ComparedRuns) -> String {
    let path = gallery_path(preset);
    let sentence = received(alone);
    let title = format!("{} · {PROVIDER}", preset.title());
    let runs = preset_runs(preset, Comparison::Sequential);
    let card = (format!("{path}card.png"), runs_description(alone));
    let mut head = card_tags(site, &path, &title, &sentence, (&card.0, &card.1));
    if let Some(oembed) = site.absolute(&format!("{path}oembed.json")) {
        head += &format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{oembed}\" title=\"{}\">",
            markup_text(&title)
        );
    }
    let main = format!(
        "<h1>{}</h1><p class=\"lesson\">{}</p><p class=\"received\">In {}: {}</p>\
         <section class=\"first-paint\" aria-label=\"The prediction\">{}</section>\
         <p class=\"open\"><a class=\"open-button\" href=\"../../?{}\">Open in the playground</a> \
         <a href=\"../\">Every scenario in the gallery</a></p>",
        markup_text(preset.name),
        markup_text(lesson_of(preset)),
        preset.language.display_name(),
        markup_text(&sentence),
        comparison_html(&runs),
        markup_text(&preset_query(preset)),
    );
    page(site, 2, &title, &sentence, &head, &main)
}

/// The gallery's index: every preset with its card.
fn gallery_index(site: &Site) -> Result<String, String> {
    let title = format!("The gallery · {PROVIDER}");
    let description = "Ready-made async scenarios, each run in the language whose behaviour it shows: Promise.all with a failure, asyncio timeouts, fire and forget, worker pools and more.";
    let mut items = String::new();
    for preset in &PRESETS {
        items += &format!(
            "<li><a href=\"{}/\"><img src=\"{}/card.png\" alt=\"\" width=\"360\" height=\"189\" loading=\"lazy\">\
             <span class=\"name\">{}</span></a><span class=\"language\">{}</span><p>{}</p></li>",
            preset.slug,
            preset.slug,
            markup_text(preset.name),
            preset.language.display_name(),
            markup_text(lesson_of(preset)),
        );
    }
    let alt = home_card_alt()?;
    let head = card_tags(site, "p/", &title, description, ("card.png", &alt));
    let main = format!(
        "<h1>The gallery</h1><p>{description}</p><ul class=\"gallery-list\">{items}</ul>\
         <p class=\"open\"><a class=\"open-button\" href=\"../\">Open the playground</a></p>"
    );
    Ok(page(site, 1, &title, description, &head, &main))
}

/// The oEmbed answer for a preset's page: a rich embed of the live scenario.
fn oembed_json(site_url: &str, preset: &Preset) -> String {
    let page = format!("{site_url}?{}", preset_query(preset));
    let embed = format!("{page}&embed=1");
    let title = preset.title();
    let iframe = embed_code(&embed, &page, &title, EMBED_WIDTH, EMBED_HEIGHT).iframe;
    format!(
        "{{\"version\":\"1.0\",\"type\":\"rich\",\"title\":{},\"provider_name\":\"{PROVIDER}\",\"provider_url\":{},\
         \"html\":{},\"width\":{EMBED_WIDTH},\"height\":{EMBED_HEIGHT},\"thumbnail_url\":{},\
         \"thumbnail_width\":{CARD_WIDTH},\"thumbnail_height\":{CARD_HEIGHT},\"cache_age\":86400}}\n",
        json_string(&title),
        json_string(site_url),
        json_string(&iframe),
        json_string(&format!("{site_url}{}card.png", gallery_path(preset))),
    )
}

/// `sitemap.xml`: the home page, the gallery and each of its pages.
fn sitemap(site_url: &str) -> String {
    let mut paths = vec![String::new(), "p/".to_owned()];
    paths.extend(PRESETS.iter().map(gallery_path));
    let urls: String = paths
        .iter()
        .map(|path| {
            format!(
                "<url><loc>{}</loc></url>",
                markup_text(&format!("{site_url}{path}"))
            )
        })
        .collect();
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>\n")
}

/// Every file the build writes beside the page.
pub fn site_files(site: &Site) -> Result<Vec<SiteFile>, String> {
    let file = |path: String, bytes: Vec<u8>| SiteFile { path, bytes };
    let card = |runs: &ComparedRuns| card_png(runs, ColourScheme::Light, CARD_WIDTH, CARD_HEIGHT);
    let mut files = vec![
        file("card.png".to_owned(), card(&home_runs()?)?),
        file("p/index.html".to_owned(), gallery_index(site)?.into_bytes()),
    ];
    for preset in &PRESETS {
        let path = gallery_path(preset);
        let runs = preset_runs(preset, Comparison::None);
        files.push(file(
            format!("{path}index.html"),
            preset_page(site, preset, &runs).into_bytes(),
        ));
        files.push(file(format!("{path}card.png"), card(&runs)?));
        if let Some(url) = &site.url {
            files.push(file(
                format!("{path}oembed.json"),
                oembed_json(url, preset).into_bytes(),
            ));
        }
    }
    if let Some(url) = &site.url {
        files.push(file("sitemap.xml".to_owned(), sitemap(url).into_bytes()));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: Option<&str>) -> Site {
        Site::new(url, "style.css").unwrap()
    }

    #[test]
    fn the_sites_address_ends_in_a_slash_and_must_be_absolute() {
        assert_eq!(
            site(Some("https://example.org/async-playground"))
                .url
                .as_deref(),
            Some("https://example.org/async-playground/")
        );
        assert!(Site::new(Some("example.org/x"), "s.css").is_err());
    }

    #[test]
    fn without_an_address_nothing_absolute_is_written() {
        let files = site_files(&site(None)).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths.contains(&"p/promise-all-one-failure/index.html"));
        assert!(!paths
            .iter()
            .any(|p| p.ends_with("oembed.json") || *p == "sitemap.xml"));
        for file in &files {
            let text = String::from_utf8_lossy(&file.bytes);
            assert!(
                !text.contains("og:image") && !text.contains("canonical"),
                "{}",
                file.path
            );
        }
        let head = home_head(&site(None)).unwrap();
        assert!(
            head.contains("og:title") && !head.contains("og:url"),
            "{head}"
        );
    }

    #[test]
    fn a_preset_page_carries_its_cards_canonical_link_and_oembed() {
        let site = site(Some("https://example.org/async-playground/"));
        let files = site_files(&site).unwrap();
        let page = |path: &str| {
            let file = files.iter().find(|f| f.path == path).expect(path);
            String::from_utf8(file.bytes.clone()).unwrap()
        };
        let html = page("p/promise-all-one-failure/index.html");
        for tag in [
            "<link rel=\"canonical\" href=\"https://example.org/async-playground/p/promise-all-one-failure/\">",
            "<meta property=\"og:image\" content=\"https://example.org/async-playground/p/promise-all-one-failure/card.png\">",
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://example.org/async-playground/p/promise-all-one-failure/oembed.json\"",
            "<meta name=\"description\" content=\"Promise.all rejected with Error: db failed at 250 ms",
            "href=\"../../?tasks=users:300,orders:450,db:250:100,billing:600,search:350&amp;mode=join_all&amp;seed=1&amp;lang=js&amp;v=1\">Open in the playground</a>",
        ] {
            assert!(html.contains(tag), "no {tag} in {html}");
        }
        let oembed = page("p/promise-all-one-failure/oembed.json");
        assert!(
            oembed.contains("\"type\":\"rich\"") && oembed.contains("embed=1"),
            "{oembed}"
        );
        let sitemap = page("sitemap.xml");
        assert_eq!(sitemap.matches("<url>").count(), PRESETS.len() + 2);
        let card = &files.iter().find(|f| f.path == "card.png").unwrap().bytes;
        assert_eq!(
            u32::from_be_bytes(card[16..20].try_into().unwrap()),
            CARD_WIDTH
        );
        assert_eq!(
            u32::from_be_bytes(card[20..24].try_into().unwrap()),
            CARD_HEIGHT
        );
    }

    #[test]
    fn index_html_states_the_home_title_and_description() {
        let index = include_str!("../../index.html");
        assert!(index.contains(&format!("<title>{HOME_TITLE}</title>")));
        assert!(index.contains(&format!(
            "<meta name=\"description\" content=\"{HOME_DESCRIPTION}\" />"
        )));
    }
}
