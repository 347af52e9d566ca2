// Runs one call of the page on the worker's handler map: parses the call and its arguments,
// awaits the handler, and posts `{id, result}` or `{id, error}`. An error becomes a failure the
// page can act on: its `reason` says which kind.
import { ImportCancelledError } from '../core/import-csv.ts';
import { ConflictError } from '../storage/drafts.ts';
import { StorageFullError, StorageUpgradedError } from '../storage/errors.ts';
import { LockedError } from '../storage/vault.ts';
import { Superseded } from './context.ts';
import {
	CallMessageSchema,
	COMMANDS,
	type Args,
	type CommandName,
	type Failure,
	type Result,
	type WorkerMessage,
} from './protocol.ts';
import type { CallInfo, Handlers } from './handlers/types.ts';

function failureOf(error: unknown): Failure {
	if (error instanceof ImportCancelledError || error instanceof Superseded)
		return { message: error.message, reason: 'cancelled' };
	const message = error instanceof Error ? error.message : String(error);
	const reason =
		error instanceof StorageFullError
			? 'storage-full'
			: error instanceof StorageUpgradedError
				? 'upgraded'
				: error instanceof ConflictError
					? 'conflict'
					: error instanceof LockedError
						? 'locked'
						: 'error';
	return { message, reason };
}

function invoke<K extends CommandName>(
	handlers: Handlers,
	name: K,
	args: unknown,
	call: CallInfo,
): Promise<Result<K>> {
	const parsed = COMMANDS[name].args.safeParse(args);
	if (!parsed.success)
		throw new Error(`Bad arguments for “${name}”: ${parsed.error.issues[0]?.message ?? ''}`);
	// Parsed with the schema of `name`: TypeScript cannot follow the correlation through the map.
	const handler: Handlers[K] = handlers[name];
	return handler(parsed.data as Args<K>, call);
}

/** A function that handles one message from the page. */
export function createDispatcher(
	handlers: Handlers,
	post: (message: WorkerMessage) => void,
): (data: unknown) => Promise<void> {
	return async (data) => {
		const envelope = CallMessageSchema.safeParse(data);
		if (!envelope.success) {
			const raw = (data as { id?: unknown } | null)?.id;
			post({
				kind: 'error',
				id: typeof raw === 'number' ? raw : -1,
				error: { message: `Bad request: ${envelope.error.message}`, reason: 'error' },
			});
			return;
		}
		const { id, name, args } = envelope.data;
		try {
			post({ kind: 'result', id, result: await invoke(handlers, name, args, { id }) });
		} catch (error) {
			post({ kind: 'error', id, error: failureOf(error) });
		}
	};
}
