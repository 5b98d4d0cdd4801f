// Trunk post-build hook. In release builds it minifies the wasm-bindgen JavaScript (Trunk's own
// minifier gives up on it), then adds a Content-Security-Policy that allows only the page's own
// origin, plus the hashes of the inline scripts Trunk wrote. One hook, because Trunk may run a stage's
// hooks at once and both steps rewrite index.html.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("post-build-hook: TRUNK_STAGING_DIR is not set; run it as a Trunk hook");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
// A minified <meta> placeholder rather than a comment: minified HTML keeps elements but drops comments.
const placeholder = /<meta[^>]*csp-placeholder[^>]*>/;
if (!placeholder.test(html)) throw new Error("post-build-hook: index.html has no csp-placeholder <meta>");

// `trunk serve` (a debug build) injects its live-reload script after this hook runs, so a policy here
// would block it. The policy, like the minifying, is for what gets published: release builds.
if (process.env.TRUNK_PROFILE !== "release") {
  writeFileSync(file, html.replace(placeholder, ""));
  console.log(`post-build-hook: ${process.env.TRUNK_PROFILE ?? "unknown"} build, no minifying and no Content-Security-Policy`);
  process.exit(0);
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

await minifyScripts();
addContentSecurityPolicy();
writeFileSync(file, html);
