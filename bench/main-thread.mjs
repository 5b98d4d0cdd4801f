// Where the page's main thread goes during a live run under a CPU throttle: a Performance trace of one
// run through the Run button, summed by what the browser was doing. Exports `mainThreadBreakdown`
// for page-bench.mjs; run on its own (after a release build) it prints the table for one scenario,
// of `dist/` or of another build's directory:
//   node bench/main-thread.mjs '?tasks=10x500&mode=join_all&lang=js' 6 [dist]
// DEBUG_TASKS=1 also lists each task over 2 ms, and DEBUG_TIMERS=1 every timer set and fired, by when.
import { launchChromium } from "../tests/e2e/browser.mjs";
import { serveStatic } from "../tests/e2e/static-server.mjs";

/** Trace event names grouped as the breakdown reports them; anything else on the thread is `OTHER`. */
const GROUPS = [
  ["animation frames (the page's redraws: Yew's render, canvas drawing)", ["FireAnimationFrame"]],
  ["timers (the tasks' own timers, and recording their events)", ["TimerFire"]],
  ["input (the click on Run, which starts the run)", ["EventDispatch"]],
  ["promise jobs and other script", ["RunMicrotasks", "FunctionCall", "EvaluateScript", "v8.callFunction"]],
  ["style", ["UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet"]],
  ["layout", ["Layout", "UpdateLayerTree", "IntersectionObserverController::computeIntersections"]],
  ["paint", ["Paint", "PaintImage", "PrePaint", "Layerize"]],
  ["garbage collection", ["MajorGC", "MinorGC", "V8.GC_SCAVENGER", "V8.GCScavenger", "BlinkGC.AtomicPhase"]],
];

const OTHER = "other (the browser's own tasks: messages, frames, tracing)";
const RUN_MARK = "bench-run-clicked";

/**
 * One real run of the page's scenario through its Run button; returns when the caller resumed (ms),
 * as the page shows it. Waits on the page's own changes rather than polling it, which would take
 * the thread from the run being measured.
 */
export async function appRun(page) {
  const resumed = page.evaluate(() => new Promise((resolve) => {
    const shown = () => {
      const figure = document.querySelector("figure.timeline[data-resumed-ms]");
      if (!figure || !document.querySelector(".results .result-sentence")) return;
      observer.disconnect();
      resolve(Number(figure.dataset.resumedMs));
    };
    const observer = new MutationObserver(shown);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  return resumed;
}

/** Top-level events on the renderer's main thread: the time each group took, in ms. */
function summarize(events, run_ms) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // The run's window: from the mark set as the click on Run arrives, for as long as the run took.
  const mark = events.find((e) => e.name === RUN_MARK);
  const from = mark.ts;
  const to = from + run_ms * 1000;
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur && e.ts >= from && e.ts < to);
  // Nested events are counted in their outermost one, except for style, layout, paint and GC, which
  // are counted where they happen and taken out of what holds them.
  const inside = (task, e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur;
  const tasks = [];
  for (const e of [...onMain].sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const last = tasks[tasks.length - 1];
    if (!last || !inside(last, e)) tasks.push(e);
  }
  if (process.env.DEBUG_TIMERS) {
    for (const e of events.filter((e) => ["TimerInstall", "TimerFire"].includes(e.name) && e.ts >= from && e.ts < to + 20000)) {
      console.log(e.name, ((e.ts - from) / 1000).toFixed(1), e.args?.data?.timeout ?? "", e.args?.data?.timerId, e.dur ? (e.dur / 1000).toFixed(2) : "");
    }
  }
  const totals = Object.fromEntries(GROUPS.map(([name]) => [name, 0]));
  totals[OTHER] = 0;
  let busy = 0;
  for (const task of tasks) {
    busy += task.dur;
    let left = task.dur;
    const nested = onMain.filter((e) => e !== task && inside(task, e));
    for (const [group, names] of GROUPS.slice(4)) {
      // Outermost events of these names only.
      const mine = nested.filter((e) => names.includes(e.name));
      const outer = mine.filter((e) => !mine.some((o) => o !== e && inside(o, e)));
      const time = outer.reduce((sum, e) => sum + e.dur, 0);
      totals[group] += time;
      left -= time;
    }
    const script = GROUPS.slice(0, 4).find(([, names]) => nested.some((e) => names.includes(e.name)));
    totals[script ? script[0] : OTHER] += Math.max(0, left);
    if (process.env.DEBUG_TASKS && task.dur > 2000) console.log(`at ${((task.ts - from) / 1000).toFixed(1)} ms: ${(task.dur / 1000).toFixed(1)} ms`, [...new Set(nested.map((e) => e.name))].slice(0, 8).join(","));
  }
  return { busy_ms: busy / 1000, groups: Object.entries(totals).map(([group, us]) => ({ group, ms: us / 1000 })) };
}

/**
 * One run of `query` through the Run button with the CPU slowed `throttle` times, traced: how long the
 * run took (its own figure), and the main thread's busy time by group.
 */
export async function mainThreadBreakdown(browser, url, throttle) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url, { waitUntil: "networkidle" });
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const ended = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing,toplevel,disabled-by-default-v8.gc",
    transferMode: "ReportEvents",
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  // Marked as the click arrives, before the app hears it: the run starts in the app's handler.
  await page.evaluate((name) => addEventListener("click", () => performance.mark(name), { capture: true, once: true }), RUN_MARK);
  const run_ms = await appRun(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await cdp.send("Tracing.end");
  await ended;
  await page.close();
  return { run_ms, ...summarize(events, run_ms) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [query = "?tasks=10x500&mode=join_all&lang=js", throttle = "6", dist = new URL("../dist/", import.meta.url).pathname] = process.argv.slice(2);
  const server = await serveStatic(dist, "/async-playground/");
  const browser = await launchChromium();
  const result = await mainThreadBreakdown(browser, server.url + query, Number(throttle));
  console.log(`run ${result.run_ms} ms, main thread busy ${result.busy_ms.toFixed(1)} ms`);
  for (const { group, ms } of result.groups) console.log(`${ms.toFixed(1).padStart(8)} ms  ${group}`);
  await browser.close();
  server.close();
}
