// The real draft worker service behind the real client, in one process: messages go through the
// dispatcher and the client's parsing exactly as between a page and its worker, one task later
// each way (not structured-cloned: the page never mutates what it receives).
import { DraftWorkerClient, type WorkerLike } from '../../../src/worker/client.ts';
import type { WorkerMessage } from '../../../src/worker/protocol.ts';
import {
	createDraftService,
	type DraftService,
	type ServiceOptions,
} from '../../../src/worker/service.ts';

export interface InProcess {
	client: DraftWorkerClient;
	service: DraftService;
	/** Every message the worker posted, in order. */
	messages: WorkerMessage[];
	/** Makes the worker die as a crashed one does: an error event, no more answers. */
	crash: (message?: string) => void;
}

export function inProcessWorker(options: Omit<ServiceOptions, 'post'>): InProcess {
	const messages: WorkerMessage[] = [];
	let worker: (WorkerLike & { dead: boolean }) | null = null;
	const service = createDraftService({
		...options,
		post: (message) => {
			messages.push(message);
			const to = worker;
			setTimeout(() => {
				if (to && !to.dead) to.onmessage?.({ data: message } as MessageEvent);
			});
		},
	});
	const client = new DraftWorkerClient(() => {
		const w: WorkerLike & { dead: boolean } = {
			dead: false,
			onmessage: null,
			onerror: null,
			postMessage: (data) => {
				setTimeout(() => {
					if (!w.dead) void service.dispatch(data);
				});
			},
			terminate: () => {
				w.dead = true;
			},
		};
		worker = w;
		return w;
	});
	return {
		client,
		service,
		messages,
		crash: (message = 'Out of memory') => {
			const w = worker;
			if (!w) return;
			w.onerror?.({ message } as ErrorEvent);
			w.dead = true;
		},
	};
}
