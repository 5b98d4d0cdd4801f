// End-to-end checks of how a live run is drawn: its running bars and cursor move by themselves
// (CSS animations pinned to the run's clock), the page redraws only to show what happened and at
// most four times a second, screen readers hear the start and the end, a reset leaves nothing
// behind, and the page without the Web Animations API still runs and draws.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openRecorded, servedApp, SCREENSHOT_DIR } from "./browser.mjs";

const app = servedApp();

/**
 * Record, from before the click on Run until `done`, each redraw of the timelines (a batch of DOM
 * changes under `.timeline`) and each change a screen reader would hear (text under a live region),
 * with the time since the click.
 */
async function watchRun(page) {
  await page.evaluate(() => {
    const log = (window.liveLog = { redraws: [], heard: [], clickedAt: 0 });
    const heard = () =>
      [...document.querySelectorAll("[aria-live]:not([aria-live=off]), [role=status], [role=alert]")]
        .map((region) => region.textContent.trim())
        .filter(Boolean)
        .join(" | ");
    let last = heard();
    new MutationObserver((records) => {
      const at = performance.now() - log.clickedAt;
      if (records.some((record) => record.target.closest?.(".timeline") ?? record.target.parentElement?.closest(".timeline"))) {
        log.redraws.push(at);
      }
      const now = heard();
      if (now !== last) log.heard.push({ at, text: now });
      last = now;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    addEventListener("click", () => (log.clickedAt = performance.now()), { capture: true, once: true });
  });
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

/** Each running bar's and the cursor's animation: its name, its start time and what it is pinned to. */
function liveAnimations(page) {
  return page.evaluate(() =>
    document.getAnimations().map((animation) => ({
      name: animation.animationName,
      startTime: animation.startTime,
      since: Number(animation.effect.target.dataset.since),
      timing: getComputedStyle(animation.effect.target).animationTimingFunction,
    })),
  );
}

test("a live run's bars and cursor move by themselves, pinned to the run's clock, reaching now together", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=a:300,b:900,c:1500&mode=join_all&lang=js`, { viewport: { width: 1200, height: 900 } });
  try {
    await watchRun(page);
    await page.locator("button.bar-growing").first().waitFor();
    await page.waitForTimeout(200);
    const animations = await liveAnimations(page);
    assert.deepEqual(animations.map((a) => a.name).sort(), ["grow", "grow", "grow", "sweep"]);
    for (const animation of animations) {
      assert.ok(Math.abs(animation.startTime - animation.since) < 0.01, `${animation.name} starts at ${animation.startTime}, pinned to ${animation.since}`);
    }
    // The cursor's animation starts with the run, each bar's with its task: the same instant here.
    const cursor = animations.find((a) => a.name === "sweep");
    for (const bar of animations.filter((a) => a.name === "grow")) {
      assert.ok(bar.since >= cursor.since && bar.since - cursor.since < 50, `a task started ${bar.since - cursor.since} ms into the run`);
    }
    // What the compositor draws: in one frame, every running bar's right end is at the cursor.
    const edges = await page.evaluate(() => {
      const cursor = document.querySelector(".marker-now").getBoundingClientRect().left;
      return [...document.querySelectorAll("button.bar-growing")].map((bar) => bar.getBoundingClientRect().right - cursor);
    });
    assert.equal(edges.length, 3);
    for (const gap of edges) assert.ok(Math.abs(gap) <= 3, `a running bar ends ${gap} px from the cursor`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}live-run-growing.png` });
    // The first task ends: its bar stops at its end and the others keep growing.
    await page.locator("button.bar-ok").first().waitFor();
    assert.equal(await page.locator("button.bar-growing").count(), 2);
    await page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    assert.deepEqual(await liveAnimations(page), [], "nothing moves once the run is over");
    assert.equal(await page.locator("[data-since]").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a live run redraws only to show what happened, at most four times a second, and is heard at its start and end", async () => {
  // Ten tasks spread over two seconds: twenty events, which redraws every frame would follow.
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=10x100-2000&mode=join_all&lang=rust`);
  try {
    await watchRun(page);
    await page.locator(".results .result-sentence").waitFor({ timeout: 20_000 });
    const { redraws, heard } = await page.evaluate(() => window.liveLog);
    const runMs = Number(await page.locator("figure.timeline").first().getAttribute("data-resumed-ms"));
    // A redraw may come at the start, then at most every 250 ms, then at the end.
    assert.ok(redraws.length >= 2, `redraws at ${redraws}`);
    assert.ok(redraws.length <= Math.ceil(runMs / 250) + 2, `${redraws.length} redraws in a ${runMs} ms run: ${redraws.map(Math.round)}`);
    // A screen reader hears what the run is when it starts, and the result when it ends.
    assert.ok(heard.length <= 2, `heard ${JSON.stringify(heard)}`);
    assert.match(heard.at(-1).text, /join_all/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("ten calls of 500 ms awaited together: nothing on the page changes between the start and the end", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=10x500&mode=join_all&lang=js`);
  try {
    await watchRun(page);
    await page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    const { redraws } = await page.evaluate(() => window.liveLog);
    const runMs = Number(await page.locator("figure.timeline").first().getAttribute("data-resumed-ms"));
    // One redraw when the tasks have started, and the ones that show them ending: none in between.
    const between = redraws.filter((at) => at > 150 && at < runMs - 50);
    assert.deepEqual(between, [], `redraws at ${redraws.map(Math.round)} in a ${runMs} ms run`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a run reset or started again mid-flight leaves no animation and no stale redraw behind", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=a:400,b:800&mode=join_all&lang=rust`);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator("button.bar-growing").first().waitFor();
    const first = (await liveAnimations(page)).find((a) => a.name === "sweep").since;
    // Started again: everything that moves is pinned to the new run.
    await page.waitForTimeout(150);
    await page.getByRole("button", { name: "Run again" }).click();
    await page.waitForFunction((first) => {
      const cursor = document.querySelector(".marker-now[data-since]");
      return cursor && Number(cursor.dataset.since) > first;
    }, first);
    const again = await liveAnimations(page);
    assert.ok(again.every((a) => a.since > first), JSON.stringify(again));
    // Reset: nothing moves, and nothing of the run reaches the screen afterwards.
    await page.getByRole("button", { name: "Reset" }).click();
    await page.locator("button.bar-growing").waitFor({ state: "detached" });
    assert.deepEqual(await liveAnimations(page), []);
    const before = await page.locator("#timeline").innerHTML();
    await page.waitForTimeout(1000);
    assert.equal(await page.locator("#timeline").innerHTML(), before, "no redraw after the reset");
    assert.equal(await page.locator(".results").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("with reduced motion, what moves in a live run steps four times a second", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=a:600,b:900&mode=join_all&lang=js`, { reducedMotion: "reduce" });
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator("button.bar-growing").first().waitFor();
    const animations = await liveAnimations(page);
    assert.equal(animations.length, 3);
    // The bars grow 600 and 900 ms, the cursor crosses the 900 ms axis: a step each 250 ms.
    assert.deepEqual(animations.map((a) => a.timing).sort(), ["steps(3)", "steps(4)", "steps(4)"]);
    await page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a run on a canvas grows under the cursor's cover, and a page without the Web Animations API still runs", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=300x200-900&mode=join_all&lang=js`, { viewport: { width: 1200, height: 900 } });
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".marker-now[data-since]").waitFor();
    const cover = await page.locator(".marker-now").evaluate((cursor) => getComputedStyle(cursor, "::after").backgroundColor);
    const track = await page.locator(".timeline-canvas-surface").evaluate((canvas) => getComputedStyle(canvas).backgroundColor);
    assert.equal(cover, track, "what lies ahead of the cursor is covered in the canvas's own colour");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}live-run-canvas.png` });
    await page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(".marker-now[data-since]").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
  // Without `document.getAnimations` nothing is pinned: the animations start as the page draws them.
  const bare = await openRecorded(app.browser, `${app.server.url}?tasks=a:300,b:600&mode=join_all&lang=rust`);
  try {
    await bare.page.addInitScript(() => delete Document.prototype.getAnimations);
    await bare.page.reload();
    await bare.page.getByRole("button", { name: "Run", exact: true }).click();
    await bare.page.locator("button.bar-growing").first().waitFor();
    await bare.page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    assert.equal(await bare.page.locator("button.bar-ok").count(), 2);
    assert.deepEqual(bare.problems, []);
  } finally {
    await bare.context.close();
  }
});

test("the page's unseen rehearsal of its run shows nothing and fetches nothing; the first run is a real one", async () => {
  const { context, page, problems, requests } = await openRecorded(app.browser, `${app.server.url}?tasks=a:200,b:300:50&mode=try_join_all&lang=js&retries=1`);
  try {
    await page.waitForTimeout(500);
    assert.equal(await page.locator(".results").count(), 0, "no result before a run");
    assert.match(await page.locator("figure.timeline").first().locator(".timeline-title").innerText(), /predicted/);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".results .result-sentence").waitFor({ timeout: 10_000 });
    assert.match(await page.locator("figure.timeline").first().locator(".timeline-title").innerText(), /real run/);
    assert.ok(requests.every((url) => url.startsWith(app.server.origin)), "nothing fetched from elsewhere");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
