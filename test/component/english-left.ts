// What the French component tests compare: an area's English words that French says otherwise,
// and everything a set of elements shows or says. Shared by i18n-draft and i18n-grid.

type Entry = string | { match: Record<string, string> }[];

/** Every wording of a message: the text, or each plural form. */
function forms(entry: Entry | undefined): string[] {
	if (entry === undefined) return [];
	return typeof entry === 'string' ? [entry] : entry.flatMap((v) => Object.values(v.match));
}

/**
 * The English words of an area that French says otherwise: each message's text between its
 * placeholders, trimmed by `tidy`, when French does not use the same words.
 */
export function englishFragments(
	en: object,
	fr: object,
	tidy: (part: string) => string = (part) => part.trim(),
): string[] {
	const french = fr as Record<string, Entry>;
	const out = new Set<string>();
	for (const [key, entry] of Object.entries(en as Record<string, Entry>)) {
		if (key === '$schema') continue;
		const theirs = forms(french[key]).join('\n');
		for (const text of forms(entry))
			for (const part of text.split(/\{[^}]+\}/)) {
				const words = tidy(part);
				if (words.length >= 3 && !theirs.includes(words)) out.add(words);
			}
	}
	return [...out];
}

/** Everything these elements show or say: text, and the aria-label, title and placeholder. */
export function shown(roots: readonly Element[]): string {
	const parts: string[] = [];
	for (const root of roots)
		for (const el of [root, ...root.querySelectorAll('*')]) {
			if (el.children.length === 0) parts.push(el.textContent ?? '');
			for (const name of ['aria-label', 'title', 'placeholder'])
				parts.push(el.getAttribute(name) ?? '');
		}
	return parts.join('\n');
}
