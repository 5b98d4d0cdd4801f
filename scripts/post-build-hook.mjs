// Trunk post-build hook: add a Content-Security-Policy that allows only the page's own origin, plus the
// hashes of the inline scripts Trunk wrote (the wasm loader, and the live-reload script of `trunk serve`).
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("csp-hook: TRUNK_STAGING_DIR is not set; run it as a Trunk hook");
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
// A minified <meta> placeholder rather than a comment: minified HTML keeps elements but drops comments.
const placeholder = /<meta[^>]*csp-placeholder[^>]*>/;
if (!placeholder.test(html)) throw new Error("csp-hook: index.html has no csp-placeholder <meta>");

// `trunk serve` (a debug build) injects its live-reload script after this hook runs, so a policy here
// would block it. The policy is for what gets published: release builds.
if (process.env.TRUNK_PROFILE !== "release") {
  writeFileSync(file, html.replace(placeholder, ""));
  console.log(`csp-hook: ${process.env.TRUNK_PROFILE ?? "unknown"} build, no Content-Security-Policy (it is for release builds)`);
  process.exit(0);
}

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
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
writeFileSync(file, html.replace(placeholder, meta));
console.log(`csp-hook: ${hashes.length} inline script(s) allowed by hash`);
