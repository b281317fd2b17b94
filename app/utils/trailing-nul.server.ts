import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer fills a reusable 2 KB buffer with TextEncoder.encodeInto;
 * when a multi-byte character (é, «, —…) does not fit at its end, the buffer is flushed whole,
 * unwritten bytes included: NUL bytes land in the HTML (react/react#31134, fixed in React 19).
 * HTML never legitimately ends a chunk with NUL, so at most three trailing NULs are dropped.
 */
export function withoutTrailingNul(chunk: Buffer): Buffer {
  let end = chunk.length;
  while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end -= 1;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

export function stripTrailingNul() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, withoutTrailingNul(Buffer.from(chunk)));
    },
  });
}
