// Trunk post-build hook. It writes the static opening comparison into index.html. In release builds it shortens the names the wasm and its wasm-bindgen
// JavaScript call each other by, minifies that JavaScript (Trunk's own minifier gives up on it), then
// adds a Content-Security-Policy that allows only the page's own origin, plus the hashes of the inline
// scripts Trunk wrote. One hook, because Trunk may run a stage's hooks at once and both steps rewrite
// index.html.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("post-build-hook: TRUNK_STAGING_DIR is not set; run it as a Trunk hook");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
// A minified <meta> placeholder rather than a comment: minified HTML keeps elements but drops comments.
const placeholder = /<meta[^>]*csp-placeholder[^>]*>/;
if (!placeholder.test(html)) throw new Error("post-build-hook: index.html has no csp-placeholder <meta>");

/**
 * The opening comparison, static, so it paints before the wasm arrives and without JavaScript: the
 * simulator's prediction for the default scenario (an empty query), written by the native CLI from
 * the same domain code as the app, into the app's root, where the app replaces it when it starts.
 */
function writeFirstPaint() {
  const root = /<div id="?app"?>/;
  if (!root.test(html)) throw new Error("post-build-hook: index.html has no <div id=app>");
  const comparison = execFileSync(
    "cargo",
    ["run", "--locked", "--quiet", "--bin", "asyncplay", "--", "--format", "first-paint", ""],
    { cwd: join(dirname(fileURLToPath(import.meta.url)), ".."), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!comparison.startsWith("<main")) throw new Error(`post-build-hook: asyncplay wrote no comparison: ${comparison}`);
  html = html.replace(root, (tag) => tag + comparison);
  console.log(`post-build-hook: wrote the static comparison (${comparison.length} bytes)`);
}

/**
 * The gallery (a static page per preset at p/<slug>/), the link preview cards, oEmbed and the sitemap,
 * written by the native CLI beside the page, and the home page's Open Graph and Twitter card tags.
 * Previews need absolute URLs: they come from ASYNC_PLAYGROUND_URL, the site's public address (see
 * README, "Link previews and the gallery"). Without it the build leaves out what needs one, and says so.
 */
function writeSite() {
  const stylesheet = readdirSync(dir).find((name) => /^style-[0-9a-f]+\.css$/.test(name) || name === "style.css");
  if (!stylesheet) throw new Error("post-build-hook: no style sheet in the build");
  const url = process.env.ASYNC_PLAYGROUND_URL;
  const head = execFileSync(
    "cargo",
    ["run", "--locked", "--quiet", "--bin", "asyncplay", "--", "site", "--out", dir, "--stylesheet", stylesheet, ...(url ? ["--url", url] : [])],
    { cwd: join(dirname(fileURLToPath(import.meta.url)), ".."), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!html.includes("</head>")) throw new Error("post-build-hook: index.html has no </head>");
  html = html.replace("</head>", () => `${head}</head>`);
  console.log(url ? `post-build-hook: wrote the gallery and link previews for ${url}` : "post-build-hook: wrote the gallery; ASYNC_PLAYGROUND_URL is not set, so link previews have no image, canonical link, oEmbed or sitemap");
}

writeFirstPaint();
writeSite();

// `trunk serve` (a debug build) injects its live-reload script after this hook runs, so a policy here
// would block it. The policy, like the minifying, is for what gets published: release builds.
if (process.env.TRUNK_PROFILE !== "release") {
  writeFileSync(file, html.replace(placeholder, ""));
  console.log(`post-build-hook: ${process.env.TRUNK_PROFILE ?? "unknown"} build, no minifying and no Content-Security-Policy`);
  process.exit(0);
}

/**
 * wasm-bindgen names each of the page's two hundred imports after its function plus a 16-digit hash,
 * and writes each name twice, in the wasm and in its glue: 13 KB of hex that gzip cannot shrink, a
 * twentieth of the page. Binaryen's own pass (the one Emscripten uses) renames every import, export
 * and import module to one or two letters and prints the mapping; the glue is then renamed to match.
 * Any name the glue does not hold where expected stops the build, rather than ship a page whose wasm
 * cannot link.
 */
function shortenWasmNames() {
  const wasmOpt = join(dirname(fileURLToPath(import.meta.url)), "../node_modules/.bin/wasm-opt");
  for (const name of readdirSync(dir).filter((n) => n.endsWith("_bg.wasm"))) {
    const wasmPath = join(dir, name);
    const gluePath = join(dir, name.replace(/_bg\.wasm$/, ".js"));
    if (!existsSync(gluePath)) throw new Error(`post-build-hook: ${name} has no glue script`);
    const mapping = JSON.parse(
      execFileSync(wasmOpt, [wasmPath, "--minify-imports-and-exports-and-modules", "--strip-producers", "-o", wasmPath], {
        encoding: "utf8",
      }),
    );
    const [module] = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath))).map((i) => i.module));
    let glue = readFileSync(gluePath, "utf8");
    // A function, so that a short name with a `$` in it is never read as a replacement pattern.
    const rename = (pattern, replacement, what) => {
      const renamed = glue.replace(pattern, () => replacement);
      if (renamed === glue) throw new Error(`post-build-hook: ${gluePath} has no ${what}`);
      glue = renamed;
    };
    // Trunk leaves the page's glue as wasm-bindgen wrote it but has already minified the worker's, so
    // each pattern allows both spellings: `"module": imports`, `name: function`, `wasm.export`.
    for (const from of new Set(mapping.imports.map(([from]) => from))) {
      const quoted = `"${from}"`.replaceAll(".", "\\.");
      rename(new RegExp(`${quoted}(?=\\s*:)`), `"${module}"`, `import module "${from}"`);
    }
    for (const [, from, to] of mapping.imports) {
      rename(new RegExp(`(?<=[\\s{,])${from}(?=\\s*:)`, "g"), to, `import ${from}`);
    }
    for (const [from, to] of mapping.exports) {
      // Exports the glue never calls (the start function's own symbol, say) have nothing to rename.
      const use = new RegExp(`(?<=\\.)${from}\\b`, "g");
      if (use.test(glue)) rename(use, to, `export ${from}`);
    }
    writeFileSync(gluePath, glue);
    console.log(`post-build-hook: ${name}: ${mapping.imports.length} imports and ${mapping.exports.length} exports renamed`);
  }
}

/**
 * Minify each script Trunk emitted. They carry no Subresource Integrity hash to update: Trunk.toml
 * turns off the preload links that held them, and the page loads only its own origin anyway.
 */
async function minifyScripts() {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const path = join(dir, name);
    const source = readFileSync(path, "utf8");
    // The worker's glue is a classic script whose top-level `wasm_bindgen` its loader calls, so only
    // ES modules may have their top level renamed.
    const module = /^export\b/m.test(source);
    const { code } = await minify(source, { module, compress: { passes: 2 }, mangle: true });
    writeFileSync(path, code);
    console.log(`post-build-hook: minified ${name} from ${source.length} to ${code.length} bytes`);
  }
}

function addContentSecurityPolicy() {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    // Yew sets style attributes (bar positions), which CSP counts as inline styles.
    "style-src 'self' 'unsafe-inline'",
    // data: and blob: for the SVG and PNG exports, made in the page itself.
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
  html = html.replace(placeholder, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
  console.log(`post-build-hook: ${hashes.length} inline script(s) allowed by hash`);
}

shortenWasmNames();
await minifyScripts();
addContentSecurityPolicy();
writeFileSync(file, html);
