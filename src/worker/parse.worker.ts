// The parse worker: decodes and CSV-parses the second part of a big file for the draft worker
// (src/worker/parse-split.ts), which starts it, and posts the records back in batches.
import { z } from 'zod';
import { blobSource } from './blob-source.ts';
import { parsePart, PartStartSchema, type PartMessage } from './parse-part.ts';

// zod's compiled fast path needs eval, which the app's CSP forbids: use the interpreter.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: PartMessage, transfer: Transferable[]) =>
	scope.postMessage(message, transfer);

scope.onmessage = (event: MessageEvent<unknown>) => {
	const start = PartStartSchema.safeParse(event.data);
	if (!start.success) {
		post({ kind: 'failed', reason: 'error' }, []);
		return;
	}
	const { blob, ...how } = start.data;
	void parsePart(blobSource(blob).chunks(), how, post);
};
