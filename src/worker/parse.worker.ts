// The parse worker: decodes and CSV-parses the second part of a big file for the draft worker
// (src/worker/parse-split.ts), which starts it, and posts the records back in batches.
import { z } from 'zod';
import { blobSource } from './blob-source.ts';
import { parsePart, PartChecksSchema, PartStartSchema, type PartMessage } from './parse-part.ts';
import type { RowChecks } from '../core/checked-rows.ts';

// zod's compiled fast path needs eval, which the app's CSP forbids: use the interpreter.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: PartMessage, transfer: Transferable[]) =>
	scope.postMessage(message, transfer);

let told: (checks: RowChecks | null) => void = () => undefined;
const checks = new Promise<RowChecks | null>((resolve) => (told = resolve));

// The first message says which part to read; the second, how to check its rows.
scope.onmessage = (event: MessageEvent<unknown>) => {
	const start = PartStartSchema.safeParse(event.data);
	if (!start.success) {
		post({ kind: 'failed', reason: 'error' }, []);
		return;
	}
	scope.onmessage = (next: MessageEvent<unknown>) => {
		const message = PartChecksSchema.safeParse(next.data);
		// Rows that cannot be checked here are sent as cells, for the draft worker to check.
		told(message.success ? message.data.checks : null);
	};
	const { blob, ...how } = start.data;
	void parsePart(blobSource(blob).chunks(), how, post, checks);
};
