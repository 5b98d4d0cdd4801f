// Decoding pictures in Chromium, a decoder of its own (Skia's, through WebCodecs' ImageDecoder)
// rather than the Rust `gif` crate that writes them: frame count, loop count, delays, and any frame's
// pixels. ImageDecoder needs a secure context, so the decoding page is served on 127.0.0.1.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serveStatic } from "./static-server.mjs";

/** A page on 127.0.0.1 of `browser`'s, ready to decode; close its `close()` after. */
export async function decodingPage(browser) {
  const server = await serveStatic(mkdtempSync(join(tmpdir(), "decode-")), "/");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.origin}/`).catch(() => {});
  return {
    page,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

/**
 * Decode `bytes` (a Buffer) of `type` in `page`: its frame count, repetition count, each frame's
 * duration in ms, and the RGBA pixels of the frames whose indices `wanted` lists, as base64.
 */
export async function decodeImage(page, bytes, type, wanted = []) {
  return page.evaluate(
    async ({ data, type, wanted }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const decoder = new ImageDecoder({ data: bytes, type });
      await decoder.tracks.ready;
      await decoder.completed;
      const track = decoder.tracks.selectedTrack;
      const durations = [];
      const pixels = {};
      for (let index = 0; index < track.frameCount; index++) {
        const { image } = await decoder.decode({ frameIndex: index });
        durations.push((image.duration ?? 0) / 1000);
        if (wanted.includes(index)) {
          const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
          canvas.getContext("2d").drawImage(image, 0, 0);
          const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let text = "";
          for (let at = 0; at < rgba.length; at += 0x8000) text += String.fromCharCode(...rgba.subarray(at, at + 0x8000));
          pixels[index] = { width: canvas.width, height: canvas.height, rgba: btoa(text) };
        }
        image.close();
      }
      return { frameCount: track.frameCount, repetitionCount: track.repetitionCount, durations, pixels };
    },
    { data: Buffer.from(bytes).toString("base64"), type, wanted },
  );
}
