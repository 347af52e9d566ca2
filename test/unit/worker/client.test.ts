// The worker client's failure paths: a worker that crashes, a message it cannot read, and the
// calls that come after a crash (a new worker takes them: the draft is safe in storage).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DraftWorkerClient, WorkerError, type WorkerLike } from '../../../src/worker/client.ts';
import type { EventPayload } from '../../../src/worker/protocol.ts';
import { clientsCsv, harness, uniqueName } from './harness.ts';

/** A worker that records what it is sent and answers only what a test tells it to. */
function scriptedWorker() {
	const sent: { id: number; name: string; args: unknown }[] = [];
	const workers: (WorkerLike & { terminated: boolean })[] = [];
	const client = new DraftWorkerClient(() => {
		const w = {
			terminated: false,
			onmessage: null,
			onerror: null,
			postMessage: (m: unknown) => sent.push(m as (typeof sent)[number]),
			terminate: () => {
				w.terminated = true;
			},
		} as WorkerLike & { terminated: boolean };
		workers.push(w);
		return w;
	});
	const reply = (data: unknown, worker = workers.at(-1)) =>
		worker?.onmessage?.({ data } as MessageEvent);
	return { client, sent, workers, reply };
}

describe('DraftWorkerClient', () => {
	it('fails the calls in flight when the worker crashes, and sends later ones to a new worker', async () => {
		const name = uniqueName('client-crash');
		const h = harness(name);
		const { draft } = await h.importText(clientsCsv(3));
		const failed: EventPayload<'failed'>[] = [];
		h.client.on('failed', (f) => failed.push(f));
		const inFlight = h.call('rows', { offset: 0, limit: 10 });
		h.crash('Out of memory');
		await expect(inFlight).rejects.toMatchObject({ reason: 'crashed' });
		expect(failed).toEqual([
			expect.objectContaining({ reason: 'crashed', message: expect.stringMatching(/safe/) }),
		]);
		// The next call goes to a new worker, which opens the draft from storage.
		const again = await h.open(draft.id);
		expect(again.state.counts.rows).toBe(3);
		expect((await h.rows(0, 3)).map((r) => r.row)).toEqual([2, 3, 4]);
	});

	it('rejects a call whose answer does not match its schema, and keeps serving others', async () => {
		const { client, sent, reply } = scriptedWorker();
		const bad = client.call('locate', { index: 3 });
		const good = client.call('locate', { index: 4 });
		expect(sent.map((m) => m.name)).toEqual(['locate', 'locate']);
		reply({ kind: 'result', id: sent[0]!.id, result: { position: 'three' } });
		reply({ kind: 'result', id: sent[1]!.id, result: { position: 4 } });
		await expect(bad).rejects.toThrow(/Unexpected answer to “locate”/);
		await expect(good).resolves.toEqual({ position: 4 });
	});

	it('rejects the call a malformed message names, and reports one that names none', async () => {
		const { client, sent, reply } = scriptedWorker();
		const failed: EventPayload<'failed'>[] = [];
		client.on('failed', (f) => failed.push(f));
		const call = client.call('close', {});
		reply({ kind: 'nonsense', id: sent[0]!.id });
		await expect(call).rejects.toBeInstanceOf(WorkerError);
		reply('garbage');
		reply({ kind: 'event', name: 'changed', payload: { state: 'not a state' } });
		expect(failed.map((f) => f.reason)).toEqual(['error', 'error']);
		expect(failed[1]!.message).toMatch(/“changed” event/);
	});

	it('starts a new worker at once after a crash, which resumes sending and forgets the old status', async () => {
		const { client, sent, workers, reply } = scriptedWorker();
		const first = client.call('close', {});
		const status = { phase: 'sending', waiting: 5, done: 1, total: 2, message: '', nextAt: null };
		reply({ kind: 'event', name: 'syncStatus', payload: status });
		workers[0]!.onerror?.({ message: 'boom' } as ErrorEvent);
		await expect(first).rejects.toMatchObject({ reason: 'crashed' });
		expect(workers[0]!.terminated).toBe(true);
		// The new worker is told to send what waits in the outbox, as at the app's start.
		expect(workers).toHaveLength(2);
		expect(sent.at(-1)).toMatchObject({ name: 'syncNow' });
		// "Sending 1 of 2" was the dead worker's: a new listener hears nothing until the new one speaks.
		const heard: unknown[] = [];
		client.on('syncStatus', (s) => heard.push(s));
		expect(heard).toEqual([]);
		const second = client.call('close', {});
		expect(workers).toHaveLength(2);
		// A late error from the dead worker must not fail the new worker's calls.
		workers[0]!.onerror?.({ message: 'late' } as ErrorEvent);
		reply({ kind: 'result', id: sent.at(-1)!.id, result: null });
		await expect(second).resolves.toBeNull();
		client.terminate();
		await expect(client.call('close', {})).rejects.toThrow(/closed/);
	});

	it('fails a call that cannot be sent, and does not keep it pending', async () => {
		const { client, workers } = scriptedWorker();
		void client.call('close', {}).catch(() => undefined);
		workers[0]!.postMessage = () => {
			throw new DOMException('could not be cloned', 'DataCloneError');
		};
		await expect(client.call('locate', { index: 1 })).rejects.toThrow(/cloned/);
		// It is not pending: cancelling `locate` finds nothing to cancel, so sends nothing.
		const later: unknown[] = [];
		workers[0]!.postMessage = (m: unknown) => later.push(m);
		client.cancel('locate');
		expect(later).toEqual([]);
	});

	it('routes progress to its call and replays the last sync status to a new listener', async () => {
		const { client, sent, reply } = scriptedWorker();
		const seen: number[] = [];
		const running = client.call(
			'import',
			{ file: new Blob(['x']), name: 'a.csv', lastModified: 0, today: '20261203' },
			{ onProgress: (p) => seen.push(p.rows) },
		);
		const progress = { bytesRead: 1, totalBytes: 2, rows: 7, savedRows: 0 };
		reply({ kind: 'event', name: 'progress', payload: { call: sent[0]!.id, ...progress } });
		reply({ kind: 'event', name: 'progress', payload: { call: 999, ...progress, rows: 8 } });
		expect(seen).toEqual([7]);
		const status = { phase: 'idle', waiting: 0, done: 0, total: 0, message: '', nextAt: null };
		reply({ kind: 'event', name: 'syncStatus', payload: status });
		const late: unknown[] = [];
		client.on('syncStatus', (s) => late.push(s));
		expect(late).toEqual([status]);
		client.cancel('import');
		expect(sent.at(-1)).toMatchObject({ name: 'cancel', args: { target: sent[0]!.id } });
		reply({ kind: 'error', id: sent[0]!.id, error: { reason: 'cancelled', message: 'x' } });
		await expect(running).rejects.toMatchObject({ name: 'ImportCancelled' });
	});
});
