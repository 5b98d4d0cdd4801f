// A minimal static file server for the built app, mounted under a sub-path the way GitHub Pages
// serves a project site, so the tests prove the page works away from the host's root.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/**
 * Serve `root` under `basePath` on 127.0.0.1 at a free port.
 * Resolves to { origin, url, close } where `url` is the app's address (origin + basePath).
 */
export async function serveStatic(root, basePath = "/async-playground/") {
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
      const body = await readFile(path);
      response.writeHead(200, { "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + basePath,
    close: () => new Promise((done) => server.close(done)),
  };
}
