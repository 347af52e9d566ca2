// Exporting a draft from the home screen's list: the file is saved and the list says how many
// clients it holds, in words that agree with the number ("1 client", not "1 clients").
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import HomeScreen from '../../src/ui/HomeScreen.svelte';
import { appOver, client, csvText, realWorker } from './real-worker.ts';

// jsdom has no object URLs and cannot follow a download link: the download itself is the
// browser's (the e2e tests check it); here it is enough that the link was clicked.
let clicked: string[] = [];
beforeEach(() => {
	clicked = [];
	URL.createObjectURL = vi.fn(() => 'blob:roster-test');
	URL.revokeObjectURL = vi.fn();
	vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
		this: HTMLAnchorElement,
	) {
		clicked.push(this.download);
	});
});
afterEach(() => vi.restoreAllMocks());

it.each([
	[[client(2)], 'with 1 client.'],
	[[client(2), client(3), client(4, { email_address: 'bad' })], 'with 2 clients.'],
])('says how many clients the exported clean file holds', async (rows, words) => {
	const worker = realWorker('draft-list-export');
	await worker.seed(csvText(rows), 'spring.csv');
	const app = appOver(worker);
	render(HomeScreen, { app });
	await app.boot();
	const user = userEvent.setup();
	await user.click(
		await screen.findByRole(
			'button',
			{ name: /^Export clean CSV of spring\.csv/ },
			{ timeout: 5000 },
		),
	);
	expect(await screen.findByText(`Saved spring-ready.csv ${words}`)).toBeInTheDocument();
	expect(URL.createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
	expect(clicked).toEqual(['spring-ready.csv']);
});
