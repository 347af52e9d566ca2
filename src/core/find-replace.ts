// Find-and-replace over one cell's text or one row's tags: the matching the worker's `replace`
// and `replaceCount` share, so the preview count and the change never disagree. The text the pro
// types is literal (never a pattern), and a case-insensitive match keeps the rest of the cell as
// written: only the matched part is replaced.

/** What to find and what to write instead (the `ReplaceQuery` of the worker, minus its column). */
export interface TextQuery {
	find: string;
	replace: string;
	/** The whole cell must equal `find`; otherwise every occurrence inside it is replaced. */
	wholeCell: boolean;
	caseSensitive: boolean;
}

/**
 * A string folded for a case-insensitive match, with where each of its code units came from.
 * Lower-casing can change a text's length (`İ` becomes `i̇`), so folded offsets are mapped back
 * to the original; `map` is null when the fold kept every offset (plain ASCII).
 */
interface Folded {
	text: string;
	/** Original offset of each folded code unit, and the original length at [text.length]. */
	map: Int32Array | null;
	/** 1 where a folded code unit starts an original character's folding (a valid match edge). */
	edge: Uint8Array | null;
}

function isAscii(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return false;
	return true;
}

/**
 * Lower-cases character by character, not the string as a whole: `toLowerCase` of a whole string
 * reads a Greek Σ at the end of a word as ς, so "ΟΔΟΣ" would not be found in "ΟΔΟΣΑ". Folding
 * each character alone treats the cell and the text looked for the same way. Not the locale's
 * rules: the worker must match the same cells on every device.
 */
function fold(value: string): Folded {
	if (isAscii(value)) return { text: value.toLowerCase(), map: null, edge: null };
	// Nearly always the whole string lower-cases as its characters do, offsets kept: only a
	// length change or a final sigma needs the character-by-character fold.
	const whole = value.toLowerCase();
	if (whole.length === value.length && !whole.includes('ς'))
		return { text: whole, map: null, edge: null };
	const parts: string[] = [];
	const origin: number[] = [];
	const edges: number[] = [];
	for (let i = 0; i < value.length;) {
		const cp = value.codePointAt(i) as number;
		const width = cp > 0xffff ? 2 : 1;
		const lower = String.fromCodePoint(cp).toLowerCase();
		parts.push(lower);
		for (let k = 0; k < lower.length; k++) {
			origin.push(i);
			edges.push(k === 0 ? 1 : 0);
		}
		i += width;
	}
	origin.push(value.length);
	edges.push(1);
	return { text: parts.join(''), map: Int32Array.from(origin), edge: Uint8Array.from(edges) };
}

/** A query prepared once for many cells. */
export interface Replacer {
	/** The cell with every match replaced, or null when it would not change. */
	text(value: string): string | null;
	/** The tags with the query applied to each (a tag replaced by '' is removed), or null. */
	tags(tags: readonly string[]): string[] | null;
	/** Whether `text(value)` would change the cell, without building what it would write. */
	changes(value: string): boolean;
	/**
	 * Every occurrence of the text looked for changes its cell (a part of the cell is replaced by
	 * something else), so a cell that holds one changes: a count need not read it.
	 */
	readonly anyMatchChanges: boolean;
}

export function replacer(query: TextQuery): Replacer {
	const { find, replace, wholeCell, caseSensitive } = query;
	const needle = caseSensitive ? find : fold(find).text;
	// A cell this short cannot hold the text looked for: most cells are skipped on their length.
	const shortest = caseSensitive ? find.length : 0;

	function insensitive(value: string): string {
		const folded = fold(value);
		if (wholeCell) return folded.text === needle ? replace : value;
		const { text, map, edge } = folded;
		let out = '';
		let from = 0;
		let matched = false;
		for (let at = text.indexOf(needle); at !== -1;) {
			const end = at + needle.length;
			// A match must start and end on whole characters of the cell as written.
			if (edge && (edge[at] !== 1 || edge[end] !== 1)) {
				at = text.indexOf(needle, at + 1);
				continue;
			}
			const start = map ? (map[at] as number) : at;
			out += value.slice(from, start) + replace;
			from = map ? (map[end] as number) : end;
			matched = true;
			at = text.indexOf(needle, end);
		}
		return matched ? out + value.slice(from) : value;
	}

	function text(value: string): string | null {
		if (value.length < shortest) return null;
		let result: string;
		if (caseSensitive) {
			if (wholeCell) result = value === find ? replace : value;
			else if (!value.includes(find)) return null;
			// split/join, not replaceAll: a replacement's `$&` must stay literal.
			else result = value.split(find).join(replace);
		} else result = insensitive(value);
		return result === value ? null : result;
	}

	function tags(list: readonly string[]): string[] | null {
		let out: string[] | null = null;
		for (let i = 0; i < list.length; i++) {
			const tag = list[i] as string;
			const next = text(tag);
			if (next === null) {
				out?.push(tag);
				continue;
			}
			out ??= list.slice(0, i);
			if (next !== '') out.push(next);
		}
		return out;
	}

	// A replacement that folds unlike the text looked for changes every cell it matches: only
	// one that folds alike (`gmail` for `GMAIL`) may write what is there already.
	const foldsAlike = caseSensitive ? replace === find : fold(replace).text === needle;

	function changes(value: string): boolean {
		if (value.length < shortest) return false;
		if (caseSensitive && foldsAlike) return false;
		if (caseSensitive) return wholeCell ? value === find : value.includes(find);
		if (!foldsAlike) {
			const folded = fold(value);
			if (wholeCell) return folded.text === needle;
			if (!folded.edge) return folded.text.includes(needle);
		}
		return text(value) !== null;
	}

	return { text, tags, changes, anyMatchChanges: !wholeCell && !foldsAlike };
}

/**
 * What to look for in a text lower-cased as a whole (a block of the record store's joined
 * values) so that every cell this query matches case-insensitively holds it, or null when that
 * cannot be: a whole text lower-cases as its characters one by one except for the Greek final
 * sigma, so a text with a sigma is looked for cell by cell.
 */
export function searchNeedle(find: string): string | null {
	const needle = fold(find).text;
	return /[σς]/.test(needle) ? null : needle;
}

/** `value` with every match of `query` replaced, or null when nothing would change. */
export function replaceIn(value: string, query: TextQuery): string | null {
	return replacer(query).text(value);
}

/** `tags` with `query` applied to each tag (a tag replaced by '' is removed), or null. */
export function replaceInTags(tags: readonly string[], query: TextQuery): string[] | null {
	return replacer(query).tags(tags);
}

/**
 * A tag cell as the pro types it: tags separated by commas or semicolons (spreadsheets in
 * locales with a decimal comma list with semicolons), spaces around each dropped, empty ones
 * skipped. The grid's tag cell and "Set value" on tags both read it so.
 */
export function splitTags(value: string): string[] {
	const out: string[] = [];
	for (const part of value.split(/[,;]/)) {
		const tag = part.trim();
		if (tag !== '') out.push(tag);
	}
	return out;
}
