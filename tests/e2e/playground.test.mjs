// End-to-end checks of the playground on the release build: compare, editing, replay, keyboard use,
// accessibility in both themes, and screenshots at desktop and mobile widths.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";

import { openRecorded, programText, servedApp, SCREENSHOT_DIR, stepUntil } from "./browser.mjs";

const app = servedApp();

/** The resume times (ms) of the timelines on screen, top to bottom. */
async function resumeTimes(page) {
  return page.locator("figure.timeline[data-resumed-ms]").evaluateAll((figures) =>
    figures.map((figure) => Number(figure.dataset.resumedMs)),
  );
}

async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
}

test("Compare runs both for real: two totals, the concurrent one under a fifth of the sequential one", async () => {
  const { context, page, problems } = await openRecorded(app.browser, app.server.url, { viewport: { width: 1440, height: 1000 } });
  try {
    await page.getByRole("button", { name: "Compare with one after another" }).click();
    await page.getByText(/× faster/).and(page.locator(".results *")).waitFor({ timeout: 20_000 });
    const [concurrent, sequential] = await resumeTimes(page);
    assert.ok(concurrent > 0 && sequential > 0, `${concurrent} / ${sequential}`);
    assert.ok(concurrent < sequential / 5, `concurrent ${concurrent} ms is not under a fifth of sequential ${sequential} ms`);
    assert.match(await page.locator(".results").innerText(), /join_all finished at \d+ ms with all 10 results/);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${SCREENSHOT_DIR}compare-desktop-light.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test("the code panel leads with the idiom: scaffolding folded, the await marked, Copy gives it all", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:300,db:200:100,parse:100&mode=join_all&lang=js`);
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.origin });
    const program = page.getByRole("tabpanel").locator('pre.code[aria-busy="false"]:has(span)');
    await program.waitFor();
    const folds = await program.locator("button.fold").evaluateAll((buttons) => buttons.map((b) => [b.textContent, b.getAttribute("aria-expanded")]));
    assert.deepEqual(folds.map(([, expanded]) => expanded), ["false", "false", "false"], JSON.stringify(folds));
    assert.match(folds.map(([text]) => text).join(" | "), /\d lines: the job table .* lines: helpers .* lines: the task each job runs/);
    const shown = await program.innerText();
    assert.doesNotMatch(shown, /label: "fetch"/, "the job table is folded");
    const idiom = await program.locator(".code-line.idiom").allInnerTexts();
    assert.ok(idiom.some((line) => line.includes("await Promise.all")), `the await is marked: ${idiom.join("\n")}`);
    assert.ok(idiom.some((line) => line.includes("catch (error)")), "the catch is marked");

    const jobs = program.getByRole("button", { name: /lines: the job table/ });
    await jobs.focus();
    await page.keyboard.press("Enter");
    assert.equal(await jobs.getAttribute("aria-expanded"), "true");
    assert.match(await program.innerText(), /label: "fetch"/, "opened from the keyboard, the job table shows");
    // The reader's choice holds in another language.
    await page.getByRole("tab", { name: "Python", exact: true }).click();
    await program.getByText('("fetch", 300').waitFor();

    await page.getByRole("button", { name: "Copy Python program" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^# 3 tasks awaited with asyncio\.gather/);
    for (const whole of ["import asyncio", "def log(line):", "async def work(", "asyncio.run(main())"]) {
      assert.ok(copied.includes(whole), `Copy gives the whole program, folded parts too: ${whole}`);
    }
    assert.doesNotMatch(copied, /lines: |\{\{/, "no fold line or region marker in the program");
  } finally {
    await context.close();
  }
});

test("the code panel wraps long lines instead of cutting them at its edge", async () => {
  // Long labels make the job table's lines longer than any panel.
  const label = "a-label-long-enough-to-run-past-the-edge";
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=${label}:500,db:300&mode=join_all`, {
    viewport: { width: 1440, height: 900 },
  });
  try {
    for (const tab of ["Rust", "C#", "JavaScript", "Python"]) {
      await page.getByRole("tab", { name: tab, exact: true }).click();
      assert.match(await programText(page), new RegExp(label));
      const overflow = await page.getByRole("tabpanel").locator("pre.code").evaluate((pre) => pre.scrollWidth - pre.clientWidth);
      assert.ok(overflow <= 0, `${tab}: the program is ${overflow} px wider than its panel`);
    }
  } finally {
    await context.close();
  }
});

test("editing a task's delay changes the timeline and the code", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:500,db:300&mode=join_all`);
  try {
    // The page opens in Rust, and tokio's timers end a millisecond after they are due.
    const [before] = await resumeTimes(page);
    assert.equal(before, 501);
    assert.match(await programText(page), /ms: 500/);
    const delay = page.getByRole("textbox", { name: "Delay in ms of fetch" });
    await delay.fill("1200");
    await page.waitForFunction(() => document.querySelector("figure.timeline")?.dataset.resumedMs === "1201.0");
    await page.getByRole("tabpanel").getByText(/ms: 1200/).first().waitFor();
    assert.doesNotMatch(await programText(page), /ms: 500,/);

    // A bad value stays in the field with the domain's message beside it, and nothing else changes.
    await delay.fill("12oo");
    await page.getByText('delay "12oo" is not a number').waitFor();
    assert.equal(await delay.getAttribute("aria-invalid"), "true");
    assert.equal((await resumeTimes(page))[0], 1201);
  } finally {
    await context.close();
  }
});

test("a deadline typed in the editor stops the caller, marks the timeline, goes into the link and the code", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:500,db:300&mode=join_all`);
  try {
    const deadline = page.getByRole("spinbutton", { name: "Stop waiting after (ms)" });
    await deadline.fill("400");
    await page.waitForFunction(() => document.querySelector("figure.timeline")?.dataset.resumedMs === "401.0");
    await page.getByText("deadline: caller gives up").first().waitFor();
    await page.waitForFunction(() => location.search.includes("timeout=400"));
    await page.getByRole("tabpanel").getByText(/tokio::time::timeout|timeout\(/).first().waitFor();
    assert.match(await programText(page), /Duration::from_millis\(400\)/);

    // Run it for real: the caller gives up at the deadline and says so.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".results").getByText(/The 400 ms deadline passed before/).waitFor({ timeout: 10_000 });

    // A deadline out of range stays in the field with the reason, and the last good one is kept.
    await deadline.fill("0");
    await page.getByText("timeout 0 ms would stop waiting before anything starts").waitFor();
    assert.equal(await deadline.getAttribute("aria-invalid"), "true");
    assert.ok((await page.evaluate(() => location.search)).includes("timeout=400"));

    // Emptying the field removes the deadline.
    await deadline.fill("");
    await page.waitForFunction(() => !location.search.includes("timeout="));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("retries typed in the editor draw the failed attempts, go into the link and the code, and run", async () => {
  // flaky always fails: with 2 retries it makes three attempts, 100 + 50 + 100 + 100 + 100 ms, each
  // of tokio's five timers ending a millisecond late.
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=flaky:100:100,ok:50&mode=all_settled`);
  try {
    await page.getByRole("spinbutton", { name: "Retry a failed task (times)" }).fill("2");
    await page.getByRole("spinbutton", { name: "First wait before a retry (ms)" }).fill("50");
    await page.waitForFunction(() => location.search.includes("retries=2&backoff=50"));
    await page.waitForFunction(() => document.querySelector("figure.timeline")?.dataset.resumedMs === "455.0");
    assert.equal(await page.locator("figure.timeline").first().locator(".bar-attempt").count(), 2);
    await page.getByRole("button", { name: /flaky: .* after 2 failed attempts/ }).first().waitFor();
    await page.getByRole("tabpanel").getByText("RETRIES").first().waitFor();
    assert.match(await programText(page), /const RETRIES: u32 = 2;/);

    // Run it for real: the caller holds the results once the last attempt has failed.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll("figure.timeline .bar-attempt").length >= 2 && document.querySelector("figure.timeline")?.dataset.resumedMs);

    // A backoff that would double past the longest wait is named, and the last good one kept.
    await page.getByRole("spinbutton", { name: "First wait before a retry (ms)" }).fill("400000");
    await page.getByText(/backoff 400000 ms doubles to 800000 ms before retry 2/).waitFor();
    assert.ok((await page.evaluate(() => location.search)).includes("backoff=50"));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("fire and forget: node's exit at the unhandled rejection, and a script's end, in the page and the link", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=users:300,audit:200:100,email:500&mode=fire_and_forget&lang=js`);
  try {
    // The caller moves on at once; audit's rejection, unhandled, ends the program under the others.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll("figure.timeline button.bar.bar-cancelled").length === 2);
    const movedOnAt = Number(await page.locator("figure.timeline").first().getAttribute("data-resumed-ms"));
    assert.ok(movedOnAt < 50, `the caller moved on at ${movedOnAt} ms, as soon as it had started its tasks`);
    await page.getByText("caller moved on at", { exact: false }).first().waitFor();
    await page.getByText(/1 rejection went unhandled/).first().waitFor();
    assert.equal(await page.locator("figure.timeline button.bar.bar-error").count(), 1);

    // As a script, in Rust: tokio drops the spawned tasks before they are ever polled.
    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await page.getByRole("checkbox", { name: /The program ends as the caller moves on/ }).check();
    await page.waitForFunction(() => location.search.includes("mode=fire_and_forget&exit=1"));
    await page.getByRole("tab", { name: "Rust" }).click();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByText(/tokio::spawn, dropping the JoinHandle: the caller moved on at .*; 3 tasks never started/).first().waitFor();
    assert.equal(await page.getByRole("spinbutton", { name: "Stop waiting after (ms)" }).count(), 0, "a caller that waits for nothing has no deadline");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

for (const [where, extra] of [["in the page", ""], ["in an embed", "&embed=1"]]) {
  test(`predict first ${where}: questions before the run, answered from the keyboard, then the answer explained`, async () => {
    for (const [colorScheme, viewport] of [["light", { width: 1440, height: 1000 }], ["dark", { width: 390, height: 844 }]]) {
      const { context, page, problems } = await openRecorded(
        app.browser,
        `${app.server.url}?tasks=fetch:300,db:200:100,parse:100&mode=join_all&lang=js&predict=1${extra}`,
        { viewport, colorScheme },
      );
      try {
        const quiz = page.getByRole("form", { name: "Predict first" });
        await quiz.locator("fieldset").first().waitFor();
        assert.equal(await page.locator("figure.timeline").count(), 0, "no predicted timeline gives the answer away");
        const resume = quiz.getByRole("group", { name: "When does the caller resume?" });
        const outcomes = quiz.getByRole("group", { name: "How does each task end?" });
        assert.deepEqual(await resume.getByRole("radio").evaluateAll((radios) => radios.map((r) => r.labels[0].innerText.trim())), [
          "at 200 ms when db fails",
          "at 301 ms when the last task ends",
          "at 500 ms when db fails",
        ]);
        assert.deepEqual(await page.evaluate(() => document.querySelectorAll(".quiz-model").length), 0, "no model named before the run");
        if (colorScheme === "light") assert.deepEqual(await axeViolations(page), []);

        // Keyboard only: the first choice of each group, then the submit button.
        await resume.getByRole("radio").first().focus();
        await page.keyboard.press("Space");
        await page.keyboard.press("ArrowDown"); // Rust's answer: at 301 ms
        await page.keyboard.press("Tab");
        await page.keyboard.press("Space");
        await page.keyboard.press("ArrowDown"); // the answer: fetch abandoned
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await quiz.locator(".quiz-verdict").first().waitFor({ timeout: 15_000 });
        assert.deepEqual(await quiz.locator(".quiz-verdict").allInnerTexts(), [
          "The answer: at 200 ms when db fails.",
          "The answer: ok: parse; failed: db; abandoned: fetch.",
        ]);
        // The reader's pick is named by the style sheet, so it shows in the radios' accessible names.
        const resumeText = await resume.innerText();
        assert.match(resumeText, /at 200 ms when db fails\s*✓ the answer: what Promise\.all does in JavaScript and what asyncio\.gather does in Python/);
        assert.match(resumeText, /at 301 ms when the last task ends\s*what join_all does in Rust and what Task\.WhenAll does in C#/);
        await resume.getByRole("radio", { name: /at 301 ms when the last task ends ✗ your pick, what join_all does in Rust/ }).waitFor();
        await outcomes.getByRole("radio", { name: /abandoned: fetch ✓ the answer: .* \(your pick\)/ }).waitFor();
        assert.ok(await resume.evaluate((group) => group.disabled), "answers cannot change once shown");
        assert.ok((await page.locator("figure.timeline").count()) >= 1, "the run is shown beside the answers");
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, []);
        const name = `predict-${extra ? "embed" : "page"}-${viewport.width < 600 ? "mobile" : "desktop"}-${colorScheme}.png`;
        await page.screenshot({ path: `${SCREENSHOT_DIR}${name}`, fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
}

test("the generator replaces every task, and a field that does not read says why and keeps the tasks", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=10x500&mode=join_all`);
  try {
    const generator = page.getByRole("form", { name: "Generate many tasks" });
    await generator.getByRole("spinbutton", { name: "How many" }).fill("3");
    const delay = generator.getByRole("textbox", { name: "Delay (ms or range)" });
    await delay.fill("300-100");
    await generator.getByRole("button", { name: "Replace all tasks" }).click();
    assert.match(await delay.evaluate((input) => input.validationMessage), /300/);
    assert.ok((await page.evaluate(() => location.search)).includes("tasks=10x500"), "the tasks are kept");
    await delay.fill("100-300");
    await generator.getByRole("button", { name: "Replace all tasks" }).click();
    await page.waitForFunction(() => /tasks=3x100-300/.test(location.search));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the Embed dialog writes the snippet for the options chosen, and copies it", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=10x500&mode=join_all`);
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.origin });
    const open = page.getByRole("button", { name: "Embed…" });
    await open.click();
    assert.equal(await open.getAttribute("aria-expanded"), "true");
    const dialog = page.getByRole("region", { name: "Embed this scenario" });
    await dialog.getByRole("combobox", { name: "Language" }).selectOption({ label: "Python" });
    await dialog.getByRole("spinbutton", { name: "Width" }).fill("600");
    const html = dialog.getByRole("textbox", { name: "HTML" });
    await page.waitForFunction(() => /lang=python/.test(document.querySelector(".embed-code textarea").value));
    const snippet = await html.inputValue();
    assert.match(snippet, /<iframe [^>]*src="[^"]*\?tasks=10x500&amp;mode=join_all&amp;lang=python&amp;autorun=1&amp;embed=1/);
    assert.match(snippet, /width="600"/);
    await dialog.getByRole("button", { name: "Copy HTML" }).click();
    await page.getByText("HTML copied.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
    // Closed and opened again, it starts from the page as it is.
    await open.click();
    assert.equal(await dialog.count(), 0);
    await open.click();
    assert.equal(await dialog.getByRole("combobox", { name: "Language" }).inputValue(), "rust");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("replay: scrubbing moves the cursor, and stepping walks the events", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=a:80,b:160,c:240&mode=join_all`);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const scrubber = page.getByRole("slider", { name: "Replay position" });
    await scrubber.waitFor({ timeout: 10_000 });
    const cursorAt = () => page.locator(".marker-now").first().evaluate((el) => el.style.getPropertyValue("--at"));
    await scrubber.fill("60");
    const early = Number(await cursorAt());
    await scrubber.fill("200");
    const later = Number(await cursorAt());
    assert.ok(early > 0 && later > early, `cursor went from ${early} to ${later}`);
    // At 60 ms no task has finished: every bar is still running.
    await scrubber.fill("60");
    assert.equal(await page.locator("button.bar.bar-running").count(), 3);
    await page.getByRole("button", { name: "Next event" }).click();
    assert.equal(await page.locator("button.bar.bar-ok").count(), 1, "the next event is the first task finishing");
  } finally {
    await context.close();
  }
});

test("the replay shows the machinery: a caption, what waits, the thread and the code line by line", async () => {
  // Python's semantics run simulated live: parse blocks the event loop, and db's failure makes
  // asyncio.gather raise while fetch keeps running.
  const { context, page, problems } = await openRecorded(
    app.browser,
    `${app.server.url}?tasks=fetch:500,db:300:100,parse:200:cpu&mode=join_all&lang=python`,
    { viewport: { width: 1440, height: 1000 } },
  );
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    await programText(page);
    const caption = page.locator(".moment-caption");
    const current = () =>
      page.locator('pre.code [aria-current="step"]').evaluateAll((lines) =>
        lines.map((line) => [line.dataset.who, line.textContent.trim()]),
      );
    await page.keyboard.press("Home");
    await stepUntil(page, /^\d+ ms: (.* and )?parse starts?\.$/);
    assert.deepEqual(await current(), [
      ["parse", "time.sleep(ms / 1000)"],
      ["fetch and db", "await asyncio.sleep(ms / 1000)"],
      ["the caller", "await asyncio.gather(*tasks)"],
    ]);
    assert.match(await page.locator(".moment-state").innerText(), /Blocking a thread\s+parse/);

    // The thread lane's blocked stretch is parse's bar: both come from the same events.
    const parseBar = page.locator("li.lane", { hasText: "parse" }).locator("button.bar");
    const blocked = page.locator(".thread-row .bar-blocked", { hasText: "parse" });
    const extent = (locator) => locator.evaluate((el) => [el.style.getPropertyValue("--from"), el.style.getPropertyValue("--to")]);
    await page.keyboard.press("End");
    assert.deepEqual(await extent(blocked), await extent(parseBar));
    assert.equal(await page.locator(".thread-row .lane-label").innerText(), "event loop");

    // Step to db's failure: the caller moves to its except block; fetch keeps running.
    await page.keyboard.press("Home");
    await stepUntil(page, /asyncio\.gather raised RuntimeError: db failed; the caller resumes in its except block\. fetch keeps running\./);
    const lines = await current();
    assert.deepEqual(lines.find(([who]) => who === "the caller"), ["the caller", 'log(f"resume error {error.label}")']);
    assert.deepEqual(lines.find(([who]) => who === "fetch"), ["fetch", "await asyncio.sleep(ms / 1000)"]);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${SCREENSHOT_DIR}replay-machinery-desktop.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test("keyboard only: shortcuts run and compare, Tab reaches every control, bars explain themselves on focus", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=a:60,b:120:100,c:180&mode=join_all&lang=js`);
  try {
    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await page.getByRole("dialog").count(), 0);

    await page.keyboard.press("r");
    await page.locator(".results").getByText("Promise.all rejected with Error: b failed").waitFor({ timeout: 10_000 });

    // Tab from the top reaches the Run button; Enter presses it.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === "Run again" || document.activeElement?.textContent?.trim() === "Run");
    }
    assert.ok(reached, "Tab reaches Run");
    const visibleFocus = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(visibleFocus, "none", "focus is visible");
    await page.keyboard.press("Enter");
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });

    // A bar takes focus and says what happened to its task.
    const bar = page.locator("button.bar").first();
    await bar.focus();
    assert.match(await bar.getAttribute("aria-label"), /^a: \d+ ms to \d+ ms, (ok|abandoned)/);
    assert.ok(await page.locator("button.bar:focus .bar-tip").isVisible());

    await page.keyboard.press("c");
    await page.getByText(/× faster/).waitFor({ timeout: 10_000 });
  } finally {
    await context.close();
  }
});

for (const colorScheme of ["light", "dark"]) {
  for (const [device, viewport] of [["desktop", { width: 1440, height: 1000 }], ["mobile", { width: 390, height: 844 }]]) {
    test(`${device} ${colorScheme}: no axe violation before and after a run, and a screenshot`, async () => {
      const { context, page, problems, requests } = await openRecorded(
        app.browser,
        `${app.server.url}?tasks=users:300,orders:450,db:250:100,billing:600,search:350&mode=join_all&lang=js`,
        { colorScheme, viewport },
      );
      try {
        assert.deepEqual(await axeViolations(page), []);
        await page.getByRole("button", { name: "Run", exact: true }).click();
        await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
        // Mid-replay: the caption, the thread lane and the highlighted code lines are all shown.
        await page.locator("#code").scrollIntoViewIfNeeded();
        await programText(page);
        await page.keyboard.press("ArrowLeft");
        await page.locator('pre.code [aria-current="step"]').first().waitFor();
        assert.deepEqual(await axeViolations(page), []);
        assert.deepEqual(problems, []);
        assert.deepEqual(requests.filter((url) => new URL(url).origin !== app.server.origin), []);
        await page.screenshot({ path: `${SCREENSHOT_DIR}playground-${device}-${colorScheme}.png`, fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
}

test("10,000 tasks: the editor stays one row and the timeline is a canvas", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=10000x100-2000:5&mode=join_all&seed=3`);
  try {
    assert.equal(await page.locator(".task-rows > li").count(), 1);
    assert.ok((await page.locator("canvas.timeline-canvas-surface").count()) >= 1);
    assert.equal(await page.locator("button.bar").count(), 0, "no DOM bar per task");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 30_000 });
    assert.match(await page.locator(".results").innerText(), /10,000 results/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("in a comparison the caption follows the run still going at the cursor, named by its heading", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=4x300&mode=join_all&compare=sequential&lang=js`);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const scrubber = page.getByRole("slider", { name: "Replay position" });
    await scrubber.waitFor({ timeout: 15_000 });
    const caption = page.locator(".moment-caption");
    // A finished replay rests at the end of the axis: the caption is the one after another's end.
    assert.match(await caption.innerText(), /^for … await in JavaScript: /);
    await scrubber.fill("100");
    assert.match(await caption.innerText(), /^Promise\.all in JavaScript: /);
    // Past Promise.all's end, the one after another is still going: the caption is about it.
    await scrubber.fill("700");
    assert.match(await caption.innerText(), /^for … await in JavaScript: \d+ ms: task2 succeeds?; task3 starts\.|^for … await in JavaScript: \d+ ms: /);
    assert.doesNotMatch(await page.locator(".moment-state").innerText(), /Caller\s+resumed at 30\d ms/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
