// Draws the Teams app icons (color.png 192×192, outline.png 32×32) from simple geometry, with
// anti-aliasing by supersampling, and encodes them as PNG with Node's zlib only.
// `npm run teams:icons` rewrites both files beside this one.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export const BRAND = { r: 0x0b, g: 0x6e, b: 0x4f } as const;
export const BRAND_HEX = '#0B6E4F';

export interface Image {
  width: number;
  height: number;
  /** 3: RGB; 4: RGBA (straight, not premultiplied, alpha). */
  channels: 3 | 4;
  pixels: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// The mark: a colleague (head and shoulders) with a tick badge, "this person has been given access".
// Drawn in a 96-unit design square; each point is one of three inks.

type Ink = 'ground' | 'mark' | 'tick';

const HEAD = { x: 38, y: 27, r: 17 };
const BODY = { left: 8, right: 68, top: 50, bottom: 86, topRadius: 28, bottomRadius: 6 };
const BADGE = { x: 70, y: 68, r: 21, gap: 5 };
const TICK = { points: [[59.5, 68.5], [67, 76], [80.5, 61]] as const, width: 6 };
/** What of the mark can be seen: the badge's gap only cuts into the body. */
const VISIBLE = { left: BODY.left, top: HEAD.y - HEAD.r, right: BADGE.x + BADGE.r, bottom: BADGE.y + BADGE.r };

function inkAt(u: number, v: number): Ink {
  const fromBadge = Math.hypot(u - BADGE.x, v - BADGE.y);
  if (fromBadge <= BADGE.r) return distanceToPolyline(u, v, TICK.points) <= TICK.width / 2 ? 'tick' : 'mark';
  if (fromBadge <= BADGE.r + BADGE.gap) return 'ground';
  if (Math.hypot(u - HEAD.x, v - HEAD.y) <= HEAD.r) return 'mark';
  if (insideBody(u, v)) return 'mark';
  return 'ground';
}

/** A box with large rounded top corners (the shoulders) and slightly rounded bottom ones. */
function insideBody(u: number, v: number): boolean {
  const { left, right, top, bottom, topRadius, bottomRadius } = BODY;
  if (u < left || u > right || v < top || v > bottom) return false;
  const corner = (cx: number, cy: number, r: number) => Math.hypot(u - cx, v - cy) <= r;
  if (v < top + topRadius) {
    if (u < left + topRadius) return corner(left + topRadius, top + topRadius, topRadius);
    if (u > right - topRadius) return corner(right - topRadius, top + topRadius, topRadius);
  }
  if (v > bottom - bottomRadius) {
    if (u < left + bottomRadius) return corner(left + bottomRadius, bottom - bottomRadius, bottomRadius);
    if (u > right - bottomRadius) return corner(right - bottomRadius, bottom - bottomRadius, bottomRadius);
  }
  return true;
}

function distanceToPolyline(u: number, v: number, points: ReadonlyArray<readonly [number, number]>): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(u - (ax + t * dx), v - (ay + t * dy)));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Rasterising: each pixel averages SAMPLES² points of the mark, placed in a square of the image.

const SAMPLES = 8;

interface Placement {
  /** Top-left corner and side, in pixels, of the square the visible mark is centred in. */
  x: number;
  y: number;
  size: number;
}

/** The fraction of each ink over one pixel. */
function coverage(px: number, py: number, place: Placement): Record<Ink, number> {
  const width = VISIBLE.right - VISIBLE.left;
  const height = VISIBLE.bottom - VISIBLE.top;
  const scale = place.size / Math.max(width, height);
  const originU = VISIBLE.left - (place.size / scale - width) / 2;
  const originV = VISIBLE.top - (place.size / scale - height) / 2;
  const counts: Record<Ink, number> = { ground: 0, mark: 0, tick: 0 };
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES - place.x;
      const y = py + (sy + 0.5) / SAMPLES - place.y;
      counts[inkAt(originU + x / scale, originV + y / scale)]++;
    }
  }
  const total = SAMPLES * SAMPLES;
  return { ground: counts.ground / total, mark: counts.mark / total, tick: counts.tick / total };
}

/** 192×192, full colour: a white mark on a solid brand square, its symbol in the central 96×96. */
export function drawColorIcon(): Image {
  const width = 192;
  const height = 192;
  const pixels = new Uint8Array(width * height * 3);
  const place = { x: 48, y: 48, size: 96 };
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const c = coverage(px, py, place);
      const green = c.ground + c.tick;
      const i = (py * width + px) * 3;
      pixels[i] = Math.round(BRAND.r * green + 255 * c.mark);
      pixels[i + 1] = Math.round(BRAND.g * green + 255 * c.mark);
      pixels[i + 2] = Math.round(BRAND.b * green + 255 * c.mark);
    }
  }
  return { width, height, channels: 3, pixels };
}

/** 32×32, white on a fully transparent background, no padding; the tick is cut out of the badge. */
export function drawOutlineIcon(): Image {
  const width = 32;
  const height = 32;
  const pixels = new Uint8Array(width * height * 4);
  const place = { x: 0, y: 0, size: 32 };
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const c = coverage(px, py, place);
      const i = (py * width + px) * 4;
      // Every pixel is pure white; only its alpha varies, so edges stay white as Teams requires.
      pixels[i] = 255;
      pixels[i + 1] = 255;
      pixels[i + 2] = 255;
      pixels[i + 3] = Math.round(255 * c.mark);
    }
  }
  return { width, height, channels: 4, pixels };
}

// ---------------------------------------------------------------------------------------------
// PNG: signature, IHDR, one IDAT (zlib stream of filter-0 scanlines), IEND. No timestamps, so the
// same drawing gives the same pixels every time.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodePng(image: Image): Buffer {
  const { width, height, channels, pixels } = image;
  if (pixels.length !== width * height * channels) throw new Error('encodePng: pixel buffer does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = channels === 4 ? 6 : 2; // colour type: RGBA or RGB
  // compression, filter and interlace methods: 0
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export const ICON_FILES = {
  color: fileURLToPath(new URL('color.png', import.meta.url)),
  outline: fileURLToPath(new URL('outline.png', import.meta.url)),
} as const;

export function writeIcons(files: { color: string; outline: string } = ICON_FILES): void {
  writeFileSync(files.color, encodePng(drawColorIcon()));
  writeFileSync(files.outline, encodePng(drawOutlineIcon()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeIcons();
  console.log(`Wrote ${ICON_FILES.color} (192×192) and ${ICON_FILES.outline} (32×32).`);
}
