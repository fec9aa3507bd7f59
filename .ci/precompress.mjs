// Writes .br (brotli 11) and .gz (gzip 9) copies of the built browser files beside them, so
// the server sends them compressed without compressing per request. Run after a build:
//   node .ci/precompress.mjs [target/site]
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join, extname } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = process.argv[2] || "target/site";
const worth = new Set([".js", ".wasm", ".css", ".svg", ".json", ".txt"]);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (worth.has(extname(entry.name))) yield path;
  }
}

let written = 0;
for (const path of files(root)) {
  const source = statSync(path);
  if (source.size < 512) continue;
  const bytes = readFileSync(path);
  for (const [suffix, compress] of [
    [".br", () => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
    [".gz", () => gzipSync(bytes, { level: 9 })],
  ]) {
    const target = path + suffix;
    if (existsSync(target) && statSync(target).mtimeMs >= source.mtimeMs) continue;
    writeFileSync(target, compress());
    written++;
  }
}
console.log(`[precompress] ${written} compressed copies written under ${root}`);
