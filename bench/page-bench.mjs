// Browser benchmarks of the release build in headless Chromium, each measured against a baseline in
// the same page and run: our real runs against plain JavaScript doing the same, frame times while a
// 10,000-task run animates, drawing a finished 10,000-lane timeline, and what the page costs to load.
// Writes target/bench/page.json. Run through scripts/bench, which builds the bundle first.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";

import { launchChromium } from "../tests/e2e/browser.mjs";
import { serveStatic } from "../tests/e2e/static-server.mjs";
import { appRun, mainThreadBreakdown } from "./main-thread.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const DIST = join(ROOT, "dist");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
/** BENCH_ONLY=scale (or fidelity, mainthread, load, lighthouse) re-measures one section while working on it. */
const ONLY = process.env.BENCH_ONLY;
const wanted = (section) => !ONLY || ONLY === section;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

// As if published at the address scripts/bench builds for, so Lighthouse finds the canonical link
// on the page's own domain.
const server = await serveStatic(DIST, "/async-playground/", { publishedAs: "https://example.org/async-playground/" });
const browser = await launchChromium();
const results = { repeats: REPEATS };

/** Plain JavaScript in the same page: the delays awaited together, or one after another. */
async function plainRun(page, delays, sequential) {
  return page.evaluate(async ({ delays, sequential }) => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const start = performance.now();
    if (sequential) {
      for (const ms of delays) await sleep(ms);
    } else {
      await Promise.all(delays.map(sleep));
    }
    return performance.now() - start;
  }, { delays, sequential });
}

/** Plain JavaScript starting the same 10,000 timers: how long until the last one is set (ms). */
async function plainStartSpread(page, delays) {
  return page.evaluate(async (delays) => {
    const start = performance.now();
    const all = Promise.all(delays.map((ms) => new Promise((resolve) => setTimeout(resolve, ms))));
    const spread = performance.now() - start;
    await all;
    return spread;
  }, delays);
}

/** When the last task of the page's finished run started (ms into the run), from its trace export. */
async function lastTaskStart(page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download trace (JSON)" }).click();
  const trace = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  return Math.max(...trace.traceEvents.filter((event) => event.ph === "X").map((event) => event.ts / 1000));
}

/** The seeded delays of a scenario, from the CLI's trace (the same draws as the page). */
function drawnDelays(query) {
  const trace = JSON.parse(execFileSync(join(ROOT, "target/release/asyncplay"), ["--format", "trace", query], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }));
  return trace.traceEvents.filter((event) => event.ph === "X").map((event) => event.args.delay_ms);
}

/** CPU slow-downs: none (a desktop), Lighthouse's mobile profile (4×) and a slow phone (6×). */
const THROTTLES = [1, 4, 6];
/** Each fidelity figure is the median of this many runs, each followed by the baseline's. */
const FIDELITY_REPEATS = Number(process.env.BENCH_FIDELITY_REPEATS ?? 9);

/**
 * Ours against plain JS in the same page, both under `throttle` (a CPU slow-down; 1 for none), which
 * is set after the page has loaded, so that it slows the run and not the loading. Each run is a
 * page's first, as a reader's is.
 */
async function fidelity(query, language, sequential, throttle) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  const ours = [];
  const plain = [];
  const delays = drawnDelays(query);
  const slowed = async (measure) => {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    const result = await measure();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    return result;
  };
  for (let i = 0; i < FIDELITY_REPEATS; i++) {
    await page.goto(server.url + `${query}&lang=${language}`, { waitUntil: "networkidle" });
    ours.push(await slowed(() => appRun(page)));
    plain.push(await slowed(() => plainRun(page, delays, sequential)));
  }
  await page.close();
  const ideal = sequential ? delays.reduce((a, b) => a + b, 0) : Math.max(...delays);
  const result = { query, language, sequential, throttle, repeats: FIDELITY_REPEATS, ours: median(ours), plain: median(plain), ideal, ratio: median(ours) / median(plain) };
  console.log("fidelity", result);
  return result;
}

if (wanted("fidelity")) {
  results.fidelity = [];
  for (const [mode, sequential] of [["join_all", false], ["sequential", true]]) {
    for (const language of ["js", "rust"]) {
      for (const throttle of THROTTLES) {
        results.fidelity.push(await fidelity(`?tasks=10x500&mode=${mode}`, language, sequential, throttle));
      }
    }
  }
}

// Where the main thread goes during a live run on a slow phone, from a Performance trace of one.
if (wanted("mainthread")) {
  results.main_thread = [];
  for (const language of ["js", "rust"]) {
    const query = `?tasks=10x500&mode=join_all&lang=${language}`;
    const breakdown = await mainThreadBreakdown(browser, server.url + query, 6);
    results.main_thread.push({ query, throttle: 6, ...breakdown });
    console.log("main thread", language, breakdown);
  }
}

// Scale: 10,000 concurrent tasks, overhead = total minus the longest delay, against plain JS.
/** Click Run and return the gaps between animation frames until `runs` results are shown. */
async function framesWhileRunning(page, runs) {
  await page.evaluate(() => {
    window.frameGaps = [];
    let last;
    const tick = (t) => {
      if (last !== undefined) window.frameGaps.push(t - last);
      last = t;
      if (!window.stopFrames) requestAnimationFrame(tick);
    };
    window.stopFrames = false;
    requestAnimationFrame(tick);
  });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.locator(".results .result-sentence").nth(runs - 1).waitFor({ timeout: 120_000 * runs });
  return page.evaluate(() => ((window.stopFrames = true), window.frameGaps));
}

if (wanted("scale")) {
  const query = "?tasks=10000x100-2000&mode=join_all&seed=1";
  const delays = drawnDelays(query);
  const longest = Math.max(...delays);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const ours = [];
  const plain = [];
  const oursSpread = [];
  const plainSpread = [];
  const frameP95 = [];
  const draws = [];
  for (let i = 0; i < Math.max(3, Math.ceil(REPEATS / 2)); i++) {
    await page.goto(server.url + query, { waitUntil: "networkidle" });
    frameP95.push(percentile(await framesWhileRunning(page, 1), 0.95));
    ours.push(Number(await page.locator("figure.timeline[data-resumed-ms]").first().getAttribute("data-resumed-ms")) - longest);
    oursSpread.push(await lastTaskStart(page));
    // Redrawing the finished 10,000-lane timeline once: scrub, and time the page's render and the
    // canvas's drawing, which follow the input in its promise jobs, to the next task.
    for (const at of ["0", String(longest + 10)]) {
      draws.push(await page.evaluate(async (at) => {
        const scrubber = document.querySelector('input[aria-label="Replay position"]');
        const start = performance.now();
        scrubber.value = at;
        scrubber.dispatchEvent(new Event("input", { bubbles: true }));
        const channel = new MessageChannel();
        await new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
        return performance.now() - start;
      }, at));
    }
    plain.push((await plainRun(page, delays, false)) - longest);
    plainSpread.push(await plainStartSpread(page, delays));
  }
  await page.close();
  results.scale = {
    tasks: delays.length,
    longest,
    ours_overhead: median(ours),
    plain_overhead: median(plain),
    ratio: median(ours) / Math.max(median(plain), 0.001),
    // Where the overhead goes: the time until the last of the 10,000 timers is set.
    ours_start_spread: median(oursSpread),
    plain_start_spread: median(plainSpread),
    frame_p95: median(frameP95),
    draw_ms: median(draws),
  };
  // The same 10,000 tasks under each language's semantics: four runs in turn, four timelines drawn.
  const languages = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const languagesP95 = [];
  const languagesOpened = [];
  for (let i = 0; i < 3; i++) {
    const opened = Date.now();
    await languages.goto(`${server.url}${query}&compare=languages`, { waitUntil: "networkidle" });
    await languages.locator("figure.timeline").nth(3).waitFor({ timeout: 60_000 });
    languagesOpened.push(Date.now() - opened);
    languagesP95.push(percentile(await framesWhileRunning(languages, 4), 0.95));
  }
  await languages.close();
  results.scale.languages_frame_p95 = median(languagesP95);
  results.scale.languages_opened_ms = median(languagesOpened);
  console.log("scale", results.scale);
}

// Load: bytes, first render, interactive.
if (wanted("load")) {
  const files = readdirSync(DIST).filter((name) => statSync(join(DIST, name)).isFile());
  results.load = {
    files: Object.fromEntries(files.map((name) => [name, gzipSync(readFileSync(join(DIST, name)), { level: 9 }).length])),
  };
  // The writer (a Web Worker) loads when the code panel comes into view or a download is asked for;
  // the image writer (another) when a GIF or PNG is.
  const onDemand = (name) => name.startsWith("writer") || name.startsWith("images");
  // The link preview card and the sitemap are fetched by platforms and crawlers, the gallery's style
  // sheet by the gallery's pages: never by the page.
  const forOthers = (name) => ["card.png", "sitemap.xml", "gallery.css"].includes(name);
  const sum = (keep) => Object.entries(results.load.files).filter(([name]) => keep(name)).reduce((a, [, b]) => a + b, 0);
  results.load.gzip_total = sum((name) => !onDemand(name) && !forOthers(name));
  results.load.gzip_on_demand = sum((name) => name.startsWith("writer"));
  results.load.gzip_images = sum((name) => name.startsWith("images"));
  const paints = [];
  const interactive = [];
  for (let i = 0; i < REPEATS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", () => (window.appStarted = performance.now()));
    });
    await page.goto(server.url, { waitUntil: "networkidle" });
    await page.getByRole("region", { name: "Scenario" }).waitFor();
    const timing = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      started: window.appStarted ?? NaN,
    }));
    paints.push(timing.paint);
    interactive.push(timing.started);
    await context.close();
  }
  results.load.first_contentful_paint_ms = median(paints);
  results.load.interactive_ms = median(interactive);

  // The same on a phone: Lighthouse's mobile profile (4x CPU, slow 4G: 150 ms round trips, 1.6 Mbit/s
  // down, 750 kbit/s up), applied before the page is asked for. Measured: the static header's first
  // paint (the baseline: what the page shows before any script), the first predicted timeline on
  // screen (the answer a newcomer came for), and the Run button answering a click (interactive).
  const phone = { header: [], comparison: [], interactive: [] };
  for (let i = 0; i < REPEATS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // When the comparison's figures paint (Element Timing): the static one index.html carries, or
    // the app's, whichever paints first; both are marked elementtiming="comparison".
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.identifier === "comparison") window.comparisonShown ??= entry.renderTime || entry.loadTime;
        }
      }).observe({ type: "element", buffered: true });
    });
    await page.goto(server.url, { waitUntil: "load" });
    await page.getByRole("button", { name: "Run", exact: true }).waitFor({ timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      header: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      comparison: window.comparisonShown ?? NaN,
      interactive: performance.now(),
    }));
    for (const key of Object.keys(phone)) phone[key].push(timing[key]);
    await context.close();
  }
  results.load.phone = Object.fromEntries(Object.entries(phone).map(([key, values]) => [key, median(values)]));
  console.log("load", results.load);
}

// Pictures: the GIF's size and the time to make it, in the CLI and in the page, against the animated
// SVG of the same runs (the picture the GIF plays as pixels), made the same way in the same run.
if (wanted("pictures")) {
  const asyncplay = join(ROOT, "target/release/asyncplay");
  const scenarios = [
    ["canonical", "tasks=10x500&mode=join_all&compare=sequential"],
    ["hundred", "tasks=100x100-2000:5&mode=join_all"],
  ];
  results.pictures = {};
  for (const [name, query] of scenarios) {
    const cli = {};
    for (const format of ["gif", "animated-svg"]) {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < REPEATS; i++) {
        const started = performance.now();
        bytes = execFileSync(asyncplay, ["--format", format, query], { maxBuffer: 64 * 1024 * 1024 }).length;
        times.push(performance.now() - started);
      }
      cli[format] = { bytes, ms: median(times) };
    }
    // In the page: from the click to the file, the image writer started afresh each time (it ends
    // when idle), against the writer's animated SVG.
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}?${query}`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Run", exact: true }).waitFor();
    const inPage = {};
    for (const [format, button] of [["gif", "Download GIF"], ["animated-svg", "Download animated SVG"]]) {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < REPEATS; i++) {
        const started = performance.now();
        const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByRole("button", { name: button }).click()]);
        times.push(performance.now() - started);
        bytes = readFileSync(await download.path()).length;
      }
      inPage[format] = { bytes, ms: median(times) };
    }
    await context.close();
    results.pictures[name] = { query, cli, page: inPage };
    console.log("pictures", name, results.pictures[name]);
  }
}

await browser.close();

// Lighthouse, against the same local server. Plain --headless and a report file: with --headless=new
// or JSON on stdout it hangs here.
if (wanted("lighthouse")) {
  const reportPath = join(ROOT, "target/bench/lighthouse.json");
  mkdirSync(join(ROOT, "target/bench"), { recursive: true });
  // Lighthouse's simulated metrics move between runs (TBT most), so it runs three times and the
  // run with the median performance score is the one reported.
  const runs = [];
  try {
    for (let i = 0; i < 3; i++) {
      // Asynchronously: the static server lives in this process and must keep answering meanwhile.
      await promisify(execFile)(join(ROOT, "node_modules/.bin/lighthouse"), [
        server.url,
        "--quiet",
        "--output=json",
        `--output-path=${reportPath}`,
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
      ], { timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" } });
      runs.push(JSON.parse(readFileSync(reportPath, "utf8")));
    }
    runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const report = runs[Math.floor(runs.length / 2)];
    results.lighthouse = Object.fromEntries(Object.entries(report.categories).map(([id, category]) => [id, Math.round(category.score * 100)]));
    results.lighthouse_performance_runs = runs.map((run) => Math.round(run.categories.performance.score * 100));
    results.lighthouse_metrics = Object.fromEntries(
      ["first-contentful-paint", "largest-contentful-paint", "interactive", "total-blocking-time", "cumulative-layout-shift"].map((id) => [id, report.audits[id].displayValue]),
    );
    results.lighthouse_failing = Object.values(report.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && !["informative", "manual", "notApplicable"].includes(audit.scoreDisplayMode))
      .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
  } catch (error) {
    results.lighthouse_error = String(error.message ?? error).split("\n")[0];
  }
  console.log("lighthouse", results.lighthouse ?? results.lighthouse_error, results.lighthouse_performance_runs, results.lighthouse_metrics);
}
await server.close();

mkdirSync(join(ROOT, "target/bench"), { recursive: true });
writeFileSync(join(ROOT, ONLY ? `target/bench/page-${ONLY}.json` : "target/bench/page.json"), JSON.stringify(results, null, 2));
