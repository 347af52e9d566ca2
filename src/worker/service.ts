// The draft worker's service, apart from the worker global so it runs in Node tests too: the
// shared context, every feature's handlers in one map, the dispatcher over it, the sync engine
// and the tab-to-tab merge.
import type { SyncEngine } from '../sync/engine.ts';
import { DraftContext, type ContextOptions } from './context.ts';
import { createDispatcher } from './dispatcher.ts';
import { changeHandlers } from './handlers/changes.ts';
import { exportHandlers } from './handlers/export.ts';
import { importHandlers } from './handlers/import.ts';
import { lockHandlers } from './handlers/lock.ts';
import { mappingHandlers } from './handlers/mapping.ts';
import { noticeHandlers } from './handlers/notices.ts';
import { passwordHandlers } from './handlers/passwords.ts';
import { rowHandlers } from './handlers/rows.ts';
import { createEngine, syncHandlers, type EngineOptions } from './handlers/sync.ts';
import type { Handlers } from './handlers/types.ts';
import type { WorkerMessage } from './protocol.ts';
import { mergeFromTab } from './tab-merge.ts';

export interface ServiceOptions extends Omit<ContextOptions, 'emit'> {
	/** Sends a message to the page. */
	post: (message: WorkerMessage) => void;
	/** How the outbox reaches the import API (absent: batches are queued, never sent). */
	engine?: EngineOptions;
}

export interface DraftService {
	context: DraftContext;
	handlers: Handlers;
	/** Handles one message from the page (answered through `post`). */
	dispatch: (data: unknown) => Promise<void>;
	engine: SyncEngine | null;
}

export function createDraftService(options: ServiceOptions): DraftService {
	const { post, engine, ...rest } = options;
	const context = new DraftContext({
		...rest,
		emit: (name, payload) => post({ kind: 'event', name, payload }),
	});
	if (engine) context.engine = createEngine(context, engine);
	// A merge that fails (the draft was closed or another opened meanwhile) changes nothing: the
	// draft is read from storage when it is opened again.
	context.tabs?.listen(
		(message) => void context.serial(() => mergeFromTab(context, message)).catch(() => undefined),
	);
	const handlers: Handlers = {
		...importHandlers(context),
		...mappingHandlers(context),
		...rowHandlers(context),
		...changeHandlers(context),
		...passwordHandlers(context),
		...noticeHandlers(context),
		...exportHandlers(context),
		...syncHandlers(context),
		...lockHandlers(context),
	};
	return {
		context,
		handlers,
		dispatch: createDispatcher(handlers, post),
		engine: context.engine,
	};
}
