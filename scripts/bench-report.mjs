// Turns criterion's saved estimates into the Markdown tables of BENCHMARKS.md.
import { readFileSync, existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { execSync } from "node:child_process";

const CRITERION = "target/criterion";
const SIZES = [1000, 10000, 100000, 1000000];
const MODES = ["sequential", "join_all", "try_join_all", "select", "select_ok", "buffered"];

/** Median time in ms of one benchmark, or null if it did not run. */
function medianMs(group, size) {
  const file = `${CRITERION}/${group}/${size}/new/estimates.json`;
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")).median.point_estimate / 1e6;
}

const format = (ms) => (ms === null ? "n/a" : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));
const rustc = execSync("rustc --version").toString().trim();
const lines = [];
lines.push("# Benchmarks");
lines.push("");
lines.push("Written by `scripts/bench` (about 10 minutes with a warm build cache); do not edit by hand. Figures are medians.");
lines.push(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${rustc}, ${new Date().toISOString().slice(0, 10)}.`);
lines.push("Shared and noisy: read the ratio to the baseline measured in the same run, not the absolute times.");
lines.push("");
lines.push("## Simulator, natively");
lines.push("");
lines.push("Scenario: delays drawn from 100 to 2000 ms, 5% failures, every tenth task CPU-bound, K = 64, JavaScript semantics.");
lines.push("Baseline: sorting as many (due, sequence, task) timer tuples, the O(n log n) floor of any timer queue.");
lines.push("Target: 1M tasks in at most 1 s natively.");
lines.push("");
lines.push(`| mode | ${SIZES.map((n) => `${n.toLocaleString("en")} tasks (ms)`).join(" | ")} | 1M vs baseline | 1M ≤ 1 s |`);
lines.push(`|---|${SIZES.map(() => "---:").join("|")}|---:|---|`);
const baseline = Object.fromEntries(SIZES.map((n) => [n, medianMs("baseline_sort_timers", n)]));
for (const mode of MODES) {
  const times = SIZES.map((n) => medianMs(`simulate_${mode}`, n));
  const million = times[SIZES.length - 1];
  const ratio = million !== null && baseline[1000000] ? `${(million / baseline[1000000]).toFixed(1)}×` : "n/a";
  const verdict = million === null ? "n/a" : million <= 1000 ? "yes" : "**no**";
  lines.push(`| \`${mode}\` | ${times.map(format).join(" | ")} | ${ratio} | ${verdict} |`);
}
lines.push(`| baseline: sort timers | ${SIZES.map((n) => format(baseline[n])).join(" | ")} | 1.0× | |`);
lines.push("");
lines.push("`sequential` ends at the first failure (with 5% failures, around the twentieth task), so it does far less work than the others. Under JavaScript's semantics every other mode starts all its promises at once, and a fail-fast run still sets every timer and then clears the pending ones; abandoned tasks run to their end, as in node. The simulator follows each runtime's scheduling step by step (a ready queue, microtasks, node's per-duration timer lists, cancellation at a task's next step) rather than settling each timer in one call; that costs more per task in every mode than sorting the timers does.");
lines.push("");
// The simulator in WebAssembly.
const wasmFile = "target/bench/simulator-wasm.txt";
if (existsSync(wasmFile)) {
  const wasm = {};
  for (const line of readFileSync(wasmFile, "utf8").trim().split("\n")) {
    const [, mode, tasks, ms] = line.trim().split(/\s+/);
    wasm[`${mode}/${tasks}`] = Number(ms);
  }
  lines.push("## Simulator, in WebAssembly");
  lines.push("");
  lines.push("The same scenario compiled to wasm32 and run under Node's V8 (Chromium's engine), median of 3 to 11 runs, against the native figure above.");
  lines.push("");
  lines.push(`| mode | ${SIZES.map((n) => `${n.toLocaleString("en")} tasks (ms)`).join(" | ")} | 1M wasm vs native |`);
  lines.push(`|---|${SIZES.map(() => "---:").join("|")}|---:|`);
  for (const mode of MODES) {
    const times = SIZES.map((n) => wasm[`${mode}/${n}`] ?? null);
    const native = medianMs(`simulate_${mode}`, 1000000);
    const ratio = times[3] !== null && native ? `${(times[3] / native).toFixed(1)}×` : "n/a";
    lines.push(`| \`${mode}\` | ${times.map(format).join(" | ")} | ${ratio} |`);
  }
  lines.push("");
}

// The page in headless Chromium.
const pageFile = "target/bench/page.json";
if (existsSync(pageFile)) {
  const page = JSON.parse(readFileSync(pageFile, "utf8"));
  const ms = (value) => (value === undefined || Number.isNaN(value) ? "n/a" : `${value.toFixed(1)} ms`);
  const verdict = (ok) => (ok ? "met" : "**not met**");
  lines.push("## The page, in headless Chromium");
  lines.push("");
  lines.push(`Release build served on 127.0.0.1; each comparison runs ${page.repeats} times, alternating ours and the baseline in the same page, and quotes medians.`);
  lines.push("");
  lines.push("| area | what | ours | baseline in the same page | ratio | target | |");
  lines.push("|---|---|---:|---:|---:|---|---|");
  if (page.fidelity) {
    for (const r of page.fidelity) {
      const mode = r.sequential ? "one after another" : "`join_all`";
      const language = r.language === "js" ? "JavaScript promises" : "Rust futures";
      const baseline = r.sequential ? "JS `for … await` loop" : "JS `Promise.all` + `setTimeout`";
      const cpu = r.throttle === 1 ? "" : `, CPU slowed ${r.throttle}×${r.throttle === 6 ? " (a slow phone)" : " (Lighthouse's phone)"}`;
      lines.push(`| fidelity | 10 × 500 ms ${mode}, ${language}${cpu}; median of ${r.repeats}, each a page's first run (ideal ${r.ideal} ms; ours exceeds it by ${(r.ours - r.ideal).toFixed(1)} ms) | ${ms(r.ours)} | ${ms(r.plain)}, ${baseline}${r.throttle === 1 ? "" : ", slowed too"} | ${r.ratio.toFixed(3)} | ≤ 1.02 | ${verdict(r.ratio <= 1.02)} |`);
    }
  }
  if (page.scale) {
    const s = page.scale;
    lines.push(`| scale | ${s.tasks.toLocaleString("en")} concurrent tasks, 100–2000 ms: overhead past the longest delay (${s.longest} ms) | ${ms(s.ours_overhead)} | ${ms(s.plain_overhead)}, plain \`Promise.all\` | ${s.ratio.toFixed(2)} | ≤ 1.10 | ${verdict(s.ratio <= 1.10)} |`);
    if (s.ours_start_spread !== undefined) {
      lines.push(`| scale | of that overhead: when the last of the 10,000 timers is set (tasks start in order, so a late start is a late end) | ${ms(s.ours_start_spread)} | ${ms(s.plain_start_spread)}, plain JS creating the same timers | ${(s.ours_start_spread / Math.max(s.plain_start_spread, 0.001)).toFixed(2)} | | |`);
    }
    lines.push(`| scale | frame time p95 while that run animates | ${ms(s.frame_p95)} | | | ≤ 20 ms | ${verdict(s.frame_p95 <= 20)} |`);
    lines.push(`| scale | redrawing the finished 10,000-lane timeline once (a scrub: the page's render and the canvas's drawing) | ${ms(s.draw_ms)} | | | ≤ 16 ms | ${verdict(s.draw_ms <= 16)} |`);
    if (s.languages_frame_p95 !== undefined) {
      lines.push(`| scale | frame time p95 while those tasks run in each of the four languages in turn (\`compare=languages\`, four 10,000-lane timelines) | ${ms(s.languages_frame_p95)} | | | ≤ 20 ms | ${verdict(s.languages_frame_p95 <= 20)} |`);
      lines.push(`| scale | opening that comparison: the page loaded with its four predicted timelines drawn | ${ms(s.languages_opened_ms)} | | | | |`);
    }
  }
  if (page.load) {
    const l = page.load;
    lines.push(`| load | gzip bytes the page loads before the code panel is in view | ${(l.gzip_total / 1000).toFixed(1)} kB (${(l.gzip_total / 1024).toFixed(1)} KiB) | RxMarbles 411 KB, Promisees 830 KB, Loupe 2.14 MB | | ≤ 200 KB | ${verdict(l.gzip_total <= 200 * 1000)} |`);
    if (l.gzip_on_demand !== undefined) {
      lines.push(`| load | gzip bytes of the writer, a Web Worker loaded when the code panel comes into view or a download is asked for | ${(l.gzip_on_demand / 1000).toFixed(1)} kB | | | on demand | |`);
    }
    if (l.gzip_images !== undefined) {
      lines.push(`| load | gzip bytes of the image writer, a Web Worker loaded when a GIF or PNG download is asked for (resvg, the fonts, the encoders) | ${(l.gzip_images / 1000).toFixed(1)} kB | | | on demand | |`);
    }
    lines.push(`| load | first contentful paint, localhost | ${ms(l.first_contentful_paint_ms)} | | | | |`);
    lines.push(`| load | interactive (wasm started), localhost | ${ms(l.interactive_ms)} | | | | |`);
    if (l.phone) {
      const p = l.phone;
      lines.push(`| load | on a phone (4× CPU, slow 4G, as Lighthouse's mobile profile): the comparison's figures on screen (Element Timing; the static ones index.html carries, else the app's) | ${ms(p.comparison)} | ${ms(p.header)}, the static header's first paint | ${(p.comparison / p.header).toFixed(2)} | ≤ 1500 ms | ${verdict(p.comparison <= 1500)} |`);
      lines.push(`| load | on a phone: interactive (the Run button found and answering) | ${ms(p.interactive)} | ${ms(p.header)}, the same header paint | ${(p.interactive / p.header).toFixed(2)} | ≤ 2500 ms | ${verdict(p.interactive <= 2500)} |`);
    }
  }
  if (page.lighthouse) {
    const scores = Object.entries(page.lighthouse).map(([k, v]) => `${k} ${v}`).join(", ");
    const metrics = Object.entries(page.lighthouse_metrics ?? {}).map(([k, v]) => `${k.replaceAll("-", " ")} ${v}`).join(", ");
    const runs = page.lighthouse_performance_runs ? `; performance in its three runs: ${page.lighthouse_performance_runs.join(", ")}` : "";
    lines.push(`| load | Lighthouse (mobile, simulated slow 4G and 4× CPU; files served gzip-compressed, as static hosts do), the median of three runs | ${scores} (${metrics}${runs}) | | | 100 each | ${verdict(Object.values(page.lighthouse).every((v) => v === 100))} |`);
  } else if (page.lighthouse_error) {
    lines.push(`| load | Lighthouse | failed: ${page.lighthouse_error} | | | 100 each | **not measured** |`);
  }
  lines.push("");
  if (page.load) {
    lines.push("Bytes per file (gzip -9): " + Object.entries(page.load.files).map(([f, b]) => `${f.replace(/-[0-9a-f]{16}/, "")} ${(b / 1024).toFixed(1)} KiB`).join(", ") + ".");
    lines.push("");
  }
  if (page.lighthouse_failing?.length) {
    lines.push("Lighthouse audits not yet passing: " + page.lighthouse_failing.join("; ") + ".");
    lines.push("");
  }
}
// Where the main thread goes during a live run on a slow phone.
if (existsSync(pageFile)) {
  const page = JSON.parse(readFileSync(pageFile, "utf8"));
  if (page.main_thread?.length) {
    lines.push("## The main thread during a live run");
    lines.push("");
    lines.push("One 10 × 500 ms `join_all` run through the Run button with the CPU slowed 6×, recorded as a Performance trace (`bench/main-thread.mjs`): the renderer's main thread, from the click for as long as the run took, by what it was doing. The run's timers need the thread only for moments; everything else here is the page's own work, which competes with them.");
    lines.push("");
    lines.push(`| | ${page.main_thread.map((r) => (r.query.includes("lang=js") ? "JavaScript" : "Rust")).join(" | ")} |`);
    lines.push(`|---|${page.main_thread.map(() => "---:").join("|")}|`);
    lines.push(`| the run, as it measured itself | ${page.main_thread.map((r) => `${r.run_ms.toFixed(1)} ms`).join(" | ")} |`);
    lines.push(`| main thread busy | ${page.main_thread.map((r) => `${r.busy_ms.toFixed(1)} ms (${((100 * r.busy_ms) / r.run_ms).toFixed(0)} %)`).join(" | ")} |`);
    for (const [index, { group }] of page.main_thread[0].groups.entries()) {
      lines.push(`| ${group} | ${page.main_thread.map((r) => `${r.groups[index].ms.toFixed(1)} ms`).join(" | ")} |`);
    }
    lines.push("");
  }
}
// Pictures: the GIF against the animated SVG of the same runs.
if (existsSync(pageFile)) {
  const page = JSON.parse(readFileSync(pageFile, "utf8"));
  if (page.pictures) {
    lines.push("## Pictures");
    lines.push("");
    lines.push("The GIF's size and the time to make it, against the animated SVG of the same runs made the same way in the same run (median of " + page.repeats + "). In the page, from the click to the file: the image writer starts afresh each time (it ends when idle), so its time includes fetching and compiling its wasm from the browser's cache. Target: the canonical comparison's GIF at most 300 KB.");
    lines.push("");
    lines.push("| scenario | where | GIF | GIF time | animated SVG | SVG time | GIF / SVG size | GIF / SVG time | |");
    lines.push("|---|---|---:|---:|---:|---:|---:|---:|---|");
    const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
    for (const [name, r] of Object.entries(page.pictures)) {
      const label = name === "canonical" ? `the canonical comparison, \`${r.query}\`` : `100 tasks, \`${r.query}\``;
      for (const where of ["cli", "page"]) {
        const gif = r[where].gif;
        const svg = r[where]["animated-svg"];
        const target = name === "canonical" ? (gif.bytes <= 300_000 ? "met" : "**not met**") : "";
        lines.push(`| ${label} | ${where === "cli" ? "CLI (release build)" : "the page, headless Chromium"} | ${kb(gif.bytes)} | ${gif.ms.toFixed(0)} ms | ${kb(svg.bytes)} | ${svg.ms.toFixed(0)} ms | ${(gif.bytes / svg.bytes).toFixed(1)}× | ${(gif.ms / svg.ms).toFixed(1)}× | ${target} |`);
      }
    }
    lines.push("");
  }
}
console.log(lines.join("\n"));
