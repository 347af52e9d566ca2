// The real draft worker service on a fake IndexedDB, driven through the real client like the
// page drives the worker (see in-process-worker.ts); the builders it shares with the storage
// tests are re-exported.
import { openDatabase, type RosterDB } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import type { Vault } from '../../../src/storage/vault.ts';
import type { ServiceOptions } from '../../../src/worker/service.ts';
import type { TabChannel } from '../../../src/worker/tab-channel.ts';
import { WorkerError, type Changed } from '../../../src/worker/client.ts';
import type {
	Args,
	ChangeBody,
	CommandName,
	EventName,
	EventPayload,
	Result,
} from '../../../src/worker/protocol.ts';
import type { RowView } from '../../../src/worker/views.ts';
import { TODAY } from '../helpers.ts';
import { fileOf } from '../storage/harness.ts';
import { inProcessWorker } from './in-process-worker.ts';

export * from '../storage/harness.ts';

export interface HarnessOptions {
	db?: RosterDB;
	tabs?: TabChannel;
	/** Monotonic time the service paces its saves with. */
	now?: () => number;
	/** A sync engine for the service (how it reaches the import API). */
	engine?: ServiceOptions['engine'];
	/** The passphrase lock's keys, as the real worker has them (absent: no lock). */
	vault?: Vault;
}

/**
 * The real worker service on database `name`, driven through the real client like the page
 * drives the worker. `events` records what the worker said on its own.
 */
export function harness(name: string, options: HarnessOptions = {}) {
	const db = options.db ?? openDatabase(name);
	const repo = new DraftRepository(db, options.vault ?? null);
	const worker = inProcessWorker({
		repo,
		...(options.tabs ? { tabs: options.tabs } : {}),
		...(options.now ? { now: options.now } : {}),
		...(options.engine ? { engine: options.engine } : {}),
	});
	const { client, messages, crash } = worker;
	const events: { [E in EventName]: EventPayload<E>[] } = {
		progress: [],
		changed: [],
		failed: [],
		lockProgress: [],
		locked: [],
		syncStatus: [],
	};
	client.on('progress', (p) => events.progress.push(p));
	client.on('changed', (p) => events.changed.push(p));
	client.on('failed', (p) => events.failed.push(p));
	client.on('syncStatus', (p) => events.syncStatus.push(p));
	client.on('lockProgress', (p) => events.lockProgress.push(p));

	const call = <K extends CommandName>(name: K, args: Args<K>): Promise<Result<K>> =>
		client.call(name, args);

	/** The error a call fails with (the test fails if it succeeds). */
	async function failure<K extends CommandName>(name: K, args: Args<K>): Promise<WorkerError> {
		const error = await client.call(name, args).then(
			(result) => new Error(`${name} succeeded: ${JSON.stringify(result)}`),
			(e: unknown) => e,
		);
		if (!(error instanceof WorkerError)) throw error;
		return error;
	}

	async function importText(text: string, resume?: string) {
		return importFile(fileOf(text), resume);
	}

	async function importFile(file: Blob, resume?: string) {
		const args: Args<'import'> = { file, name: 'clients.csv', lastModified: 0, today: TODAY };
		return call('import', resume ? { ...args, resume } : args);
	}

	/** Opens a draft and waits until all its rows are checked. */
	async function open(draftId: string) {
		const opened = await call('open', { draftId, today: TODAY });
		// `locate` answers once the draft is loaded.
		await call('locate', { index: 0 });
		return opened;
	}

	async function rows(offset: number, limit: number): Promise<RowView[]> {
		return (await call('rows', { offset, limit })).rows;
	}

	/** Every row of the current view, in order. */
	async function allRows(): Promise<RowView[]> {
		const out: RowView[] = [];
		for (;;) {
			const page = await call('rows', { offset: out.length, limit: 1000 });
			out.push(...page.rows);
			if (page.rows.length === 0 || out.length >= page.total) return out;
		}
	}

	/** A change, written as `{type, ...args}`: resolves with the state after it. */
	function change(body: ChangeBody): Promise<Changed> {
		const { type, ...args } = body;
		return client.call(type, args as Args<typeof type>);
	}

	return {
		db,
		repo,
		worker,
		client,
		messages,
		events,
		crash,
		call,
		failure,
		importText,
		importFile,
		open,
		rows,
		allRows,
		change,
	};
}

export type Harness = ReturnType<typeof harness>;
