// Cells copied from Excel, Google Sheets or Numbers, as the clipboard carries them: tab-separated
// text and an HTML table. Read without a DOM (this runs in Node tests and the worker), so the HTML
// reader is a small scanner that only understands what those apps put on the clipboard.
import { csvField, CRLF } from './csv-writer.ts';
import { isRealDate, readDate } from './dates.ts';
import { matchHeaderName } from './header-aliases.ts';
import { decodeEntities } from './html-entities.ts';
import { EMAIL_PATTERN } from './rules.ts';

/**
 * Tab-separated text as spreadsheets copy it: a cell that starts with `"` is quoted (it may hold
 * tabs, line breaks and doubled `""`) when its closing quote ends the cell; any other `"` is
 * literal. Rows end at CRLF, LF or CR; one trailing line break makes no empty row.
 */
export function readPastedText(text: string): string[][] {
	const rows: string[][] = [];
	if (text === '') return rows;
	const n = text.length;
	let row: string[] = [];
	let i = 0;
	// Once a quote runs to the end unclosed, every later quote would too: read them as literal,
	// so a stray quote costs one pass over the text, not one per cell.
	let quotesClose = true;
	for (;;) {
		let cell: string | null = null;
		if (quotesClose && text.charCodeAt(i) === 34) {
			const quoted = readQuoted(text, i);
			if (quoted === 'unclosed') quotesClose = false;
			else if (quoted) {
				cell = quoted.value;
				i = quoted.end;
			}
		}
		if (cell === null) {
			let end = i;
			while (end < n) {
				const c = text.charCodeAt(end);
				if (c === 9 || c === 10 || c === 13) break;
				end++;
			}
			cell = text.slice(i, end);
			i = end;
		}
		row.push(cell);
		if (i >= n) break;
		const c = text.charCodeAt(i);
		if (c === 9) {
			i++;
			continue;
		}
		// A line break ends the row: CRLF counts once.
		i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
		rows.push(row);
		row = [];
		if (i >= n) return rows;
	}
	rows.push(row);
	return rows;
}

/** A quoted cell from `start` (a `"`), or null when its closing quote does not end the cell. */
function readQuoted(
	text: string,
	start: number,
): { value: string; end: number } | null | 'unclosed' {
	let i = start + 1;
	for (;;) {
		const q = text.indexOf('"', i);
		if (q === -1) return 'unclosed';
		if (text.charCodeAt(q + 1) === 34) {
			i = q + 2;
			continue;
		}
		const after = text.charCodeAt(q + 1);
		// `"Bob" Smith` is a literal cell that happens to start with a quote.
		if (q + 1 < text.length && after !== 9 && after !== 10 && after !== 13) return null;
		return { value: text.slice(start + 1, q).replace(/""/g, '"'), end: q + 1 };
	}
}

interface Tag {
	name: string;
	closing: boolean;
	attrs: string;
	/** Where the text after the tag starts. */
	end: number;
}

// Sticky: matched where the `<` is, without copying the text after it.
const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;

/** The tag starting at `at` (a `<`), or null when it is no tag (then `<` is text). */
function readTag(html: string, at: number): Tag | null {
	TAG_NAME.lastIndex = at;
	const m = TAG_NAME.exec(html);
	if (!m) return null;
	let i = at + m[0].length;
	// Attribute values may hold `>` inside quotes.
	let quote = 0;
	for (; i < html.length; i++) {
		const c = html.charCodeAt(i);
		if (quote) {
			if (c === quote) quote = 0;
		} else if (c === 34 || c === 39) quote = c;
		else if (c === 62) break;
	}
	return {
		name: (m[2] as string).toLowerCase(),
		closing: m[1] === '/',
		attrs: html.slice(at + m[0].length, i),
		end: Math.min(i + 1, html.length),
	};
}

const SPANS = {
	colspan: /(?:^|\s)colspan\s*=\s*["']?\s*(\d+)/i,
	rowspan: /(?:^|\s)rowspan\s*=\s*["']?\s*(\d+)/i,
};

function spanOf(attrs: string, name: keyof typeof SPANS, max: number): number {
	const m = SPANS[name].exec(attrs);
	const n = m ? parseInt(m[1] as string, 10) : 1;
	return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

// Elements whose content is never shown as text.
const RAW_TEXT = new Set(['style', 'script', 'title', 'textarea', 'template', 'xml']);
// Elements that start a new line inside a cell, as the browser renders them.
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const BREAK = '\u2028';

interface RawCell {
	text: string;
	colspan: number;
	rowspan: number;
}

/** A cell's collected text as a browser renders it: spaces collapsed, `<br>` a line break. */
function renderCell(raw: string): string {
	return raw
		.replace(/[ \t\n\r\f]+/g, ' ')
		.replace(/ ?\u2028 ?/g, '\n')
		.replace(/\u00a0/g, ' ')
		.replace(/^[\s]+|[\s]+$/g, '');
}

/**
 * The first `<table>`'s cells, row by row, with `colspan`/`rowspan` expanded like a CSV export
 * (the value in the top-left cell, the others empty); null when the HTML holds no table.
 */
export function readPastedHtml(html: string): string[][] | null {
	const rows: RawCell[][] = [];
	let row: RawCell[] | null = null;
	let cell: RawCell | null = null;
	let inTable = false;
	let nested = 0;
	let i = 0;
	const endCell = () => {
		if (cell && row) row.push(cell);
		cell = null;
	};
	const endRow = () => {
		endCell();
		if (row) rows.push(row);
		row = null;
	};
	const addText = (text: string) => {
		if (cell) cell.text += text;
	};
	const lineBreak = () => {
		if (cell && cell.text.trim() !== '' && !/\u2028[ \t\n\r\f]*$/.test(cell.text))
			cell.text += BREAK;
	};
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt === -1) {
			if (cell) addText(decodeEntities(html.slice(i)));
			break;
		}
		// Text outside a cell (the indentation between tags) is never shown as a cell's.
		if (lt > i && cell) addText(decodeEntities(html.slice(i, lt)));
		if (html.startsWith('<!--', lt)) {
			const close = html.indexOf('-->', lt + 4);
			i = close === -1 ? html.length : close + 3;
			continue;
		}
		// `<!DOCTYPE>`, Excel's `<![if …]>`/`<![endif]>` and `<?xml …?>`: markup, never text.
		if (html[lt + 1] === '!' || html[lt + 1] === '?') {
			const close = html.indexOf('>', lt);
			i = close === -1 ? html.length : close + 1;
			continue;
		}
		const tag = readTag(html, lt);
		if (!tag) {
			addText('<');
			i = lt + 1;
			continue;
		}
		i = tag.end;
		if (!tag.closing && RAW_TEXT.has(tag.name) && !tag.attrs.endsWith('/')) {
			// Found case-blind on the text itself: lower-casing may change its length (`İ`).
			const end = new RegExp(`</${tag.name}`, 'gi');
			end.lastIndex = i;
			const close = end.exec(html)?.index ?? -1;
			i = close === -1 ? html.length : (readTag(html, close)?.end ?? html.length);
			continue;
		}
		if (tag.name === 'table') {
			if (tag.closing) {
				if (nested > 0) nested--;
				else if (inTable) {
					endRow();
					break;
				}
			} else if (inTable) nested++;
			else inTable = true;
			continue;
		}
		if (!inTable) continue;
		if (tag.name === 'br') {
			if (cell) (cell as RawCell).text += BREAK;
			continue;
		}
		if (BLOCKS.has(tag.name)) {
			lineBreak();
			continue;
		}
		// A table inside a cell reads as that cell's text, its cells apart by spaces.
		if (nested > 0) {
			if (tag.name === 'td' || tag.name === 'th') addText(' ');
			else if (tag.name === 'tr') lineBreak();
			continue;
		}
		if (tag.name === 'tr') {
			endRow();
			if (!tag.closing) row = [];
		} else if (tag.name === 'td' || tag.name === 'th') {
			endCell();
			if (tag.closing) continue;
			// A cell outside any `<tr>` opens one, as the browser does.
			row ??= [];
			cell = {
				text: '',
				colspan: spanOf(tag.attrs, 'colspan', 1000),
				rowspan: spanOf(tag.attrs, 'rowspan', 65534),
			};
		} else if (['thead', 'tbody', 'tfoot'].includes(tag.name)) endRow();
	}
	if (!inTable) return null;
	endRow();
	return expandSpans(rows);
}

/** Lays the cells out on a grid, spanned cells taking their place, as the browser does. */
function expandSpans(rows: RawCell[][]): string[][] {
	const grid: (string | undefined)[][] = rows.map(() => []);
	rows.forEach((cells, r) => {
		const line = grid[r] as (string | undefined)[];
		let c = 0;
		for (const cell of cells) {
			while (line[c] !== undefined) c++;
			// A rowspan past the last row ends there: the browser adds no rows for it.
			const down = Math.min(cell.rowspan, rows.length - r);
			for (let dr = 0; dr < down; dr++) {
				const target = grid[r + dr] as (string | undefined)[];
				for (let dc = 0; dc < cell.colspan; dc++)
					target[c + dc] = dr === 0 && dc === 0 ? renderCell(cell.text) : '';
			}
			c += cell.colspan;
		}
	});
	return grid.map((line) => Array.from(line, (v) => v ?? ''));
}

/** Drops trailing empty rows, and the empty cells at the end of each row. */
function trimmed(rows: string[][]): string[][] {
	const out = rows.map((cells) => {
		let end = cells.length;
		while (end > 0 && (cells[end - 1] as string).trim() === '') end--;
		return cells.slice(0, end);
	});
	while (out.length > 0 && (out[out.length - 1] as string[]).length === 0) out.pop();
	return out;
}

function width(rows: string[][]): number {
	return rows.reduce((w, cells) => Math.max(w, cells.length), 0);
}

/**
 * The pasted cells: the HTML table when it has as many rows and columns as the text (it keeps
 * cells with tabs and line breaks exact), else the text; trailing empty rows and columns dropped.
 * A filtered range in Excel puts its hidden rows in the HTML but not in the text, so a table
 * that does not match is not the range the pro sees.
 */
export function pastedRows(flavours: { html?: string; text?: string }): string[][] {
	const html = flavours.html ? readPastedHtml(flavours.html) : null;
	const fromHtml = html ? trimmed(html) : null;
	const fromText = trimmed(readPastedText(flavours.text ?? ''));
	if (fromHtml && fromHtml.length > 0) {
		if (fromText.length === 0) return fromHtml;
		if (fromHtml.length === fromText.length && width(fromHtml) === width(fromText)) return fromHtml;
	}
	return fromText;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
	let n = index + 1;
	let letters = '';
	while (n > 0) {
		const rest = (n - 1) % 26;
		letters = String.fromCharCode(65 + rest) + letters;
		n = Math.floor((n - 1) / 26);
	}
	return letters;
}

function looksLikeData(value: string): boolean {
	const v = value.trim();
	if (v === '') return false;
	if (EMAIL_PATTERN.test(v)) return true;
	const date = readDate(v);
	if (date.kind === 'ambiguous') return true;
	return (
		(date.kind === 'canonical' || date.kind === 'certain') &&
		isRealDate(date.year, date.month, date.day)
	);
}

/** Whether the first pasted row names its columns (a template field by name, and no data). */
export function looksLikeHeader(cells: readonly string[]): boolean {
	if (cells.some(looksLikeData)) return false;
	return cells.some((cell) => matchHeaderName(cell) !== null);
}

// The reader picks the delimiter from the header line: a `;` or tab there must be inside quotes.
function pastedField(value: string): string {
	return /[;\t]/.test(value) && !value.includes('"') ? `"${value}"` : csvField(value);
}

/**
 * The cells as a CSV file for the importer. When the first row is no header, `Column A, Column B,
 * …` goes above it so every pasted row is a client and the mapping step matches by content; a
 * header shorter than the widest row gets those names for its missing columns.
 */
export function pastedCsv(rows: string[][]): string {
	const columns = width(rows);
	if (columns === 0) return '';
	const named = looksLikeHeader(rows[0] as string[]);
	const header = Array.from({ length: columns }, (_, c) => {
		const given = named ? (rows[0] as string[])[c]?.trim() : '';
		return given ? given : `Column ${columnLetters(c)}`;
	});
	const body = named ? rows.slice(1) : rows;
	const lines = [header, ...body].map((cells) => {
		const full = Array.from({ length: columns }, (_, c) => cells[c] ?? '');
		return full.map(pastedField).join(',') + CRLF;
	});
	return lines.join('');
}
