import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRAND, ICON_FILES, drawColorIcon, drawOutlineIcon, encodePng } from '../../src/teams/drawIcons.ts';
import { decodePng, readIhdr } from './png.ts';

const color = readFileSync(ICON_FILES.color);
const outline = readFileSync(ICON_FILES.outline);

describe('Teams icons', () => {
  it('color.png is a real 192×192 full-colour PNG on a solid brand square', () => {
    expect(readIhdr(color)).toEqual({ width: 192, height: 192, bitDepth: 8, colorType: 2 });
    const png = decodePng(color);
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);

    const at = (x: number, y: number) => Array.from(png.pixels.subarray((y * 192 + x) * 3, (y * 192 + x) * 3 + 3));
    const brand = [BRAND.r, BRAND.g, BRAND.b];
    // Square, not rounded (Teams rounds it): the corners and the 48 px padding are the brand colour.
    for (const [x, y] of [[0, 0], [191, 0], [0, 191], [191, 191], [47, 96], [96, 47], [144, 96], [96, 144]] as const) {
      expect(at(x, y)).toEqual(brand);
    }
    // The white mark sits in the central 96×96: the head, and the badge's white rim.
    expect(at(93, 74)).toEqual([255, 255, 255]);
    let white = 0;
    let outsideSymbol = 0;
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        const [r, g, b] = at(x, y);
        if (r === 255 && g === 255 && b === 255) {
          white++;
          if (x < 48 || x >= 144 || y < 48 || y >= 144) outsideSymbol++;
        }
      }
    }
    expect(outsideSymbol).toBe(0);
    expect(white).toBeGreaterThan(96 * 96 * 0.2);
  });

  it('outline.png is a real 32×32 RGBA PNG, white on a fully transparent background', () => {
    expect(readIhdr(outline)).toEqual({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    const png = decodePng(outline);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      // Only white (any opacity, for anti-aliased edges) or fully transparent.
      if (a !== 0) expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque++;
      if (a === 0) transparent++;
    }
    expect(opaque).toBeGreaterThan(32 * 32 * 0.25);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.25);
    // Corners are transparent: it is a symbol, not a filled square.
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) expect(png.pixels[corner * 4 + 3]).toBe(0);
    // No padding: the symbol reaches the edges of the 32×32 square.
    const alpha = (x: number, y: number) => png.pixels[(y * 32 + x) * 4 + 3]!;
    const column = (x: number) => Array.from({ length: 32 }, (_, y) => alpha(x, y));
    const row = (y: number) => Array.from({ length: 32 }, (_, x) => alpha(x, y));
    for (const edge of [column(0), column(31), row(0), row(31)]) expect(Math.max(...edge)).toBeGreaterThan(0);
  });

  it('the committed icons are what npm run teams:icons draws', () => {
    expect(decodePng(color).pixels).toEqual(drawColorIcon().pixels);
    expect(decodePng(outline).pixels).toEqual(drawOutlineIcon().pixels);
  });

  it('encodePng round-trips through an independent reader', () => {
    const pixels = Uint8Array.from({ length: 5 * 3 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng({ width: 5, height: 3, channels: 4, pixels }));
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([5, 3, 4]);
    expect(decoded.pixels).toEqual(pixels);
  });
});
