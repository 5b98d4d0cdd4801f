// End-to-end checks of the app shell on the release build, served from a sub-path.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";

import { openRecorded, programText, servedApp, SCREENSHOT_DIR } from "./browser.mjs";

const app = servedApp();

for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme}: loads cleanly from a sub-path, requests only its own origin, passes axe`, async () => {
    const { context, page, problems, requests } = await openRecorded(app.browser, app.server.url, {
      colorScheme,
      viewport: { width: 1360, height: 820 },
    });
    try {
      await page.getByRole("region", { name: "Scenario" }).waitFor();
      assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "one h1: the static header's");
      assert.equal(await page.locator("#app-loading").count(), 0, "the loading note is gone once the app runs");
      for (const name of ["Scenario", "Timeline", "Code"]) {
        assert.equal(await page.getByRole("region", { name }).count(), 1, `region "${name}"`);
      }
      assert.deepEqual(problems, []);

      const foreign = requests.filter((url) => new URL(url).origin !== app.server.origin);
      assert.deepEqual(foreign, [], "requests off the page's origin");
      assert.ok(requests.some((url) => url.endsWith(".wasm")), "the wasm module was fetched");

      const axe = await new AxeBuilder({ page }).analyze();
      const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`);
      assert.deepEqual(violations, []);

      await page.screenshot({ path: `${SCREENSHOT_DIR}shell-${colorScheme}.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
}

test("the writer worker loads only when the code panel comes into view", async () => {
  const { context, page, problems, requests } = await openRecorded(app.browser, app.server.url, {
    viewport: { width: 390, height: 800 },
  });
  try {
    await page.getByRole("region", { name: "Scenario" }).waitFor();
    const writer = () => requests.filter((url) => /writer/.test(new URL(url).pathname));
    assert.deepEqual(writer(), [], "nothing of the writer before the panel shows");
    await page.getByRole("region", { name: "Code" }).scrollIntoViewIfNeeded();
    assert.match(await programText(page), /join_all/);
    assert.ok(writer().some((url) => url.endsWith("writer_bg.wasm")), "its wasm once the panel shows");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the header paints before the wasm arrives, and a wasm that cannot start says so", async () => {
  for (const [query, headerShown, theme] of [["", true, undefined], ["?embed=1&theme=dark", false, "dark"]]) {
    const { context, page } = await openRecorded(app.browser, app.server.url + query);
    try {
      await context.route("**/*.wasm", (route) => route.abort());
      await page.reload();
      // An embed keeps the heading for screen readers only: a 1 px clipped box.
      await page.getByRole("heading", { level: 1, name: "Async Playground" }).waitFor({ state: "attached" });
      const header = await page.locator("header.site-header").boundingBox();
      assert.equal(header.height > 1, headerShown, `header on ${query || "the full page"}`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, "the theme applies before the app");
      await page.getByText(/could not start/).waitFor();
      assert.equal(await page.locator("a.skip-link").getAttribute("href"), "#main");
    } finally {
      await context.close();
    }
  }
});

test("the static comparison is the simulator's, shows before the wasm and without JavaScript, and the app replaces it", async () => {
  // Before the wasm: the figures and both predicted timelines, straight from index.html.
  const blocked = await openRecorded(app.browser, app.server.url);
  let staticText;
  try {
    await blocked.context.route("**/*.wasm", (route) => route.abort());
    await blocked.page.reload();
    const comparison = blocked.page.locator(".first-paint");
    assert.ok(await comparison.isVisible());
    staticText = await comparison.locator("p.prediction").innerText();
    assert.equal(staticText, "Predicted: 5.01 s one after another · 501 ms with join_all · 10.0× faster.");
    assert.equal(await comparison.locator("figure li").count(), 20);
    const axe = await new AxeBuilder({ page: blocked.page }).analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.help}`), []);
    // A link that names another scenario, or asks to predict first, does not show it as its answer.
    for (const query of ["?tasks=3x100&mode=join_all", "?lang=js", "?predict=1"]) {
      await blocked.page.goto(app.server.url + query);
      assert.equal(await comparison.isVisible(), false, query);
    }
    // The link the app writes for that scenario is that scenario, in any theme.
    await blocked.page.goto(`${app.server.url}?tasks=10x500&mode=join_all&theme=dark&v=1`);
    assert.ok(await comparison.isVisible());
  } finally {
    await blocked.context.close();
  }

  const off = await openRecorded(app.browser, app.server.url, { javaScriptEnabled: false });
  try {
    assert.equal(await off.page.locator(".first-paint p.prediction").innerText(), staticText, "without JavaScript");
  } finally {
    await off.context.close();
  }

  // The app starts: its own prediction says the same figures, and the static one is gone.
  const { context, page, problems } = await openRecorded(app.browser, app.server.url);
  try {
    await page.getByRole("region", { name: "Scenario" }).waitFor();
    assert.equal(await page.locator(".first-paint").count(), 0, "replaced");
    const predictions = page.locator("p.speed-up.prediction");
    assert.equal(await predictions.count(), 1, "not duplicated");
    assert.equal(await predictions.innerText(), `${staticText} Press Compare to run both for real.`);
    const resumed = await page.locator("figure.timeline[data-resumed-ms]").evaluateAll((figures) => figures.map((f) => f.dataset.resumedMs));
    assert.deepEqual(resumed.map(Number).map(Math.round), [501, 5010]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("without JavaScript the page says it needs it, and claims no loading", async () => {
  const { context, page } = await openRecorded(app.browser, app.server.url, { javaScriptEnabled: false });
  try {
    assert.ok(await page.getByRole("heading", { level: 1, name: "Async Playground" }).isVisible());
    assert.ok(await page.getByText(/needs JavaScript and WebAssembly/).isVisible());
    assert.equal(await page.locator("#app-loading").isVisible(), false);
  } finally {
    await context.close();
  }
});

test("the release page carries a Content-Security-Policy limited to its own origin", async () => {
  const { context, page } = await openRecorded(app.browser, app.server.url);
  try {
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? "");
    assert.match(policy, /default-src 'self'/);
    const scripts = policy.split(";").find((d) => d.trim().startsWith("script-src"));
    assert.ok(scripts && !scripts.includes("unsafe-inline") && /'sha256-/.test(scripts), scripts);
  } finally {
    await context.close();
  }
});

test("the page background follows prefers-color-scheme", async () => {
  const backgrounds = {};
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await openRecorded(app.browser, app.server.url, { colorScheme });
    await page.getByRole("region", { name: "Scenario" }).waitFor();
    backgrounds[colorScheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await context.close();
  }
  assert.notEqual(backgrounds.light, backgrounds.dark);
});

test("the favicon and stylesheet resolve relative to the sub-path", async () => {
  const { context, page } = await openRecorded(app.browser, app.server.url);
  try {
    const icon = await page.evaluate(() => document.querySelector('link[rel="icon"]').href);
    assert.ok(icon.startsWith(app.server.url), icon);
    const response = await page.request.get(icon);
    assert.equal(response.status(), 200);
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".workspace")).display);
    assert.equal(styled, "grid");
  } finally {
    await context.close();
  }
});

test("narrow screens stack the regions, the timeline first", async () => {
  const { context, page } = await openRecorded(app.browser, app.server.url, { viewport: { width: 390, height: 844 } });
  try {
    await page.getByRole("region", { name: "Timeline" }).waitFor();
    const boxes = await Promise.all(
      ["Timeline", "Scenario", "Code"].map((name) => page.getByRole("region", { name }).boundingBox()),
    );
    assert.ok(boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y, JSON.stringify(boxes));
    assert.ok(Math.abs(boxes[0].x - boxes[1].x) < 1, "stacked regions share a left edge");
    await page.screenshot({ path: `${SCREENSHOT_DIR}shell-mobile.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

// The code is half of what the page is for: at 1440 px, "Wide code" gives it the editor's column, and
// no line of the canonical program (every fold opened) wraps. Below 1280 px the toggle is not shown,
// since the code already has the page's width.
for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme}: at 1440 px Wide code gives the program room, and no line of it wraps`, async () => {
    const { context, page, problems } = await openRecorded(app.browser, app.server.url, {
      colorScheme,
      viewport: { width: 1440, height: 900 },
    });
    try {
      await programText(page);
      const wrapped = () =>
        // A line that wraps is as tall as the lines it takes.
        page.locator("pre.code .code-line").evaluateAll((lines) => {
          const height = (line) => line.getBoundingClientRect().height;
          const one = Math.min(...lines.map(height).filter((h) => h > 0));
          return lines.filter((line) => height(line) > one * 1.5).map((line) => line.textContent);
        });
      assert.ok((await wrapped()).length > 0, "in the narrow column some line wraps (else this test proves nothing)");
      const toggle = page.getByLabel("Wide code");
      await toggle.check();
      assert.deepEqual(await wrapped(), [], "lines that wrap with the code given room");
      const areas = await page.locator("main.workspace").evaluate((main) => getComputedStyle(main).gridTemplateAreas);
      assert.match(areas, /"timeline code" "editor code"/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}wide-code-${colorScheme}.png` });
      await toggle.uncheck();
      assert.ok((await wrapped()).length > 0, "unchecked, the three columns are back");
      await page.setViewportSize({ width: 1100, height: 900 });
      assert.equal(await toggle.isVisible(), false, "below 1280 px the code has the page's width already");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}
