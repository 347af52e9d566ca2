// How a print run's notices are cut into paper sheets, and the sheets into groups that the
// preview lays out (or skips) as one box: with 1,000 sheets side by side, every frame the browser
// checked each of them (style, visibility, hit testing) and each slice of new notices cost more
// than the last; with groups it checks a few dozen.

/** One paper sheet: its page number (from 1) and the notices on it. */
export interface Sheet<T> {
	page: number;
	notices: T[];
}

/** Sheets per group: a group on screen is laid out whole, so it stays a handful of pages. */
export const SHEETS_PER_GROUP = 10;

/** Every notice on its sheet, `perPage` to a sheet, the sheets in groups of `perGroup`. */
export function sheetGroups<T>(
	notices: readonly T[],
	perPage: number,
	perGroup = SHEETS_PER_GROUP,
): Sheet<T>[][] {
	const groups: Sheet<T>[][] = [];
	const step = Math.max(1, Math.floor(perPage));
	const size = Math.max(1, Math.floor(perGroup));
	for (let i = 0, page = 1; i < notices.length; i += step, page++) {
		const sheet = { page, notices: notices.slice(i, i + step) };
		const last = groups[groups.length - 1];
		if (last && last.length < size) last.push(sheet);
		else groups.push([sheet]);
	}
	return groups;
}

/**
 * The groups holding the first `shown` notices: whole groups are the very objects given (so the
 * page leaves them alone as more are built), and only the last one, while it fills, is a copy.
 */
export function builtGroups<T>(
	groups: readonly Sheet<T>[][],
	shown: number,
	perPage: number,
): Sheet<T>[][] {
	const sheets = Math.ceil(Math.max(0, shown) / Math.max(1, Math.floor(perPage)));
	const out: Sheet<T>[][] = [];
	let left = sheets;
	for (const group of groups) {
		if (left <= 0) break;
		out.push(left >= group.length ? group : group.slice(0, left));
		left -= group.length;
	}
	return out;
}
