// The real draft worker service behind the real client, in one process: messages go through the
// dispatcher and the client's parsing exactly as between a page and its worker, one task later
// each way (not structured-cloned: the page never mutates what it receives). Each worker the
// client starts gets a service of its own, so a crash loses what a real worker would lose (the
// open draft, the queue) and keeps what storage holds.
import { DraftWorkerClient, type WorkerLike } from '../../../src/worker/client.ts';
import type { WorkerMessage } from '../../../src/worker/protocol.ts';
import {
	createDraftService,
	type DraftService,
	type ServiceOptions,
} from '../../../src/worker/service.ts';

export interface InProcess {
	client: DraftWorkerClient;
	/** The service of the worker running now (a new one after a crash). */
	readonly service: DraftService;
	/** Every message the workers posted, in order. */
	messages: WorkerMessage[];
	/** Makes the worker die as a crashed one does: an error event, no more answers. */
	crash: (message?: string) => void;
}

type FakeWorker = WorkerLike & { dead: boolean };

export function inProcessWorker(options: Omit<ServiceOptions, 'post'>): InProcess {
	const messages: WorkerMessage[] = [];
	let worker: FakeWorker | null = null;
	let service: DraftService | null = null;
	const client = new DraftWorkerClient(() => {
		const w: FakeWorker = {
			dead: false,
			onmessage: null,
			onerror: null,
			postMessage: (data) => {
				setTimeout(() => {
					if (!w.dead) void own.dispatch(data);
				});
			},
			terminate: () => {
				w.dead = true;
			},
		};
		const own = createDraftService({
			...options,
			post: (message) => {
				if (w.dead) return;
				messages.push(message);
				setTimeout(() => {
					if (!w.dead) w.onmessage?.({ data: message } as MessageEvent);
				});
			},
		});
		worker = w;
		service = own;
		return w;
	});
	return {
		client,
		get service(): DraftService {
			if (!service) throw new Error('No worker has started yet.');
			return service;
		},
		messages,
		crash: (message = 'Out of memory') => {
			const w = worker;
			if (!w) return;
			w.onerror?.({ message } as ErrorEvent);
			w.dead = true;
		},
	};
}
