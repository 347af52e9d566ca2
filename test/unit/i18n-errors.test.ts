// Errors and files that reach the pro from outside the components (storage, sync, worker) speak
// the app's language; English stays the default.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/messages.ts';
import { HEADER, line } from './helpers.ts';
import { harness, uniqueName } from './worker/harness.ts';

const FILE =
	[
		HEADER,
		line({ email_address: 'ann@example.com' }),
		line({ email_address: 'bob(at)example.com', first_name: 'Bob' }),
	].join('\r\n') + '\r\n';

async function attentionFile(name: string): Promise<string> {
	const h = harness(uniqueName(name));
	await h.importText(FILE);
	const attention = await h.call('export', { kind: 'attention' });
	return await attention.blob.text();
}

describe('the attention file', () => {
	afterEach(async () => {
		await loadMessages('en');
	});

	it('says each problem in English by default', async () => {
		expect(await attentionFile('attention-en')).toContain(
			"Row 3: email 'bob(at)example.com' is not a valid address.",
		);
	});

	it('says each problem in the app’s language', async () => {
		await loadMessages('fr');
		const text = await attentionFile('attention-fr');
		const errors = text.split('\r\n')[1]?.split(',').at(-1) ?? '';
		expect(errors).toMatch(/^Ligne 3/);
		expect(errors).toContain('bob(at)example.com');
		expect(text).not.toContain('is not a valid address');
	});
});
