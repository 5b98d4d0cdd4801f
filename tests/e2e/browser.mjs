// Launching Debian's Chromium through playwright-core, with the flags this closed network needs.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { before, after } from "node:test";
import assert from "node:assert/strict";

import { serveStatic } from "./static-server.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;

export const SCREENSHOT_DIR = new URL("../../target/screenshots/", import.meta.url).pathname;
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Chromium as the tests drive it; `extraArgs` add flags, such as a reader's own preferences. */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    // Without the background-networking flags Chromium floods the closed network with lookups.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/**
 * Open `url` in a new page and record what a user would never see but we must:
 * console errors, uncaught exceptions, and every request's URL.
 */
export async function openRecorded(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url, { waitUntil: "networkidle" });
  return { context, page, problems, requests };
}

/**
 * For a test file: serve the release build under a sub-path and launch Chromium before its tests,
 * and stop both after. Returns an object whose `server` and `browser` are set once they are up.
 */
export function servedApp() {
  const app = { server: undefined, browser: undefined };
  before(async () => {
    app.server = await serveStatic(DIST);
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/**
 * The code panel's program, once the writer worker has written and highlighted it, with its folded
 * scaffolding opened (the fold buttons' own words stay in the text).
 */
export async function programText(page) {
  const program = page.getByRole("tabpanel").locator('pre.code[aria-busy="false"]:has(span)');
  await program.waitFor();
  const folded = program.locator('button.fold[aria-expanded="false"]');
  while ((await folded.count()) > 0) await folded.first().click();
  return program.innerText();
}

/**
 * Steps the replay (→) until the moment's caption matches `pattern`, at most `most` times, and
 * asserts that it does: a run played live has its events a millisecond apart or so.
 */
export async function stepUntil(page, pattern, most = 8) {
  const caption = page.locator(".moment-caption");
  for (let i = 0; i < most && !pattern.test(await caption.innerText()); i++) await page.keyboard.press("ArrowRight");
  assert.match(await caption.innerText(), pattern);
}
