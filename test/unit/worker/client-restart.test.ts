// A worker that dies without an `error` event (out of memory, closed from DevTools), a message
// the page cannot read, and calls that never answer: the client finds each one, replaces a dead
// worker, and fails a call past its time limit with words that name it and say what to do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	DEFAULT_TIMEOUT,
	DraftWorkerClient,
	timeoutMessage,
	type ClientOptions,
	type WorkerLike,
} from '../../../src/worker/client.ts';
import type { EventPayload } from '../../../src/worker/protocol.ts';

type Sent = { id: number; name: string; args: unknown };
type Fake = WorkerLike & { terminated: boolean; sent: Sent[]; answerPings: boolean };

/** Workers that answer the heartbeat (until told not to) and nothing else unless a test says. */
function fakeWorkers(options: ClientOptions = {}) {
	const workers: Fake[] = [];
	const client = new DraftWorkerClient(() => {
		const w: Fake = {
			terminated: false,
			sent: [],
			answerPings: true,
			onmessage: null,
			onerror: null,
			onmessageerror: null,
			postMessage: (m: unknown) => {
				const message = m as Sent;
				w.sent.push(message);
				if (message.name === 'ping' && w.answerPings)
					queueMicrotask(() => reply(w, { kind: 'result', id: message.id, result: null }));
			},
			terminate: () => {
				w.terminated = true;
			},
		};
		workers.push(w);
		return w;
	}, options);
	const reply = (w: Fake, data: unknown) => w.onmessage?.({ data } as MessageEvent);
	const failed: EventPayload<'failed'>[] = [];
	client.on('failed', (f) => failed.push(f));
	return { client, workers, reply, failed };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('DraftWorkerClient: a worker that stops answering', () => {
	it('is replaced after the missed heartbeats, its calls fail, and the new worker resumes sending', async () => {
		const { client, workers, failed } = fakeWorkers({ heartbeatMs: 1000, missedBeats: 3 });
		const edit = client.call('edit', { index: 3, set: { email_address: 'a@example.org' } });
		const outcome = edit.then(
			() => 'answered',
			(e: unknown) => e,
		);
		// Alive: pings are answered, so nothing happens however long the edit takes to come back.
		await vi.advanceTimersByTimeAsync(10_000);
		expect(workers).toHaveLength(1);
		// Out of memory: Chromium ends the worker without an error event; it answers nothing.
		workers[0]!.answerPings = false;
		await vi.advanceTimersByTimeAsync(3000);
		expect(workers).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1000);
		expect(workers[0]!.terminated).toBe(true);
		expect(workers).toHaveLength(2);
		expect(await outcome).toMatchObject({
			reason: 'crashed',
			message: expect.stringMatching(/stopped \(it stopped answering for 3 seconds\).*restarted/),
		});
		expect(failed).toEqual([expect.objectContaining({ reason: 'crashed' })]);
		expect(workers[1]!.sent.map((m) => m.name)).toContain('syncNow');
		client.terminate();
	});

	it('keeps a busy worker that is still talking, though its ping waits behind the work', async () => {
		const { client, workers, reply } = fakeWorkers({ heartbeatMs: 1000, missedBeats: 3 });
		const running = client.call(
			'import',
			{ file: new Blob(['x']), name: 'a.csv', lastModified: 0, today: '20261203' },
			{ onProgress: () => undefined },
		);
		const w = workers[0]!;
		w.answerPings = false;
		const id = w.sent[0]!.id;
		for (let s = 0; s < 20; s++) {
			await vi.advanceTimersByTimeAsync(1000);
			const progress = { call: id, bytesRead: s, totalBytes: 20, rows: s, savedRows: s };
			reply(w, { kind: 'event', name: 'progress', payload: progress });
		}
		expect(workers).toHaveLength(1);
		expect(w.terminated).toBe(false);
		running.catch(() => undefined);
		client.terminate();
	});

	it('gives a worker busy with whole-draft work longer before it counts as dead', async () => {
		const { client, workers } = fakeWorkers({ heartbeatMs: 1000, missedBeats: 3, busyBeats: 10 });
		const exported = client.call('export', { kind: 'clean' });
		exported.catch(() => undefined);
		// A big export holds the worker: no answer to pings, no progress.
		workers[0]!.answerPings = false;
		await vi.advanceTimersByTimeAsync(5000);
		expect(workers).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(6000);
		expect(workers).toHaveLength(2);
		await expect(exported).rejects.toMatchObject({
			message: expect.stringMatching(/it stopped answering for 10 seconds/),
		});
		client.terminate();
	});

	it('starts a new worker when a message from the worker cannot be read', async () => {
		const { client, workers, failed } = fakeWorkers();
		const call = client.call('rows', { offset: 0, limit: 10 });
		workers[0]!.onmessageerror?.({ data: null } as MessageEvent);
		await expect(call).rejects.toMatchObject({
			reason: 'crashed',
			message: expect.stringMatching(/could not be read/),
		});
		expect(workers[0]!.terminated).toBe(true);
		expect(workers).toHaveLength(2);
		expect(failed.map((f) => f.reason)).toEqual(['crashed']);
		client.terminate();
	});
});

describe('DraftWorkerClient: time limits', () => {
	it('fails a call that never answers with a message naming it and what to do', async () => {
		const { client, workers } = fakeWorkers();
		const mappings = client.call('mappings', {});
		const outcome = mappings.then(
			() => 'answered',
			(e: unknown) => e,
		);
		await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT - 1);
		await vi.advanceTimersByTimeAsync(1);
		const error = await outcome;
		expect(error).toMatchObject({ reason: 'timeout' });
		expect((error as Error).message).toBe(
			'Reading the remembered columns took longer than 45 seconds, so Roster stopped waiting for it. Try again. If Roster stays stuck, reload the page: your saved work is kept.',
		);
		// The worker answers pings: it is slow, not dead, and stays.
		expect(workers).toHaveLength(1);
		// A late answer to the call changes nothing.
		workers[0]!.onmessage?.({
			data: { kind: 'result', id: workers[0]!.sent[0]!.id, result: [] },
		} as MessageEvent);
		client.terminate();
	});

	it('says an edit that timed out may not have been saved', () => {
		expect(timeoutMessage('edit', 120_000)).toMatch(
			/^Saving your edit took longer than 2 minutes.*may or may not have been saved: check the draft/,
		);
	});

	it('gives an import a new time limit with each progress event, and cancels it past the limit', async () => {
		const { client, workers, reply } = fakeWorkers({ timeout: () => 5000 });
		const running = client.call(
			'import',
			{ file: new Blob(['x']), name: 'a.csv', lastModified: 0, today: '20261203' },
			{ onProgress: () => undefined },
		);
		const outcome = running.then(
			() => 'answered',
			(e: unknown) => e,
		);
		const w = workers[0]!;
		const id = w.sent[0]!.id;
		// 12 s in all, never 5 s without progress: still running.
		for (let s = 1; s <= 4; s++) {
			await vi.advanceTimersByTimeAsync(3000);
			reply(w, {
				kind: 'event',
				name: 'progress',
				payload: { call: id, bytesRead: s, totalBytes: 9, rows: s, savedRows: 0 },
			});
		}
		expect(w.sent.filter((m) => m.name === 'cancel')).toEqual([]);
		await vi.advanceTimersByTimeAsync(5000);
		expect(await outcome).toMatchObject({
			reason: 'timeout',
			message: expect.stringMatching(/^Importing the file took longer than 5 seconds/),
		});
		expect(w.sent.filter((m) => m.name === 'cancel')).toEqual([
			expect.objectContaining({ args: { target: id } }),
		]);
		client.terminate();
	});
});
