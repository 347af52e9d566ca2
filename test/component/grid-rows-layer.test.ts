// Scrolling the draft grid moves the rows' layer, not each row (src/ui/grid/viewport.ts,
// rowsAnchor): a row keeps its inline style while it stays drawn, so the browser does not
// restyle every row with its cells at each step (past the scroll cap, a step left each row at a
// fresh fractional offset; docs/decisions.md).
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { tick } from 'svelte';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { appOver, NOW, client, csvText, realWorker } from './real-worker.ts';

const ROWS = Array.from({ length: 80 }, (_, i) => client(i + 2));

/** The inline transform of the grid row showing spreadsheet row `row`. */
function rowTransform(row: number): string {
	const box = screen.getByRole('checkbox', { name: `Select row ${row}` });
	return (box.closest('[role="row"]') as HTMLElement).style.transform;
}

describe('draft grid: scrolling', () => {
	it('moves the rows together: a row still drawn keeps its own place', async () => {
		const worker = realWorker('grid-rows-layer');
		const id = await worker.seed(csvText(ROWS));
		const session = new DraftSession(worker.backend, { clock: () => NOW });
		const app = appOver(worker, { session });
		const { container } = render(DraftScreen, { app });
		await app.openDraft(id);
		await screen.findByRole('checkbox', { name: 'Select row 10' }, { timeout: 5000 });
		const layer = container.querySelector<HTMLElement>('.rows');
		const scroller = container.querySelector<HTMLElement>('.scroller');
		if (!layer || !scroller) throw new Error('the grid has no rows layer or scroller');
		const [rowBefore, layerBefore] = [rowTransform(10), layer.style.transform];

		// Three rows down, as a wheel or a flick moves it.
		scroller.scrollTop = 3 * 44;
		scroller.dispatchEvent(new Event('scroll'));
		await tick();
		await screen.findByRole('checkbox', { name: 'Select row 18' });

		expect(layer.style.transform).not.toBe(layerBefore);
		expect(rowTransform(10)).toBe(rowBefore);
	});
});
