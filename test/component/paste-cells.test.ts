// Pasting on the home screen over the real draft worker: cells become a draft through the chosen
// file's path, a paste in a text field stays the field's, a copied file is chosen, and a paste
// without cells says so until the next file. (The Paste cells box needs <dialog>'s showModal,
// which jsdom lacks: test/e2e/paste.e2e.ts covers it in Chromium.)
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import HomeScreen from '../../src/ui/HomeScreen.svelte';
import { appOver, client, csvText, realWorker } from './real-worker.ts';
import { draftRecord } from '../unit/storage/harness.ts';

async function setup() {
	const worker = realWorker('paste-cells');
	await worker.repo.create(draftRecord('old', { name: 'Old list' }));
	const app = appOver(worker);
	render(HomeScreen, { app });
	await app.boot();
	await screen.findByRole('heading', { name: 'Old list' }, { timeout: 5000 });
	return { app, worker, user: userEvent.setup() };
}

/** A paste event as the browser sends it (jsdom has no DataTransfer to carry the flavours). */
function paste(
	target: Element,
	flavours: { text?: string; html?: string; files?: File[] },
): ClipboardEvent {
	const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
	const data = {
		getData: (type: string) =>
			type === 'text/plain'
				? (flavours.text ?? '')
				: type === 'text/html'
					? (flavours.html ?? '')
					: '',
		files: flavours.files ?? [],
	};
	Object.defineProperty(event, 'clipboardData', { value: data });
	fireEvent(target, event);
	return event;
}

// Numbers puts only the table's HTML here, each cell's text in a paragraph (one holds two).
const cellsHtml = (cells: string[]) =>
	`<tr>${cells.map((c) => `<td valign="top"><p class="p1">${c}</p></td>`).join('')}</tr>`;
const TABLE =
	'<table cellspacing="0" cellpadding="0" class="t1"><tbody>' +
	cellsHtml([
		'email_address',
		'initial_password',
		'first_name',
		'last_name',
		'birthdate',
		'gender',
	]) +
	cellsHtml([
		'lou@example.com',
		'Hb4#Yq8!Nz2k',
		'Lou',
		'Martin</p><p class="p1">Durand',
		'19811120',
		'female',
	]) +
	cellsHtml(['sam@example.com', 'Tr6$Pm3@Xc9v', 'Sam', 'Petit', '20020108', 'male']) +
	'</tbody></table>';

describe('pasting on the home screen', () => {
	it('starts a draft of Pasted cells.csv from the pasted table, every cell in place', async () => {
		const { app, worker } = await setup();
		const event = paste(document.body, { html: TABLE });
		expect(event.defaultPrevented).toBe(true);
		await waitFor(() => expect(worker.backend.imported).toHaveLength(1));
		expect(worker.backend.inspected).toEqual(['Pasted cells.csv']);
		const draft = worker.backend.imported[0]?.draft;
		expect(draft?.fileName).toBe('Pasted cells.csv');
		expect(draft?.name).toMatch(/^Pasted cells\.csv · /);
		expect(app.screen).toBe('draft');
		const rows = await worker.stored(draft?.id ?? '');
		expect(rows.map((r) => [r.email_address, r.first_name, r.last_name, r.row])).toEqual([
			['lou@example.com', 'Lou', 'Martin\nDurand', 2],
			['sam@example.com', 'Sam', 'Petit', 3],
		]);
	});

	it('leaves a paste in a text field to the field', async () => {
		const { app, worker, user } = await setup();
		await user.click(screen.getByRole('button', { name: 'Rename Old list' }));
		const input = screen.getByRole('textbox', { name: 'New name for Old list' });
		expect(input).toHaveFocus();
		const event = paste(input, { text: 'lou@example.com\tLou\nsam@example.com\tSam' });
		// Reading a paste starts at once (the session says it is inspecting): nothing started.
		expect(event.defaultPrevented).toBe(false);
		expect(app.session.phase).toBe('idle');
		expect(worker.backend.inspected).toEqual([]);
	});

	it('chooses a file copied in the file manager, as if it had been picked', async () => {
		const { worker } = await setup();
		const file = new File([csvText([client(2)])], 'copied.csv', { type: 'text/csv' });
		paste(document.body, { files: [file] });
		await waitFor(() => expect(worker.backend.inspected).toEqual(['copied.csv']));
	});

	it('says a paste held no cells, until a file is chosen', async () => {
		const { app, worker, user } = await setup();
		paste(document.body, { text: '\n\t\n', html: '<b>no table</b>' });
		expect(await screen.findByTestId('file-problem')).toHaveTextContent(
			'The paste held no cells. Copy a range of cells in your spreadsheet',
		);
		expect(app.session.phase).toBe('idle');
		expect(worker.backend.inspected).toEqual([]);

		const file = new File([csvText([client(2)])], 'clients.csv', { type: 'text/csv' });
		await user.upload(screen.getByLabelText(/^Choose a CSV file/), file);
		await waitFor(() => expect(worker.backend.inspected).toEqual(['clients.csv']));
		expect(screen.queryByText(/The paste held no cells/)).not.toBeInTheDocument();
	});
});
