#!/usr/bin/env node
/* Draws the three tab-bar icons (home, messages, me) as small PNGs, so no design files or image
 * tools are needed. Run once after changing the shapes: node scripts/make-tab-icons.js */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 81;
const OUT = path.join(__dirname, '..', 'src', 'assets', 'tab');

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n += 1) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(inside, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y += 1) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x += 1) {
      // 4x4 supersampling for smooth edges.
      let hits = 0;
      for (let sy = 0; sy < 4; sy += 1) for (let sx = 0; sx < 4; sx += 1) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits += 1;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / 16) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const stroke = 6;

const shapes = {
  // A house: roof (a thick chevron) over a walled box with a door.
  home(x, y) {
    const roof = Math.abs(y - (12 + Math.abs(x - 40.5) * 0.85)) < stroke / 1.4 && x > 8 && x < 73 && y > 8 && y < 42;
    const walls = inRect(x, y, 19, 36, 62, 68) && !inRect(x, y, 19 + stroke, 36, 62 - stroke, 68 - stroke);
    const door = inRect(x, y, 34, 50, 47, 68);
    return roof || walls || door;
  },
  // An envelope: outline and the flap's V.
  messages(x, y) {
    const box = inRect(x, y, 10, 20, 71, 62) && !inRect(x, y, 10 + stroke, 20 + stroke, 71 - stroke, 62 - stroke);
    const flap = inRect(x, y, 10, 20, 71, 50) && Math.abs(y - (22 + (30.5 - Math.abs(x - 40.5)) * 0.75)) < stroke / 1.6;
    return box || flap;
  },
  // A person: head and shoulders.
  mine(x, y) {
    const head = (x - 40.5) ** 2 + (y - 28) ** 2 <= 13 ** 2;
    const body = y >= 46 && y <= 70 && ((x - 40.5) / 25) ** 2 + ((y - 70) / 24) ** 2 <= 1;
    return head || body;
  },
};

fs.mkdirSync(OUT, { recursive: true });
for (const [name, inside] of Object.entries(shapes)) {
  fs.writeFileSync(path.join(OUT, `${name}.png`), png(inside, [0x77, 0x77, 0x77]));
  fs.writeFileSync(path.join(OUT, `${name}-active.png`), png(inside, [0xc8, 0x16, 0x1d]));
}
console.log(`tab icons written to ${path.relative(process.cwd(), OUT)}`);
