import zlib from 'node:zlib';

/** A PNG from RGBA pixels (8-bit, no interlace): enough for the app's two icons, no image library. */
export function encodePng(width: number, height: number, rgba: (x: number, y: number) => readonly [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = rgba(x, y);
      raw.set([r, g, b, a], y * (width * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The colour icon: a teal tile with a white ring of four dots (the core group around the child). */
export function colorIcon(size = 192): Buffer {
  const c = size / 2;
  return encodePng(size, size, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    const onRing = Math.abs(d - size * 0.3) < size * 0.035;
    const dot = [0, 1, 2, 3].some(
      (k) =>
        Math.hypot(x - (c + Math.cos((k * Math.PI) / 2 + Math.PI / 4) * size * 0.3), y - (c + Math.sin((k * Math.PI) / 2 + Math.PI / 4) * size * 0.3)) <
        size * 0.07,
    );
    const centre = d < size * 0.1;
    return onRing || dot || centre ? [255, 255, 255, 255] : [0, 120, 130, 255];
  });
}

/** The outline icon: white on transparent, 32×32, as Teams requires. */
export function outlineIcon(size = 32): Buffer {
  const c = size / 2;
  return encodePng(size, size, (x, y) => {
    const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
    return Math.abs(d - size * 0.32) < 1.2 || d < size * 0.12 ? [255, 255, 255, 255] : [0, 0, 0, 0];
  });
}
