// Errors and files that reach the pro from outside the components (storage, sync, worker) speak
// the app's language; English stays the default.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/messages.ts';
import { StorageFullError } from '../../src/storage/errors.ts';
import { ImportApiClient, type FetchLike } from '../../src/sync/api-client.ts';
import { FakeImportApi } from './storage/fake-import-api.ts';
import { HEADER, line } from './helpers.ts';
import { harness, uniqueName } from './worker/harness.ts';
import { ONE_CHUNK } from './sync/outbox-fixture.ts';

const FILE =
	[
		HEADER,
		line({ email_address: 'ann@example.com' }),
		line({ email_address: 'bob(at)example.com', first_name: 'Bob' }),
	].join('\r\n') + '\r\n';

const CHUNK = ONE_CHUNK;

function client(fetch: FetchLike): ImportApiClient {
	return new ImportApiClient(
		{ baseUrl: 'http://api.test/api/v1', token: 't' },
		{ fetch, timeouts: { importMs: 40, quickMs: 40 } },
	);
}

/** A server that never answers: the request ends only when its time limit aborts it. */
const silent: FetchLike = (_input, init) =>
	new Promise((_resolve, reject) => {
		init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
	});

const refusing: FetchLike = async () =>
	new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Invalid token' } }), {
		status: 401,
		headers: { 'Content-Type': 'application/json' },
	});

async function reasonOf(fetch: FetchLike): Promise<string> {
	const outcome = await client(fetch).sendChunk(CHUNK);
	return outcome.kind === 'ok' ? '' : outcome.reason;
}

async function attentionFile(name: string): Promise<string> {
	const h = harness(uniqueName(name));
	await h.importText(FILE);
	const attention = await h.call('export', { kind: 'attention' });
	return await attention.blob.text();
}

afterEach(async () => {
	await loadMessages('en');
});

describe('sync reasons in the app’s language', () => {
	it('says a chunk with no answer in time will be sent again, in French', async () => {
		await loadMessages('fr');
		expect(await reasonOf(silent)).toBe(
			'Le serveur n’a pas répondu en 40 ms\u00a0: ces clients seront renvoyés avec la même clé, aucun ne sera donc importé deux fois.',
		);
	});

	it('says the token was refused in French, keeping the server’s own words', async () => {
		await loadMessages('fr');
		expect(await reasonOf(refusing)).toBe(
			'Le serveur a refusé le jeton — vérifiez-le dans les Paramètres, puis utilisez «\u00a0Envoyer maintenant\u00a0». Détails\u00a0: HTTP 401 — Invalid token',
		);
	});

	it('stays in English by default', async () => {
		expect(await reasonOf(refusing)).toBe(
			'The server refused the token — check it in Settings, then Sync now. Details: HTTP 401 — Invalid token',
		);
	});
});

describe('storage errors in the app’s language', () => {
	it('says the device is full in German', async () => {
		await loadMessages('de');
		expect(new StorageFullError().message).toMatch(/^Auf diesem Gerät ist kein Platz mehr/);
	});

	it('says the device is full in French', async () => {
		await loadMessages('fr');
		expect(new StorageFullError().message).toMatch(
			/^Cet appareil n’a plus de place pour les brouillons de Roster/,
		);
	});
});

describe('a row being sent, over the worker', () => {
	it('refuses an edit and an undo in French, naming the row', async () => {
		const h = harness(uniqueName('locked-fr'), {
			// No sync settings: the batch stays queued, its rows locked.
			engine: { config: async () => null, fetch: new FakeImportApi().fetch, random: () => 0.5 },
		});
		await h.importText(FILE);
		await h.change({ type: 'edit', index: 0, set: { first_name: 'Zoé' } });
		expect((await h.call('sync', {})).queued).toBe(1);
		await loadMessages('fr');
		const edit = await h.failure('edit', { index: 0, set: { first_name: 'Zed' } });
		expect(edit.message).toBe(
			'La ligne 2 est en cours d’envoi à la plateforme\u00a0: modifiez-la une fois l’envoi terminé.',
		);
		const undo = await h.failure('undo', {});
		expect(undo.message).toBe(
			'La ligne 2 est en cours d’envoi à la plateforme\u00a0: annulez une fois l’envoi terminé.',
		);
	});
});

describe('the attention file', () => {
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
