// Sharing, embedding and exporting, end to end on the release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";

import { launchChromium, openRecorded, programText, servedApp } from "./browser.mjs";

const app = servedApp();

/** A host page on its own origin (another port), with the embed far below the fold. The iframe loads
 * eagerly, so the test sees the app itself (not lazy loading) waiting until it is in view. */
async function serveHostPage(iframeSrc) {
  const html = `<!doctype html><html lang="en"><head><title>A blog post</title></head><body>
    <h1>A blog post</h1><div style="height:3000px">Scroll down for the demo.</div>
    <iframe id="demo" src="${iframeSrc}" width="720" height="420" title="Async Playground demo" style="border:0"></iframe>
    <script>
      window.heights = [];
      window.addEventListener("message", (event) => {
        if (event.data && event.data.type === "async-playground:height") {
          window.heights.push(event.data.height);
          // The Embed dialog's script: the frame whose window sent the height takes it.
          for (const frame of document.querySelectorAll("iframe"))
            if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
        }
      });
    </script></body></html>`;
  const server = createServer((_, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

async function codeText(page, tab) {
  await page.getByRole("tab", { name: tab }).click();
  await page.getByRole("tabpanel").locator(`pre.code[aria-label="${tab} program"]`).waitFor();
  return programText(page);
}

test("a shared link opens the identical scenario, outcomes and code", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:500,db:300:40,3x200-900:20&mode=join_all&seed=9`);
  try {
    await page.getByRole("radio", { name: /Fail fast/ }).check();
    await page.getByRole("textbox", { name: "Delay in ms of fetch" }).fill("650");
    await page.getByRole("radio", { name: "Python" }).check();
    await page.waitForFunction(() => location.search.includes("fetch:650") && location.search.includes("lang=python"));
    const shared = page.url();
    assert.match(shared, /\/async-playground\/\?tasks=fetch:650,db:300:40,3x200-900:20&mode=try_join_all&seed=9&lang=python&v=1$/);
    const outcomes = (p) => p.locator("figure.timeline").first().locator("button.bar").evaluateAll((bars) => bars.map((b) => b.className));
    const before = { outcomes: await outcomes(page), code: await codeText(page, "Python"), rust: await codeText(page, "Rust") };

    const second = await context.newPage();
    await second.goto(shared, { waitUntil: "networkidle" });
    assert.deepEqual(await outcomes(second), before.outcomes);
    assert.equal(await codeText(second, "Python"), before.code);
    assert.equal(await codeText(second, "Rust"), before.rust);
  } finally {
    await context.close();
  }
});

test("Copy link puts the current scenario's address on the clipboard", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=10x500&mode=join_all`);
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.origin });
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByText("Link copied.").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${app.server.url}?tasks=10x500&mode=join_all&v=1`);
  } finally {
    await context.close();
  }
});

test("a malformed link gets a banner naming each bad part, and a working page", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=db:3oo,ok:100,9x&mode=nope&lang=go&limit=x`);
  try {
    const banner = page.getByRole("alert");
    const text = await banner.innerText();
    for (const expected of ['tasks item 1 "db:3oo": delay "3oo" is not a number', 'mode "nope" is not one of', 'lang "go" is not one of', 'tasks item 3 "9x"']) {
      assert.ok(text.includes(expected), `banner lacks ${expected}:\n${text}`);
    }
    assert.equal(await page.getByRole("textbox", { name: "Label of ok" }).inputValue(), "ok", "the good task was kept");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    await banner.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await page.getByRole("alert").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a cross-origin embed runs only once scrolled into view, and reports its height", async () => {
  const host = await serveHostPage(`${app.server.url}?tasks=a:60,b:120:100,c:180&mode=join_all&lang=js&embed=1&autorun=1`);
  const context = await app.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  try {
    assert.notEqual(new URL(host.url).origin, app.server.origin);
    await page.goto(host.url);
    const frame = page.frameLocator("#demo");
    // Loaded, showing its prediction, and waiting: it must not run while off screen.
    await frame.locator(".embed-bar").waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await frame.locator(".results").count(), 0, "the embed ran before it was seen");
    assert.equal(await frame.getByRole("button", { name: "Run", exact: true }).count(), 1);

    await page.locator("#demo").scrollIntoViewIfNeeded();
    await frame.locator(".results").getByText("Promise.all rejected with Error: b failed").waitFor({ timeout: 15_000 });
    const header = await frame.locator("header.site-header").boundingBox();
    assert.ok(header.height <= 1, "the embed is compact: no header shows");
    assert.equal(await frame.getByRole("heading", { level: 1 }).textContent(), "Async Playground", "its heading is there for screen readers");
    const open = frame.getByRole("link", { name: /Open in Async Playground/ });
    assert.doesNotMatch(await open.getAttribute("href"), /embed=1/);
    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 100);
  } finally {
    await context.close();
    await host.close();
  }
});

/** Open `query` as an embed in a host page on another origin whose script fits the frame. */
async function openEmbedded(query) {
  const host = await serveHostPage(`${app.server.url}${query}`);
  const context = await app.browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.locator("#demo").scrollIntoViewIfNeeded();
  const frame = page.frameLocator("#demo");
  await frame.locator(".embed-bar").waitFor();
  const content = page.frames().find((f) => f !== page.mainFrame());
  // How far the frame is from its content once the reports have settled.
  const misfit = async () => {
    await page.waitForTimeout(300);
    const frameHeight = await page.locator("#demo").evaluate((iframe) => iframe.getBoundingClientRect().height);
    const contentHeight = await content.evaluate(() => document.body.getBoundingClientRect().height);
    return { frameHeight, contentHeight, off: Math.abs(frameHeight - contentHeight) };
  };
  const close = async () => {
    await context.close();
    await host.close();
  };
  return { page, frame, misfit, close };
}

for (const [kind, compare, runs] of [["alone", "", 1], ["beside one after another", "&compare=sequential", 2], ["in each language", "&compare=languages", 4]]) {
  test(`an embed ${kind} fits its frame to its content, before and after a run`, async () => {
    const { frame, misfit, close } = await openEmbedded(`?tasks=fetch:200,db:120:100,3x60&mode=join_all${compare}&embed=1`);
    try {
      const first = await misfit();
      assert.ok(first.off <= 4, `at first paint: ${JSON.stringify(first)}`);
      assert.notEqual(first.frameHeight, 420, "the frame took the content's height, not its own");
      await frame.getByRole("button", { name: "Run", exact: true }).click();
      await frame.locator(".results .result-sentence").nth(runs - 1).waitFor({ timeout: 20_000 });
      assert.equal(await frame.locator(".results .result-sentence").count(), runs);
      const ran = await misfit();
      assert.ok(ran.off <= 4, `after a run: ${JSON.stringify(ran)}`);
    } finally {
      await close();
    }
  });
}

test("an embedded frame grows with its code and shrinks back", async () => {
  const { frame, misfit, close } = await openEmbedded("?tasks=10x500&mode=join_all&embed=1");
  try {
    const before = await misfit();
    await frame.getByRole("button", { name: /Show .* code/ }).click();
    await frame.locator("pre.code").waitFor();
    const opened = await misfit();
    assert.ok(opened.off <= 4, `with the code open: ${JSON.stringify(opened)}`);
    assert.ok(opened.frameHeight > before.frameHeight, "the frame grew with the code");
    await frame.getByRole("button", { name: "Hide code" }).click();
    const closed = await misfit();
    assert.ok(closed.off <= 4, `with the code closed again: ${JSON.stringify(closed)}`);
    assert.ok(closed.frameHeight < opened.frameHeight, "the frame shrank back");
  } finally {
    await close();
  }
});

test("code=1 opens an embed with its code shown", async () => {
  const { frame, close } = await openEmbedded("?tasks=10x500&mode=join_all&lang=python&embed=1&code=1");
  try {
    await frame.locator("pre.code").waitFor();
    assert.equal(await frame.getByRole("button", { name: "Hide code" }).count(), 1);
  } finally {
    await close();
  }
});

test("compare=languages stacks the four languages, and Run runs each, real or simulated", async () => {
  const { context, page, problems } = await openRecorded(app.browser, `${app.server.url}?tasks=a:300,b:100:100,c:200&mode=join_all&compare=languages`);
  try {
    const titles = () => page.locator(".timeline-title > span:first-child").allInnerTexts();
    const predicted = await titles();
    assert.equal(predicted.length, 4);
    const expected = [/^Rust: .*join_all/, /^C#: Task\.WhenAll threw/, /^JavaScript: Promise\.all rejected/, /^Python: asyncio\.gather raised/];
    predicted.forEach((title, index) => {
      assert.match(title, expected[index]);
      assert.match(title, / at \d+ ms.*\(predicted\)$/);
    });
    assert.notEqual(predicted[1].match(/at (\d+) ms/)[1], predicted[2].match(/at (\d+) ms/)[1], "Task.WhenAll waits for all, Promise.all does not");
    assert.equal(await page.getByRole("combobox", { name: /Beside it/ }).inputValue(), "languages");

    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".results .result-sentence").nth(3).waitFor({ timeout: 20_000 });
    const ran = await titles();
    assert.deepEqual(ran.map((title) => title.replace(/:.*\(/, " (")), [
      "Rust (real run)", "C# (simulated live)", "JavaScript (real run)", "Python (simulated live)",
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("compare=sequential: Run runs both and says how much faster", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=4x100&mode=join_all&compare=sequential`);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.locator(".results .speed-up").waitFor({ timeout: 20_000 });
    assert.match(await page.locator(".results .speed-up").innerText(), /faster/);
    assert.equal(await page.locator(".results .result-sentence").count(), 2);
    await page.getByRole("combobox", { name: /Beside it/ }).selectOption("none");
    await page.waitForFunction(() => !location.search.includes("compare="));
  } finally {
    await context.close();
  }
});

test("exports download and parse: SVG is XML, the trace matches the run, PNG and Markdown", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fast:60,db:120:100,slow:300&mode=try_join_all`);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    const download = async (name) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
      return readFile(await file.path());
    };

    const svg = (await download("Download SVG")).toString("utf8");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return { error: doc.querySelector("parsererror")?.textContent ?? null, title: doc.querySelector("title")?.textContent };
    }, svg);
    assert.equal(parsed.error, null);
    assert.match(parsed.title, /try_join_all in Rust/);

    const trace = JSON.parse((await download("Download trace (JSON)")).toString("utf8"));
    const spans = trace.traceEvents.filter((e) => e.ph === "X");
    assert.deepEqual(spans.map((e) => [e.name, e.args.outcome]), [["fast", "ok"], ["db", "error"], ["slow", "cancelled"]]);
    assert.equal(trace.otherData.source, "real");
    assert.equal(trace.traceEvents.filter((e) => e.ph === "i").length, 1);

    const png = await download("Download PNG");
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const markdown = (await download("Download results (Markdown)")).toString("utf8");
    assert.match(markdown, /^\| # \| task \|/);
    assert.match(markdown, /\| db \| I\/O \| 120 \|/);
  } finally {
    await context.close();
  }
});

/** Screenshots of `svg` shown through an `<img>`, where no script runs, at `moments` ms after it loads. */
async function imageMoments(browser, svg, moments) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    await page.setContent(`<img id="picture" alt="the run" src="${source}">`);
    await page.locator("#picture").evaluate((img) => img.decode());
    const shots = [];
    let waited = 0;
    for (const moment of moments) {
      await page.waitForTimeout(moment - waited);
      waited = moment;
      shots.push(await page.locator("#picture").screenshot());
    }
    return shots;
  } finally {
    await context.close();
  }
}

test("a comparison's animated SVG draws every language and plays inside an <img>, still under reduced motion", async () => {
  const { context, page } = await openRecorded(app.browser, `${app.server.url}?tasks=fetch:500,db:300:100,parse:200&mode=join_all&compare=languages`);
  let svg;
  try {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download animated SVG" }).click()]);
    assert.equal(file.suggestedFilename(), "async-playground.svg");
    svg = (await readFile(await file.path())).toString("utf8");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        title: doc.querySelector("title")?.textContent,
        scripts: doc.querySelectorAll("script").length,
        headings: [...doc.querySelectorAll("text")].map((t) => t.textContent).filter((t) => / in (Rust|C#|JavaScript|Python)$/.test(t)),
      };
    }, svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.scripts, 0);
    // Each language's run is named by its own idiom.
    assert.match(parsed.title, /awaited with join_all \/ Task\.WhenAll \/ Promise\.all \/ asyncio\.gather/);
    assert.deepEqual(parsed.headings, ["join_all in Rust", "Task.WhenAll in C#", "Promise.all in JavaScript", "asyncio.gather in Python"]);
  } finally {
    await context.close();
  }
  // The run plays in 2 s, and its end holds for 2.5 s.
  const [early, held] = await imageMoments(app.browser, svg, [200, 3000]);
  assert.notDeepEqual(early, held, "the picture moves");
  // An image reads the reader's own setting, which page emulation does not reach: a browser has it.
  const stillBrowser = await launchChromium(["--force-prefers-reduced-motion"]);
  try {
    const [first, second] = await imageMoments(stillBrowser, svg, [200, 1600]);
    assert.deepEqual(first, second, "under reduced motion it holds still");
    assert.deepEqual(first, held, "on the run's end");
  } finally {
    await stillBrowser.close();
  }
});

test("a label holding HTML never becomes markup: page, code and exports", async () => {
  const label = `x<img src=q onerror="window.pwned=1">`;
  const { context, page, problems } = await openRecorded(
    app.browser,
    `${app.server.url}?tasks=${encodeURIComponent(label)}:50,b:80&mode=join_all`,
  );
  try {
    page.on("dialog", () => assert.fail("a dialog opened"));
    assert.equal(await page.locator("img[src=q]").count(), 0);
    assert.equal(await page.getByRole("textbox", { name: `Label of ${label}` }).inputValue(), label);
    assert.ok((await programText(page)).includes(`"x<img src=q onerror=\\"window.pwned=1\\">"`));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("slider", { name: "Replay position" }).waitFor({ timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    const svg = (await readFile(await file.path())).toString("utf8");
    assert.ok(!svg.includes("<img"), "the SVG holds no img element");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
