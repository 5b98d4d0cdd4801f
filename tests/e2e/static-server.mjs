// A minimal static file server for the built app, mounted under a sub-path the way GitHub Pages
// serves a project site, so the tests prove the page works away from the host's root. Like the
// static hosts the page is published on, it sends text and wasm gzip-compressed to a browser that
// accepts it: the page's budget is counted in gzip bytes, and the load benchmarks measure what a
// reader downloads.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".xml": "application/xml",
  ".gif": "image/gif",
};

/** Each file's gzip, made once per version of the file: the tests load the page hundreds of times. */
const gzipCache = new Map();
function gzipped(path, mtimeMs, body) {
  const cached = gzipCache.get(path);
  if (cached?.mtimeMs === mtimeMs) return cached.gz;
  const gz = gzipSync(body, { level: 9 });
  gzipCache.set(path, { mtimeMs, gz });
  return gz;
}

/**
 * Serve `root` under `basePath` on 127.0.0.1 at a free port. With `cors`, every file carries
 * `Access-Control-Allow-Origin: *`, as GitHub Pages sends: a frame sandboxed without
 * allow-same-origin has an opaque origin, so its own module and wasm fetches are cross-origin. With
 * `publishedAs`, the public address a build was made for, the pages and oEmbed answers name this
 * server instead, as if the site were published here (Lighthouse wants a canonical link on the
 * page's own domain).
 * Resolves to { origin, url, close } where `url` is the app's address (origin + basePath).
 */
export async function serveStatic(root, basePath = "/async-playground/", { cors = false, publishedAs } = {}) {
  let url;
  const absoluteRoot = resolve(root);
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, "http://127.0.0.1");
    if (!pathname.startsWith(basePath)) {
      response.writeHead(404).end("outside the app's sub-path");
      return;
    }
    let relative = decodeURIComponent(pathname.slice(basePath.length)) || "index.html";
    const file = normalize(join(absoluteRoot, relative));
    if (!file.startsWith(absoluteRoot)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, "index.html") : file;
      let body = await readFile(path);
      if (publishedAs && /\.(html|json|xml)$/.test(path)) body = Buffer.from(body.toString("utf8").replaceAll(publishedAs, url));
      const headers = { "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream", vary: "accept-encoding" };
      if (cors) headers["access-control-allow-origin"] = "*";
      const compressible = extname(path) !== ".png";
      if (compressible && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
        response.writeHead(200, { ...headers, "content-encoding": "gzip" });
        response.end(gzipped(path, (await stat(path)).mtimeMs, body));
      } else {
        response.writeHead(200, headers);
        response.end(body);
      }
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  url = origin + basePath;
  return {
    origin,
    url,
    close: () => new Promise((done) => server.close(done)),
  };
}
