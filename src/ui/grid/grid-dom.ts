// The grid's small DOM jobs as Svelte actions, kept out of DraftGrid.svelte: the size of its
// viewport, whether all of it is on screen, its tab stop, and where the caret goes when a cell's
// editor opens.

/**
 * Reports the element's inner size as the browser lays it out. A ResizeObserver, not
 * bind:clientHeight: reading clientHeight while the screen is first built forces a layout inside
 * that task (42 ms measured on opening a draft), and reading it on Enter forces one before the
 * frame that would do it anyway; the observer reports after the browser's own layout.
 */
export function observeSize(
	node: HTMLElement,
	onSize: (size: { width: number; height: number }) => void,
) {
	if (typeof ResizeObserver === 'undefined') return {};
	const observer = new ResizeObserver((entries) => {
		const rect = entries[0]?.contentRect;
		if (rect?.height) onSize({ width: rect.width, height: rect.height });
	});
	observer.observe(node);
	return { destroy: () => observer.disconnect() };
}

/**
 * Reports whether the whole element is on screen (the page needs no scroll to show any of it),
 * as the browser finds after each frame. Where IntersectionObserver is missing, it never is.
 */
export function observeWhole(node: HTMLElement, onWhole: (whole: boolean) => void) {
	if (typeof IntersectionObserver === 'undefined') return {};
	const observer = new IntersectionObserver(
		(entries) => {
			const entry = entries.at(-1);
			if (!entry) return;
			const seen = entry.intersectionRect;
			const box = entry.boundingClientRect;
			onWhole(seen.height >= box.height - 1 && seen.width >= box.width - 1);
		},
		// 0.99: a box at a fractional place may never reach a ratio of exactly 1.
		{ threshold: [0, 0.99, 1] },
	);
	observer.observe(node);
	return { destroy: () => observer.disconnect() };
}

/**
 * Makes a cell the grid's one tab stop (`stop`) or takes it out of the tab order (roving
 * tabindex). Set only when it changes: setting `tabindex` on the focused element makes the
 * browser restyle the page at once to see whether it can still be focused (0.8 ms an Enter on a
 * 100k draft, inside the key's task), and the grid makes a cell the tab stop before it focuses it.
 */
export function tabStop(node: HTMLElement, stop: boolean) {
	const set = (on: boolean) => {
		const index = on ? 0 : -1;
		if (node.tabIndex !== index) node.tabIndex = index;
	};
	set(stop);
	return { update: set };
}

/**
 * Focuses a cell's editor. Typing on a cell (`typed`) replaces its value with what was typed, so
 * the caret goes after it; Enter or F2 keep the value, selected, as spreadsheets do.
 */
export function focusEditor(node: HTMLInputElement, typed: boolean) {
	node.focus();
	if (!typed) {
		node.select();
		return;
	}
	// Setting the value again puts the caret at its end, also in type=email inputs, which have no
	// selection API.
	const value = node.value;
	node.value = '';
	node.value = value;
}
