//! `asyncplay`: the native command-line tool. Given a scenario URL it simulates it and prints its
//! timeline as a text table, Chrome trace JSON, a Markdown table, a program, a picture (SVG, still
//! or animated, GIF or PNG) or the page's static first paint, using the same domain code as the
//! page; with `compare=`, every timeline of the comparison. `asyncplay render` and `asyncplay
//! mdbook` turn `asyncplay` blocks in Markdown into those pictures.

#![warn(clippy::too_many_lines)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI reads and writes files, which a browser cannot; the page runs its own copy of the domain.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{Read, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{CommandFactory, Parser, Subcommand};

    use async_playground::domain::basics::named_choice::NamedChoice;
    use async_playground::domain::link::url_codec::decode;
    use async_playground::domain::model::comparison::Comparison;
    use async_playground::domain::model::display::ColourScheme;
    use async_playground::domain::model::language::Language;
    use async_playground::domain::pictures::export::{
        chrome_trace, markdown_tables, text_tables, RunSource,
    };
    use async_playground::domain::pictures::first_paint::first_paint_html;
    use async_playground::domain::pictures::image_export::ImageFormat;
    use async_playground::domain::pictures::svg_plot::DEFAULT_WIDTH;
    use async_playground::domain::programs::snippets::program;
    use async_playground::domain::simulator::predicted_runs;
    use async_playground::publish::gallery::{home_head, site_files, Site};
    use async_playground::publish::{mdbook, render};

    #[derive(Clone, Copy, PartialEq)]
    enum Format {
        Table,
        Trace,
        Markdown,
        Program,
        Image(ImageFormat),
        FirstPaint,
    }

    impl NamedChoice for Format {
        const PARAMETER: &'static str = "format";
        const ALL: &'static [Format] = &[
            Format::Table,
            Format::Trace,
            Format::Markdown,
            Format::Program,
            Format::Image(ImageFormat::Svg),
            Format::Image(ImageFormat::AnimatedSvg),
            Format::Image(ImageFormat::Gif),
            Format::Image(ImageFormat::Png),
            Format::FirstPaint,
        ];

        fn url_name(self) -> &'static str {
            match self {
                Format::Table => "table",
                Format::Trace => "trace",
                Format::Markdown => "markdown",
                Format::Program => "program",
                Format::Image(image) => image.url_name(),
                Format::FirstPaint => "first-paint",
            }
        }
    }

    /// A `--lang`, `--format` or `--image` value, read by its URL name with the domain's own message.
    fn named<T: NamedChoice + Send + Sync>(name: &str) -> Result<T, String> {
        T::from_url_name(name).map_err(|error| error.to_string())
    }

    #[derive(Parser)]
    #[command(
        name = "asyncplay",
        version,
        about = "Simulate an async scenario on one event loop and print its timeline, a program or a picture.",
        after_help = "Example: asyncplay --lang js 'tasks=fetch:500,db:300:100,10x200&mode=join_all'\n\
                      Exit status: 0 for a valid scenario, 2 for a bad scenario or bad arguments (messages on stderr).",
        args_conflicts_with_subcommands = true
    )]
    struct Cli {
        #[command(subcommand)]
        command: Option<Command>,
        /// Whose await semantics to use: rust, csharp, js or python (default: the URL's lang=, else rust)
        #[arg(long = "lang", value_parser = named::<Language>)]
        language: Option<Language>,
        /// table (default), trace (Chrome Trace Event JSON, opens in Perfetto), markdown, program (a
        /// complete program in that language that runs the scenario for real), svg (the timeline as a
        /// self-contained image; dark when the URL says theme=dark), animated-svg (the same, playing
        /// the run with CSS: it moves inside an <img>), gif (the same animation as pixels, for
        /// platforms that take no SVG), png (the still picture, the GIF's last frame), first-paint (the
        /// page's opening comparison as static HTML, as the build writes it into index.html)
        #[arg(long, value_parser = named::<Format>, default_value = "table", hide_default_value = true)]
        format: Format,
        /// Width of an svg, animated-svg, gif or png picture, in pixels
        #[arg(long, default_value_t = DEFAULT_WIDTH)]
        width: u32,
        /// Write to this file instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The scenario URL or its query string (quote it: it contains &)
        url: Option<String>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Replace each ```asyncplay block of a Markdown file with its picture, linked to the live scenario
        Render {
            /// The Markdown file to read
            input: PathBuf,
            /// The Markdown file to write
            #[arg(short, long)]
            output: PathBuf,
            /// The folder the pictures are saved in (made if missing)
            #[arg(long)]
            assets: PathBuf,
            /// The live playground's address, such as https://example.org/async-playground/
            #[arg(long)]
            link: String,
            /// The picture: animated-svg (default), svg, gif or png
            #[arg(long, value_parser = named::<ImageFormat>, default_value = "animated-svg")]
            image: ImageFormat,
            /// Width of each picture, in pixels
            #[arg(long, default_value_t = DEFAULT_WIDTH)]
            width: u32,
        },
        /// The mdBook preprocessor: add [preprocessor.asyncplay] with command = "asyncplay mdbook" and
        /// link = "https://…/" to book.toml; image, width and inline = true are optional
        Mdbook {
            #[command(subcommand)]
            supports: Option<Supports>,
        },
        /// Write the gallery (a page per preset), the link preview cards, oEmbed and the sitemap
        /// beside a built page, and print the home page's card tags
        Site {
            /// The built page's folder, where index.html is
            #[arg(long)]
            out: PathBuf,
            /// The page's style sheet, a file name in that folder
            #[arg(long)]
            stylesheet: String,
            /// The site's public address, such as https://example.org/async-playground/. Without
            /// it, what needs an absolute URL (card images, canonical links, oEmbed, the sitemap)
            /// is left out
            #[arg(long)]
            url: Option<String>,
        },
    }

    #[derive(Subcommand)]
    enum Supports {
        /// Exit 0 when the preprocessor serves RENDERER: it serves every renderer
        Supports { renderer: String },
    }

    /// Print `message` as the tool's error and exit 2.
    fn failed(message: &str) -> ExitCode {
        eprintln!("asyncplay: {message}");
        ExitCode::from(2)
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Some(Command::Render {
                input,
                output,
                assets,
                link,
                image,
                width,
            }) => {
                let options = render::PictureOptions { image, width, link };
                match render::render_file(&input, &output, &assets, &options) {
                    Ok(count) => {
                        eprintln!(
                            "asyncplay: {count} block(s) rendered into {}",
                            output.display()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(message) => failed(&message),
                }
            }
            Some(Command::Mdbook {
                supports: Some(Supports::Supports { renderer }),
            }) => {
                if mdbook::supports(&renderer) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Some(Command::Mdbook { supports: None }) => {
                let mut input = String::new();
                if let Err(error) = std::io::stdin().read_to_string(&mut input) {
                    return failed(&format!("could not read the book from mdBook: {error}"));
                }
                match mdbook::preprocess(&input) {
                    Ok(book) => {
                        print!("{book}");
                        ExitCode::SUCCESS
                    }
                    Err(message) => failed(&message),
                }
            }
            Some(Command::Site {
                out,
                stylesheet,
                url,
            }) => match write_site(&out, &stylesheet, url.as_deref()) {
                Ok(head) => {
                    print!("{head}");
                    ExitCode::SUCCESS
                }
                Err(message) => failed(&message),
            },
            None => print_scenario(&cli),
        }
    }

    /// Write the site's files under `out`; the home page's card tags, to print.
    fn write_site(
        out: &std::path::Path,
        stylesheet: &str,
        url: Option<&str>,
    ) -> Result<String, String> {
        let site = Site::new(url, stylesheet)?;
        for file in site_files(&site)? {
            let path = out.join(&file.path);
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|error| format!("could not make {}: {error}", folder.display()))?;
            }
            std::fs::write(&path, &file.bytes)
                .map_err(|error| format!("could not write {}: {error}", path.display()))?;
        }
        if url.is_none() {
            eprintln!("asyncplay: no --url: the card images' tags, canonical links, oEmbed and the sitemap are left out");
        }
        home_head(&site)
    }

    /// The forms without a subcommand: one scenario, in one format.
    fn print_scenario(cli: &Cli) -> ExitCode {
        let Some(url) = &cli.url else {
            let mut usage = Cli::command();
            usage
                .error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "missing the scenario URL or query string",
                )
                .exit();
        };
        let decoded = decode(url);
        if !decoded.problems.is_empty() {
            for problem in &decoded.problems {
                eprintln!("asyncplay: {problem}");
            }
            return ExitCode::from(2);
        }
        let language = cli.language.unwrap_or(decoded.display.language);
        // The first paint is always the comparison the page opens on, beside one after another.
        let comparison = match cli.format {
            Format::FirstPaint => Comparison::Sequential,
            _ => decoded.display.compare,
        };
        let runs = predicted_runs(&decoded.scenario, language, comparison);
        let scheme = decoded
            .display
            .theme
            .fixed_scheme()
            .unwrap_or(ColourScheme::Light);
        let output = match cli.format {
            Format::Table => Ok(text_tables(&runs).into_bytes()),
            Format::Trace => Ok(chrome_trace(&runs, RunSource::Simulated).into_bytes()),
            Format::Markdown => Ok(markdown_tables(&runs).into_bytes()),
            Format::Program => Ok(program(&decoded.scenario, language).into_bytes()),
            Format::Image(image) => image.write(&runs, scheme, cli.width),
            Format::FirstPaint => Ok(first_paint_html(&runs).into_bytes()),
        };
        let bytes = match output {
            Ok(bytes) => bytes,
            Err(message) => return failed(&message),
        };
        let written = match &cli.output {
            Some(path) => std::fs::write(path, &bytes),
            None => std::io::stdout().write_all(&bytes),
        };
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => failed(&format!("could not write the output: {error}")),
        }
    }
}
