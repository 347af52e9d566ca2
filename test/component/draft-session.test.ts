// The open draft's session when answers arrive out of order: a file that replaced another stays
// on screen when the first one's "cancelled" (or its late result) comes in after it.
import { describe, expect, it } from 'vitest';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { ImportCancelled, type Opened } from '../../src/worker/client.ts';
import { FakeDraftBackend, client } from './fake-draft-backend.ts';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((a, b) => {
		resolve = a;
		reject = b;
	});
	return { promise, resolve, reject };
}

describe('DraftSession with answers out of order', () => {
	it('keeps the second file open when the first one is reported cancelled afterwards', async () => {
		const backend = new FakeDraftBackend({ records: [client(2), client(3)], name: 'small' });
		const opened = await backend.open(backend.id);
		const first = deferred<Opened>();
		backend.import = (file: File) =>
			file.name === 'big.csv' ? first.promise : Promise.resolve(opened);
		const session = new DraftSession(backend);

		const big = session.importFile(new File(['x'], 'big.csv'));
		await session.importFile(new File(['y'], 'small.csv'));
		expect(session.phase).toBe('open');
		// The worker aborted the big file for the small one; its answer comes last.
		first.reject(new ImportCancelled());
		await big;
		expect(session.phase).toBe('open');
		expect(session.fileName).toBe('small.csv');
		expect(session.draft?.name).toBe('small');
	});

	it('ignores a superseded import that finishes late', async () => {
		const backend = new FakeDraftBackend({ records: [client(2)], name: 'second' });
		const opened = await backend.open(backend.id);
		const first = deferred<Opened>();
		backend.import = (file: File) =>
			file.name === 'a.csv' ? first.promise : Promise.resolve(opened);
		const session = new DraftSession(backend);
		const a = session.importFile(new File(['x'], 'a.csv'));
		await session.importFile(new File(['y'], 'b.csv'));
		first.resolve({ ...opened, draft: { ...opened.draft, name: 'first' } });
		await a;
		expect(session.draft?.name).toBe('second');
	});
});
