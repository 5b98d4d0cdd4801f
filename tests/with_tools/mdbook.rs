//! A real mdBook (the version `scripts/setup` installs) builds `tests/books/sample` with `asyncplay
//! mdbook` as its preprocessor: the HTML holds each block's embed and its picture, the pictures are
//! copied with the book, and a bad block fails the build with its file, line and problem.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the sample book in a folder of its own, its preprocessor the asyncplay under test.
fn sample_book(name: &str) -> PathBuf {
    let book = std::env::temp_dir().join(format!("asyncplay-book-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&book);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/books/sample");
    copy_folder(&sample, &book);
    let config = fs::read_to_string(book.join("book.toml")).unwrap();
    let command = format!("command = \"{} mdbook\"", env!("CARGO_BIN_EXE_asyncplay"));
    fs::write(
        book.join("book.toml"),
        config.replace("command = \"asyncplay mdbook\"", &command),
    )
    .unwrap();
    book
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// The `src` of the first picture in a built page.
fn first_image(page: &str) -> &str {
    let after = page.split("<img src=\"").nth(1).expect("a picture");
    after.split('"').next().unwrap()
}

fn mdbook_build(book: &Path) -> Output {
    Command::new("mdbook")
        .arg("build")
        .arg(book)
        .output()
        .expect("mdbook is on PATH: scripts/setup installs it")
}

#[test]
fn the_installed_mdbook_is_the_supported_one() {
    let output = Command::new("mdbook")
        .arg("--version")
        .output()
        .expect("mdbook runs");
    let version = String::from_utf8_lossy(&output.stdout);
    assert!(version.starts_with("mdbook v0.5."), "{version}");
}

#[test]
fn a_book_renders_each_block_as_an_embed_and_its_picture() {
    let book = sample_book("good");
    let output = mdbook_build(&book);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(book.join("book/join-all.html")).unwrap();
    assert!(
        page.contains("<iframe src=\"https://example.org/async-playground/?tasks=10x500&amp;mode=join_all&amp;compare=sequential&amp;v=1&amp;embed=1\""),
        "{page}"
    );
    assert!(page.contains("loading=\"lazy\""));
    let image = first_image(&page);
    assert!(
        image.starts_with("asyncplay/asyncplay-") && image.ends_with(".svg"),
        "{image}"
    );
    let svg = fs::read_to_string(book.join("book").join(image)).unwrap();
    assert!(
        svg.contains("@keyframes sweep"),
        "an animated SVG by default"
    );
    // The picture's words state the speed-up, as the page's header does.
    assert!(page.contains(
        "alt=\"Async Playground: 10 tasks awaited with join_all in Rust: 10.0× faster (501 ms against 5.01 s one after another)."
    ));
    // The block quoted inside another fence stays a code block.
    assert_eq!(page.matches("class=\"asyncplay\"").count(), 1, "{page}");
    let nested = fs::read_to_string(book.join("book/nested/promise-all.html")).unwrap();
    let nested_image = first_image(&nested);
    assert!(nested_image.starts_with("../asyncplay/"), "{nested_image}");
    assert!(book.join("book/nested").join(nested_image).exists());
    assert!(
        fs::read_to_string(book.join("book/nested").join(nested_image))
            .unwrap()
            .contains("#171e2a"),
        "theme=dark draws dark"
    );
    // A second build finds every picture as it left it.
    let names = |book: &Path| {
        let mut names: Vec<_> = fs::read_dir(book.join("src/asyncplay"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let before = names(&book);
    assert!(mdbook_build(&book).status.success());
    assert_eq!(names(&book), before);
}

#[test]
fn a_bad_block_fails_the_build_with_its_file_line_and_problem() {
    let book = sample_book("bad");
    fs::write(
        book.join("src/nested/promise-all.md"),
        "# Broken\n\n```asyncplay\ntasks=db:3oo\n```\n",
    )
    .unwrap();
    let output = mdbook_build(&book);
    assert!(!output.status.success());
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("src/nested/promise-all.md:3: asyncplay block: tasks item 1 \"db:3oo\": delay \"3oo\" is not a number"),
        "{errors}"
    );
    assert!(!book.join("book/nested/promise-all.html").exists());
}
