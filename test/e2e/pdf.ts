// Reading the PDFs the browser prints: page count and size (pdfinfo), a page's text (pdftotext)
// and a page as an image (pdftoppm), from Debian's poppler-utils, and QR codes decoded with jsQR.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface PdfFile {
	path: string;
	pages: number;
	/** e.g. "595.276 x 841.89 pts (A4)". */
	pageSize: string;
}

function run(command: string, args: string[]): string {
	try {
		return execFileSync(command, args, { encoding: 'utf8' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT')
			throw new Error(
				`${command} not found: install Debian's poppler-utils (apt-get install -y poppler-utils).`,
				{ cause: error },
			);
		throw error;
	}
}

export function savePdf(bytes: Buffer, name = 'notices.pdf'): PdfFile {
	const path = join(mkdtempSync(join(tmpdir(), 'roster-pdf-')), name);
	writeFileSync(path, bytes);
	const info = run('pdfinfo', [path]);
	const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
	const pageSize = /^Page size:\s+(.+)$/m.exec(info)?.[1]?.trim() ?? '';
	return { path, pages, pageSize };
}

/** The text of page `page` (from 1), as pdftotext reads it. */
export function pageText(pdf: PdfFile, page: number): string {
	return run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf.path, '-']);
}

/** Page `page` (from 1) as a PNG file at `dpi`. */
export function pagePng(pdf: PdfFile, page: number, dpi = 150): string {
	const prefix = `${pdf.path}-p${page}`;
	run('pdftoppm', [
		'-f',
		String(page),
		'-l',
		String(page),
		'-r',
		String(dpi),
		'-png',
		'-singlefile',
		pdf.path,
		prefix,
	]);
	return `${prefix}.png`;
}

/** The text of the QR code on a PNG image, or null when none is found. */
export function decodeQr(pngPath: string): string | null {
	const png = PNG.sync.read(readFileSync(pngPath));
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	return code?.data ?? null;
}

/** Text with all whitespace removed, to find a password pdftotext split into groups. */
export function squeeze(text: string): string {
	return text.replace(/\s+/g, '');
}
