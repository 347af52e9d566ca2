// What every request to the import API shares: a time limit that covers the answer's body too,
// the error a request that ran out of time ends with, and the API's own words in an error answer.
import { ApiErrorSchema } from '../core/import-api.ts';
import { seconds } from './connection-messages.ts';
import { m } from '../i18n/messages.ts';

/** A request's signal: aborted after `ms`, or when `outer` is. `settle` ends the timer. */
export function timeLimit(
	ms: number,
	outer?: AbortSignal | null,
): { signal: AbortSignal; settle: () => void } {
	if (typeof AbortSignal.timeout === 'function') {
		const timeout = AbortSignal.timeout(ms);
		if (!outer) return { signal: timeout, settle: () => undefined };
		if (typeof AbortSignal.any === 'function')
			return { signal: AbortSignal.any([outer, timeout]), settle: () => undefined };
	}
	// Older engines: one controller, aborted by a timer or by the outer signal.
	const controller = new AbortController();
	const timer = setTimeout(
		() => controller.abort(new DOMException(`No answer within ${ms} ms.`, 'TimeoutError')),
		ms,
	);
	const follow = () => controller.abort(outer?.reason);
	if (outer?.aborted) follow();
	else outer?.addEventListener('abort', follow, { once: true });
	return {
		signal: controller.signal,
		settle: () => {
			clearTimeout(timer);
			outer?.removeEventListener('abort', follow);
		},
	};
}

export function isTimeout(error: unknown): boolean {
	return error instanceof Error && error.name === 'TimeoutError';
}

/** A request that got no (whole) answer in time. */
export class RequestTimeout extends Error {
	constructor(path: string, ms: number) {
		super(m.draft_sync_request_timeout({ path, time: seconds(ms) }));
		this.name = 'RequestTimeout';
	}
}

/** The import API's own words in an error answer (undefined: not its error shape). */
export async function apiMessage(response: Response): Promise<string | undefined> {
	try {
		const parsed = ApiErrorSchema.safeParse(await response.json());
		if (parsed.success) return parsed.data.error.message;
	} catch (error) {
		if (isTimeout(error)) throw error;
		// Not JSON: the status says enough.
	}
	return undefined;
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
