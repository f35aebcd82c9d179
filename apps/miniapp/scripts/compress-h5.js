#!/usr/bin/env node
/* Writes brotli (.br) and gzip (.gz) copies of the H5 build's text assets next to them, so the
 * server sends them compressed without compressing on every request (@fastify/static preCompressed).
 * Prints the first screen's JavaScript size, raw and compressed. */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const DIR = path.resolve(__dirname, '..', 'dist-h5');
const TEXT = /\.(js|css|html|svg|json|txt|map)$/;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

if (!fs.existsSync(DIR)) {
  console.error(`compress-h5: ${DIR} does not exist; build the H5 app first`);
  process.exit(1);
}
let raw = 0;
let br = 0;
let gz = 0;
for (const file of walk(DIR)) {
  if (!TEXT.test(file) || file.endsWith('.map')) continue;
  const bytes = fs.readFileSync(file);
  if (bytes.length < 256) continue;
  const b = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  const g = zlib.gzipSync(bytes, { level: 9 });
  fs.writeFileSync(`${file}.br`, b);
  fs.writeFileSync(`${file}.gz`, g);
  raw += bytes.length;
  br += b.length;
  gz += g.length;
}

// The first screen: the scripts index.html loads.
const html = fs.readFileSync(path.join(DIR, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((m) => m[1]);
const first = scripts.reduce(
  (sum, s) => {
    const p = path.join(DIR, s);
    if (!fs.existsSync(p)) return sum;
    return { raw: sum.raw + fs.statSync(p).size, gz: sum.gz + (fs.existsSync(`${p}.gz`) ? fs.statSync(`${p}.gz`).size : 0) };
  },
  { raw: 0, gz: 0 },
);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(`compress-h5: text assets ${kb(raw)} -> brotli ${kb(br)}, gzip ${kb(gz)}`);
console.log(`compress-h5: first screen JavaScript ${kb(first.raw)} raw, ${kb(first.gz)} gzip (${scripts.join(', ')})`);
