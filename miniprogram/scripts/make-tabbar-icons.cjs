// Draws the tab bar icons (81x81 PNG, grey and blue) into src/assets/tabbar/: node scripts/make-tabbar-icons.cjs
const zlib = require('zlib');
const fs = require('fs');
const S = 81;
function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(inside, [r, g, b]) {
  const raw = Buffer.alloc((S * 4 + 1) * S);
  for (let y = 0; y < S; y++) {
    raw[y * (S * 4 + 1)] = 0;
    for (let x = 0; x < S; x++) {
      // 4x supersampling for smooth edges
      let hit = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hit++;
      const o = y * (S * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hit / 16) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(S, 0);
  ihdr.writeUInt32BE(S, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const house = (x, y) => {
  const roof = y >= 14 && y <= 40 && Math.abs(x - 40.5) <= (y - 14) * 1.15;
  const body = x >= 20 && x <= 61 && y >= 38 && y <= 68;
  const door = x >= 34 && x <= 47 && y >= 50 && y <= 68;
  return (roof || body) && !door;
};
const grid = (x, y) => {
  const cell = (cx, cy) => x >= cx && x <= cx + 22 && y >= cy && y <= cy + 22;
  return cell(14, 14) || cell(45, 14) || cell(14, 45) || cell(45, 45);
};
const person = (x, y) => {
  const head = (x - 40.5) ** 2 + (y - 28) ** 2 <= 13 ** 2;
  const body = y >= 46 && y <= 68 && (x - 40.5) ** 2 + (y - 70) ** 2 <= 26 ** 2;
  return head || body;
};
const out = require('path').join(__dirname, '..', 'src', 'assets', 'tabbar') + '/';
for (const [name, shape] of [
  ['home', house],
  ['products', grid],
  ['me', person],
]) {
  fs.writeFileSync(out + name + '.png', png(shape, [0x7a, 0x7e, 0x83]));
  fs.writeFileSync(out + name + '-active.png', png(shape, [0x1f, 0x6f, 0xeb]));
}
