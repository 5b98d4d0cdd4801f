// End-to-end checks of a caller that blocks its thread on its tasks: the presets, the editor's
// choice of how the caller waits, the JavaScript spin run for real, embeds that never autorun it,
// and bad values in the link.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";

import { openRecorded, programText, servedApp, SCREENSHOT_DIR, stepUntil } from "./browser.mjs";

const app = servedApp();

test("the .Result deadlock preset: C#, the caller never resumes, its thread blocked, the cycle named", async () => {
  const { context, page, problems } = await openRecorded(app.browser, app.server.url, { viewport: { width: 1440, height: 1000 } });
  try {
    await page.locator("#preset").selectOption({ label: "The .Result deadlock (C#, UI thread)" });
    await page.waitForURL(/wait=block&context=ui/);
    assert.ok(await page.locator("#language-csharp").isChecked(), "a blocking preset shows its own language");
    const figure = page.locator("figure.timeline").first();
    await figure.getByText("caller never resumed; watchdog at 1 s").waitFor();
    assert.equal(await figure.getAttribute("data-resumed-ms"), "1000.0");
    assert.match(await figure.locator(".thread-lane").getAttribute("aria-label"), /the caller's own thread blocked from 0 ms to 1 s/);
    // C# runs in the page as its simulation, played in real time.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".results").getByText(/Deadlock: the UI thread waits for the tasks; their continuations wait for the UI thread/).waitFor({ timeout: 10_000 });
    // The lesson comes from the writer: the page's own load carries none but the landing one.
    await page.locator(".lesson").getByText(/posts its continuation back to the UI thread/).waitFor();
    assert.equal(await page.locator("#caller-wait option:checked").innerText(), ".Result on a UI thread");
    assert.deepEqual(await new AxeBuilder({ page }).analyze().then((r) => r.violations.map((v) => v.id)), []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${SCREENSHOT_DIR}blocking-csharp-deadlock.png` });
  } finally {
    await context.close();
  }
});

test("the editor sets how the caller waits, keeps another language's choice, and says where it means nothing", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:300,parse:100:cpu&mode=join_all`);
  try {
    await page.locator("#caller-wait").selectOption({ label: "block_on, multi_thread runtime" });
    await page.waitForURL(/wait=block&runtime=multi_thread/);
    await page.locator("figure.timeline").first().getByText("caller resumed at 301 ms").waitFor();
    await page.locator("label[for=language-python]").click();
    await page.getByText("The runtime is tokio's: it changes nothing here.").waitFor();
    assert.equal(await page.locator("#caller-wait option:checked").innerText(), "asyncio.run inside the running loop");
    await page.locator("figure.timeline").first().getByText("blocking call raised at 0 ms").waitFor();
    assert.match(page.url(), /runtime=multi_thread/, "the Rust choice stays in the link");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("JavaScript spins for real: the run gives up at 1 s with the promise pending and leaves no timer", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:300,render:100:cpu&mode=join_all&wait=block&lang=js`, {
    viewport: { width: 1440, height: 1000 },
  });
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const real = page.locator("figure.timeline", { hasText: "real run" });
    await real.getByText(/caller never resumed; watchdog at/).waitFor({ timeout: 10_000 });
    const at = Number(await real.getAttribute("data-resumed-ms"));
    assert.ok(at >= 1000 && at < 1500, `the spin gave up at ${at} ms`);
    assert.match(await page.locator(".results").innerText(), /The spin holds the only thread/);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${SCREENSHOT_DIR}blocking-javascript-spin.png` });
  } finally {
    await context.close();
  }
});

test("an embed never autoruns a blocking caller, and one that awaits still does", async () => {
  const blocking = `${app.server.url}?tasks=fetch:300&mode=join_all&wait=block&lang=js&embed=1&autorun=1`;
  const { context, page } = await openRecorded(app.browser, blocking);
  try {
    await page.waitForTimeout(1_500);
    assert.equal(await page.locator("figure.timeline", { hasText: "real run" }).count(), 0);
    await page.goto(blocking.replace("&wait=block", ""), { waitUntil: "networkidle" });
    await page.locator("figure.timeline", { hasText: "real run" }).first().waitFor({ timeout: 10_000 });
  } finally {
    await context.close();
  }
});

test("an unknown way of waiting is named, the default kept, and the link the app writes reads back clean", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:300&wait=sleep&context=gui&configure_await=maybe`);
  try {
    const banner = page.getByRole("alert").or(page.locator(".problems")).first();
    await banner.getByText(/wait "sleep" is not one of await, block/).waitFor();
    assert.match(await banner.innerText(), /context "gui" is not one of pool, ui/);
    assert.match(await banner.innerText(), /configure_await "maybe" must be true or false/);
    assert.equal(await page.locator("#caller-wait option:checked").innerText(), "await");
    assert.doesNotMatch(page.url(), /wait=|context=|configure_await=/);
  } finally {
    await context.close();
  }
});

test("the deadlock replays as what it is: a blocked caller on .Result, each task hanging when its timer falls due", async () => {
  const { context, page, problems } = await openRecorded(
    app.browser,
    `${app.server.url}?tasks=load:300,save:200&mode=join_all&wait=block&context=ui&lang=csharp`,
    { viewport: { width: 1440, height: 1000 } },
  );
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    await programText(page);
    await page.keyboard.press("Home");
    // The moment save got stuck is a step of its own, with why.
    await stepUntil(page, /^20\d ms: save hangs \(timer due, its continuation waits for the blocked UI thread\)\.$/);
    const state = await page.locator(".moment-state").innerText();
    assert.match(state, /Caller\s+blocked in \.Result on Task\.WhenAll of 2 tasks/);
    assert.match(state, /Blocking a thread\s+the caller/);
    const caller = page.locator('pre.code [data-who="the caller"]');
    assert.match(await caller.innerText(), /runJobs\(\)\.Result/);
    await stepUntil(page, /^30\d ms: load hangs/);
    await stepUntil(page, /^1 s: Deadlock: .* the caller never resumes\.$/);
    // Nobody moved on: the tasks hung, not abandoned.
    assert.equal(await page.locator("button.bar.bar-hung").count(), 2);
    assert.match(await page.locator("button.bar.bar-hung").first().getAttribute("aria-label"), /hung .*timer due, its continuation waits for the blocked UI thread/);
    assert.equal(await page.locator("button.bar.bar-abandoned").count(), 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${SCREENSHOT_DIR}blocking-deadlock-replay.png` });
  } finally {
    await context.close();
  }
});
