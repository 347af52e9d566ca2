// The draft header's line on how the file was read follows the date order the pro chooses, and
// its undo (it showed the order the draft was opened with until the draft was opened again).
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import DraftScreen from '../../src/ui/DraftScreen.svelte';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

it('says how ambiguous dates are read once the pro chooses, and no more after Undo', async () => {
	const worker = realWorker('draft-header');
	const id = await worker.seed(csvText([client(2, { birthdate: '03/04/1990' }), client(3)]));
	const app = appOver(worker);
	render(DraftScreen, { app });
	await app.openDraft(id);
	const how = await screen.findByText(/read as UTF-8, comma-separated/);
	expect(how.textContent).not.toMatch(/ambiguous dates/);
	const user = userEvent.setup();

	await user.click(await screen.findByRole('button', { name: /Day first/ }));
	await expect.poll(() => how.textContent).toMatch(/; ambiguous dates read day-first\.$/);
	expect((await worker.stored(id))[0]?.birthdate).toBe('19900403');

	await user.click(screen.getByRole('button', { name: /^Undo/ }));
	await expect.poll(() => how.textContent).not.toMatch(/ambiguous dates/);
	expect((await worker.stored(id))[0]?.birthdate).toBe('03/04/1990');
});
