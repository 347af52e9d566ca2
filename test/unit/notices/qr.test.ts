// The notice's QR code decodes back to the sign-in address: the path is redrawn as pixels the way a
// printer would, then read by a real decoder (jsQR).
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrSvgPath } from '../../../src/notices/qr.ts';

const QUIET = 4;
const SCALE = 4;

/** The dark modules the path draws, read back from the commands qrSvgPath emits. */
function modulesOf(path: string, size: number): boolean[][] {
	const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
	const command = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;
	let consumed = 0;
	for (const match of path.matchAll(command)) {
		expect(match.index).toBe(consumed);
		consumed += match[0].length;
		const [x, y, run, back] = match.slice(1).map(Number) as [number, number, number, number];
		expect(back).toBe(run);
		for (let c = x; c < x + run; c++) {
			const row = grid[y];
			expect(row?.[c]).toBe(false);
			if (row) row[c] = true;
		}
	}
	expect(consumed).toBe(path.length);
	return grid;
}

function decode(text: string): string | undefined {
	const { size, path } = qrSvgPath(text);
	const grid = modulesOf(path, size);
	const side = (size + 2 * QUIET) * SCALE;
	const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
	for (let y = 0; y < side; y++) {
		for (let x = 0; x < side; x++) {
			const r = Math.floor(y / SCALE) - QUIET;
			const c = Math.floor(x / SCALE) - QUIET;
			if (grid[r]?.[c]) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
		}
	}
	return jsQR(pixels, side, side)?.data;
}

describe('qrSvgPath', () => {
	it('decodes to a short sign-in address', () => {
		const url = 'https://app.example.com/sign-in';
		expect(decode(url)).toBe(url);
		expect(qrSvgPath(url).size).toBeGreaterThanOrEqual(21);
	});

	it('decodes to a long (~200 character) address', () => {
		const url = `https://clinic.example.com/sign-in?practice=harbour-physio&ref=notice&${'x'.repeat(130)}`;
		expect(url.length).toBeGreaterThan(190);
		expect(decode(url)).toBe(url);
	});

	it('writes non-ASCII text as UTF-8', () => {
		const url = 'https://exämple.com/café/登录';
		expect(decode(url)).toBe(url);
	});

	it('merges runs of dark modules into one rectangle each', () => {
		const { path } = qrSvgPath('https://app.example.com');
		// A finder pattern's top edge is a run of seven.
		expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
	});

	it('throws a clear error for text too long to encode', () => {
		expect(() => qrSvgPath('x'.repeat(3000))).toThrow(/too long for a QR code/);
	});
});
