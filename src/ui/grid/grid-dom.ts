// The grid's two small DOM jobs as Svelte actions, kept out of DraftGrid.svelte: the height of
// its viewport, and where the caret goes when a cell's editor opens.

/**
 * Reports the element's height as the browser lays it out. A ResizeObserver, not
 * bind:clientHeight: reading clientHeight while the screen is first built forces a layout inside
 * that task (42 ms measured on opening a draft), where the observer reports after the browser's
 * own layout.
 */
export function observeHeight(node: HTMLElement, onHeight: (height: number) => void) {
	if (typeof ResizeObserver === 'undefined') return {};
	const observer = new ResizeObserver((entries) => {
		const height = entries[0]?.contentRect.height;
		if (height) onHeight(height);
	});
	observer.observe(node);
	return { destroy: () => observer.disconnect() };
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
