// Links that preview themselves: the home page's cards, the gallery's static pages and index, their
// oEmbed answers and the sitemap, as the release build writes them for the address scripts/test
// builds with (SITE below), and the embed an oEmbed consumer gets, framed from another origin and
// sandboxed as self-hosted WordPress frames it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";

import { launchChromium, openRecorded, SCREENSHOT_DIR } from "./browser.mjs";
import { serveStatic } from "./static-server.mjs";
import { before, after } from "node:test";

/** The public address the e2e build is made for (scripts/test sets ASYNC_PLAYGROUND_URL to it). */
const SITE = "https://example.org/async-playground/";
const ROOT = new URL("../../", import.meta.url).pathname;
const DIST = new URL("../../dist/", import.meta.url).pathname;
const SLUGS = readdirSync(`${DIST}p`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

// Served as GitHub Pages serves, with the CORS header a sandboxed embed needs.
const app = { server: undefined, browser: undefined };
before(async () => {
  app.server = await serveStatic(DIST, "/async-playground/", { cors: true });
  app.browser = await launchChromium();
});
after(async () => {
  await app.browser?.close();
  await app.server?.close();
});

/** An address the build wrote for SITE, on the local server instead. */
const local = (url) => {
  assert.ok(url.startsWith(SITE), `${url} is not under ${SITE}`);
  return app.server.url + url.slice(SITE.length);
};

async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
}

/** The page's Open Graph tags, by property. */
const openGraph = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll("meta[property^='og:']")].map((m) => [m.getAttribute("property"), m.content])));

/** The width and height of the PNG at `url`, read from its header, and its content type. */
async function pngSize(url) {
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${url} is a PNG`);
  return { type: response.headers.get("content-type"), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function completeCard(page) {
  const tags = await openGraph(page);
  for (const property of ["og:title", "og:description", "og:image", "og:url", "og:image:alt"]) {
    assert.ok(tags[property], `${page.url()} has no ${property}`);
  }
  assert.deepEqual(await pngSize(local(tags["og:image"])), { type: "image/png", width: 1200, height: 630 });
  return tags;
}

test("the home page's card: complete tags, absolute only where the formats need it, a 1200 × 630 picture", async () => {
  const { context, page, problems, requests } = await openRecorded(app.browser, app.server.url);
  try {
    const tags = await completeCard(page);
    assert.equal(tags["og:url"], SITE);
    assert.equal(await page.locator("link[rel=canonical]").getAttribute("href"), SITE);
    assert.equal(await page.locator("meta[name='twitter:card']").getAttribute("content"), "summary_large_image");
    // The page's own resources stay relative: nothing is fetched from the published address.
    assert.deepEqual(requests.filter((url) => !url.startsWith(app.server.origin)), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("every gallery page: its own title, description, card, canonical link, oEmbed, and the simulator's figures", async () => {
  assert.ok(SLUGS.length >= 10, `${SLUGS.length} gallery pages`);
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}p/`);
  try {
    const titles = new Set();
    for (const slug of SLUGS) {
      await page.goto(`${app.server.url}p/${slug}/`, { waitUntil: "load" });
      const title = await page.title();
      assert.ok(!titles.has(title), `${slug}'s title is its own`);
      titles.add(title);
      const tags = await completeCard(page);
      assert.equal(tags["og:url"], `${SITE}p/${slug}/`);
      assert.equal(await page.locator("link[rel=canonical]").getAttribute("href"), `${SITE}p/${slug}/`);
      const description = await page.locator("meta[name=description]").getAttribute("content");
      assert.equal(tags["og:description"], description);
      assert.match(await page.locator(".received").innerText(), new RegExp(description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

      // oEmbed: discovered from the page, with every field the spec asks of a rich embed.
      const discovery = page.locator("link[rel=alternate][type='application/json+oembed']");
      const oembed = await (await fetch(local(await discovery.getAttribute("href")))).json();
      assert.equal(oembed.version, "1.0");
      assert.equal(oembed.type, "rich");
      assert.match(oembed.html, /^<iframe src="https:\/\/example\.org\/async-playground\/\?tasks=[^"]*embed=1"/);
      assert.ok(Number.isInteger(oembed.width) && Number.isInteger(oembed.height));
      assert.equal(oembed.provider_name, "Async Playground");
      assert.equal(oembed.provider_url, SITE);
      assert.equal(oembed.thumbnail_url, tags["og:image"]);

      // The figures are the CLI's, for the scenario the button opens.
      const open = await page.getByRole("link", { name: "Open in the playground" }).getAttribute("href");
      const query = open.replace(/^\.\.\/\.\.\/\?/, "");
      const cli = execFileSync("cargo", ["run", "--locked", "--quiet", "--bin", "asyncplay", "--", "--format", "first-paint", query], { cwd: ROOT, encoding: "utf8" });
      const figures = /<p class="speed-up prediction"[^>]*>(.*?)<\/p>/.exec(cli)[1].replace(/<[^>]+>/g, "");
      assert.equal(await page.locator(".speed-up").innerText(), figures.replaceAll("&amp;", "&"));
    }
    // The button opens the playground on the scenario.
    await page.goto(`${app.server.url}p/promise-all-one-failure/`, { waitUntil: "load" });
    await page.getByRole("link", { name: "Open in the playground" }).click();
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    assert.match(page.url(), /tasks=users:300,orders:450,db:250:100,billing:600,search:350&mode=join_all&seed=1&lang=js/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the gallery's index lists every preset with its card, and the sitemap every page", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}p/`);
  try {
    await completeCard(page);
    const cards = page.locator(".gallery-list li");
    assert.equal(await cards.count(), SLUGS.length);
    for (const slug of SLUGS) {
      const image = page.locator(`img[src="${slug}/card.png"]`);
      await image.scrollIntoViewIfNeeded();
      assert.ok(await image.evaluate((img) => img.decode().then(() => img.naturalWidth === 1200)), slug);
    }
    const sitemap = await (await fetch(`${app.server.url}sitemap.xml`)).text();
    const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => url);
    assert.deepEqual(locations.sort(), [SITE, `${SITE}p/`, ...SLUGS.map((slug) => `${SITE}p/${slug}/`)].sort());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const colorScheme of ["light", "dark"]) {
  test(`the gallery has no axe violation, ${colorScheme}`, async () => {
    const context = await app.browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      for (const path of ["p/", ...SLUGS.map((slug) => `p/${slug}/`)]) {
        await page.goto(`${app.server.url}${path}`, { waitUntil: "load" });
        assert.deepEqual(await axeViolations(page), [], path);
      }
      await page.goto(`${app.server.url}p/promise-all-one-failure/`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/gallery-page-${colorScheme}.png`, fullPage: true });
      await page.goto(`${app.server.url}p/`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/gallery-index-${colorScheme}.png` });
    } finally {
      await context.close();
    }
  });
}

test("Lighthouse SEO is 100 on a gallery page and on the gallery's index", async () => {
  // Published here, so the canonical links are on the page's own domain, as on the real site.
  const published = await serveStatic(DIST, "/async-playground/", { publishedAs: SITE });
  try {
    for (const path of ["p/promise-all-one-failure/", "p/"]) {
      // A report file, not standard output: with JSON on standard output Lighthouse hangs here.
      const reportPath = join(mkdtempSync(join(tmpdir(), "lighthouse-")), "report.json");
      await promisify(execFile)("node_modules/.bin/lighthouse", [
        `${published.url}${path}`,
        "--quiet",
        "--output=json",
        `--output-path=${reportPath}`,
        "--only-categories=seo",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
      ], { cwd: ROOT, timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" } });
      const report = JSON.parse(readFileSync(reportPath, "utf8"));
      const failing = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
      assert.equal(Math.round(report.categories.seo.score * 100), 100, `${path}: ${failing.join(", ")}`);
    }
  } finally {
    await published.close();
  }
});

test("the oEmbed iframe works from another origin, sandboxed to scripts only, with the CORS header static hosts send", async () => {
  const oembed = JSON.parse(readFileSync(`${DIST}p/promise-all-one-failure/oembed.json`, "utf8"));
  const src = /src="([^"]+)"/.exec(oembed.html)[1].replaceAll("&amp;", "&");
  for (const sandbox of ["", ' sandbox="allow-scripts"']) {
    const html = `<!doctype html><html lang="en"><head><title>A post</title></head><body><h1>A post</h1>
      <iframe${sandbox} src="${local(src)}" width="${oembed.width}" height="${oembed.height}" title="Async Playground"></iframe></body></html>`;
    const host = createServer((_, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise((done) => host.listen(0, "127.0.0.1", done));
    const context = await app.browser.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      await page.goto(`http://127.0.0.1:${host.address().port}/`);
      const frame = page.frameLocator("iframe");
      await frame.getByRole("button", { name: "Run", exact: true }).click();
      await frame.locator(".results .result-sentence").first().waitFor({ timeout: 20_000 });
      assert.match(await frame.locator(".results").innerText(), /Promise\.all rejected/, sandbox || "unsandboxed");
      await page.screenshot({ path: `${SCREENSHOT_DIR}/oembed${sandbox ? "-sandboxed" : ""}.png` });
      assert.deepEqual(errors.filter((e) => !/worker/i.test(e)), [], sandbox || "unsandboxed");
    } finally {
      await context.close();
      await new Promise((done) => host.close(done));
    }
  }
});

test("the Embed dialog offers a preset's gallery page", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=users:300,orders:450,db:250:100,billing:600,search:350&mode=join_all`);
  try {
    await page.getByRole("button", { name: "Embed…" }).click();
    const link = page.getByRole("link", { name: "its gallery page" });
    assert.equal(await link.getAttribute("href"), "p/promise-all-one-failure/");
    await link.click();
    await page.waitForURL(`${app.server.url}p/promise-all-one-failure/`);
    assert.equal(await page.locator("h1").innerText(), "One call fails");
    // Another scenario is no preset: no gallery page.
    await page.goto(`${app.server.url}?tasks=a:100&mode=join_all`);
    await page.getByRole("button", { name: "Embed…" }).click();
    await page.getByLabel("HTML", { exact: true }).waitFor();
    assert.equal(await page.getByRole("link", { name: "its gallery page" }).count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
