// A placeholder is text: a file name or a client's name that looks like HTML is shown as typed,
// in every language and in the pseudo-locale, never turned into elements.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ImportProgress from '../../src/ui/ImportProgress.svelte';
import type { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { loadMessages } from '../../src/i18n/messages.ts';
import type { Locale } from '../../src/i18n/locales.ts';

const FILE_NAME = '<b>bold</b> & <img src=x onerror="alert(1)">clients.csv';

/** ImportProgress reads the session's progress only; Cancel is not pressed here. */
function importing(fileName: string): DraftSession {
	const progress = { fileName, percent: 40, rowsRead: 1204, savedRows: 1000 };
	return { progress, cancel: () => undefined } as unknown as DraftSession;
}

afterEach(async () => {
	await loadMessages('en');
});

describe('placeholders are plain text', () => {
	it.each<[Locale, boolean]>([
		['en', false],
		['fr', false],
		['de', false],
		['en', true],
	])('%s (pseudo %s): a file name that looks like HTML shows as typed', async (locale, pseudo) => {
		await loadMessages(locale, pseudo);
		const { container } = render(ImportProgress, { session: importing(FILE_NAME) });
		const heading = screen.getByRole('heading', { level: 2 });
		expect(heading.textContent).toContain(FILE_NAME);
		expect(container.querySelector('b, img')).toBeNull();
	});
});
