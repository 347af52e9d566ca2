// The import worker: parses and validates files off the main thread. Messages are parsed, not cast.
import { z } from 'zod';
import { RequestSchema, type Response } from './protocol.ts';
import { ImportService } from './service.ts';

// zod's compiled fast path needs eval, which the app's CSP forbids: use the interpreter.
z.config({ jitless: true });

const scope = self as unknown as DedicatedWorkerGlobalScope;
const service = new ImportService((response: Response) => scope.postMessage(response));

scope.onmessage = (event: MessageEvent<unknown>) => {
	const parsed = RequestSchema.safeParse(event.data);
	if (!parsed.success) {
		const id =
			typeof (event.data as { id?: unknown })?.id === 'number'
				? (event.data as { id: number }).id
				: -1;
		scope.postMessage({
			type: 'failed',
			id,
			message: `Bad request: ${parsed.error.message}`,
		} satisfies Response);
		return;
	}
	void service.handle(parsed.data);
};
