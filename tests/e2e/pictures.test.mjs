// GIF and PNG pictures, decoded by Chromium (a decoder other than the Rust `gif` and `png` crates
// that write them): the CLI's, and the page's Download GIF, drawn in a worker while the page answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

import { openRecorded, servedApp, SCREENSHOT_DIR } from "./browser.mjs";
import { decodeImage, decodingPage } from "./images.mjs";

const app = servedApp();
const ROOT = new URL("../../", import.meta.url).pathname;

/** What `asyncplay ARGS` writes, as bytes. */
function asyncplay(...args) {
  return execFileSync("cargo", ["run", "--locked", "--quiet", "--bin", "asyncplay", "--", ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
}

const CANONICAL = "tasks=10x500&mode=join_all&compare=sequential";

test("the CLI's GIF loops, plays the run, then holds its last frame: the still PNG, pixel for pixel", async () => {
  const { page, close } = await decodingPage(app.browser);
  try {
    const gif = asyncplay("--format", "gif", CANONICAL);
    const png = asyncplay("--format", "png", CANONICAL);
    const animation = await decodeImage(page, gif, "image/gif", []);
    assert.ok(animation.frameCount > 1, `${animation.frameCount} frames`);
    assert.equal(animation.repetitionCount, Infinity, "it loops forever");
    // The playhead crosses the run (one after another ends at 5.01 s: tokio's timers end a
    // millisecond late) at a second a second, then the end holds 2.5 s, as the animated SVG does.
    const total = animation.durations.reduce((sum, ms) => sum + ms, 0);
    assert.equal(Math.round(total), 7510);
    assert.equal(Math.round(animation.durations.at(-1)), 2500);
    const last = (await decodeImage(page, gif, "image/gif", [animation.frameCount - 1])).pixels[animation.frameCount - 1];
    const still = (await decodeImage(page, png, "image/png", [0])).pixels[0];
    assert.deepEqual([last.width, last.height], [still.width, still.height]);
    assert.equal(last.width, 960, "the default width is the SVG's");
    assert.ok(last.rgba === still.rgba, "the GIF's last frame is the PNG");
  } finally {
    await close();
  }
});

test("a dark GIF is drawn in the dark palette, at the width asked, with text in it", async () => {
  const { page, close } = await decodingPage(app.browser);
  try {
    const gif = asyncplay("--format", "gif", "--width", "640", `${CANONICAL}&theme=dark`);
    const first = await decodeImage(page, gif, "image/gif", [0]);
    const { width, rgba } = first.pixels[0];
    assert.equal(width, 640);
    const pixels = Buffer.from(rgba, "base64");
    const at = (x, y) => [...pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
    assert.deepEqual(at(2, 2), [0x17, 0x1e, 0x2a], "the dark background");
    // The title's row holds light text: pixels near the dark theme's text colour.
    let inked = 0;
    for (let x = 0; x < width; x++) for (let y = 8; y < 20; y++) if (at(x, y)[0] > 0xc0) inked++;
    assert.ok(inked > 100, `only ${inked} text pixels in the title`);
  } finally {
    await close();
  }
});

test("the page's Download GIF draws in a worker while the page answers, and matches the CLI's GIF", async () => {
  const url = `${app.server.url}?tasks=100x20-400&mode=join_all&compare=languages&theme=dark`;
  const { context, page, problems } = await openRecorded(app.browser, url);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    const [file] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      (async () => {
        await page.getByRole("button", { name: "Download GIF" }).click();
        // While the picture is drawn, the page answers a click: the Embed dialog opens and closes.
        const drawing = page.locator("progress.writing");
        await drawing.waitFor();
        const embed = page.getByRole("button", { name: "Embed…" });
        await embed.click();
        assert.equal(await embed.getAttribute("aria-expanded"), "true");
        assert.equal(await drawing.count(), 1, "still drawing when the click was answered");
        await page.screenshot({ path: `${SCREENSHOT_DIR}/gif-drawing.png` });
        await embed.click();
      })(),
    ]);
    assert.equal(file.suggestedFilename(), "async-playground-timeline.gif");
    const bytes = await readFile(await file.path());
    await page.getByText("GIF saved").waitFor();
    assert.equal(await page.locator("progress.writing").count(), 0);
    // Before any run, the download is the prediction: the CLI draws the very same file.
    const cli = asyncplay("--format", "gif", "tasks=100x20-400&mode=join_all&compare=languages&theme=dark");
    assert.ok(bytes.equals(cli), `the page's GIF (${bytes.length} B) is the CLI's (${cli.length} B)`);
    const { page: decoding, close } = await decodingPage(app.browser);
    try {
      const decoded = await decodeImage(decoding, bytes, "image/gif");
      assert.ok(decoded.frameCount > 1);
    } finally {
      await close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
