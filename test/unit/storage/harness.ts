// Shared builders for the storage tests: drafts, blocks, a DraftService driven like the page
// drives the worker, and a switch that makes IndexedDB writes fail as on a full disk.
import { expect } from 'vitest';
import { openDatabase, type DraftRecord, type RosterDB } from '../../../src/storage/db.ts';
import { DraftRepository } from '../../../src/storage/drafts.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import type { RequiredField } from '../../../src/core/template.ts';
import { DraftService, type ServiceOptions } from '../../../src/worker/draft-service.ts';
import type { DraftSync } from '../../../src/worker/draft-sync.ts';
import type { Request, RequestBody, Response, RowView } from '../../../src/worker/protocol.ts';
import { DEFAULTS, HEADER, line, TODAY } from '../helpers.ts';

let dbCount = 0;

/** A database name no other test uses. */
export function uniqueName(prefix: string): string {
	dbCount++;
	return `${prefix}-${dbCount}-${crypto.randomUUID()}`;
}

/** The email of generated client `i`: distinct for every `i`. */
export const emailOf = (i: number): string => `client${i}@example.com`;

/** `n` valid client lines with distinct emails, `over` changing some of them. */
export function clientLines(
	n: number,
	over: (i: number) => Partial<Record<RequiredField, string>> = () => ({}),
): string[] {
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(line({ email_address: emailOf(i), ...over(i) }));
	return out;
}

/** A template-form file of `n` clients (like `csv(...clientLines(n))`, for any size). */
export function clientsCsv(
	n: number,
	over?: (i: number) => Partial<Record<RequiredField, string>>,
): string {
	return [HEADER, ...clientLines(n, over)].join('\r\n') + '\r\n';
}

/** A file read in 64 KiB chunks, as a browser streams a File (one big part is one chunk in Node). */
export function fileOf(text: string, chunk = 65536): Blob {
	const parts: string[] = [];
	for (let at = 0; at < text.length; at += chunk) parts.push(text.slice(at, at + chunk));
	return new Blob(parts);
}

/** Client `i` as stored: spreadsheet row `i + 2` (row 1 is the header). */
export function clientRecord(i: number, over: Partial<ClientRecord> = {}): ClientRecord {
	return {
		...DEFAULTS,
		row: i + 2,
		email_address: emailOf(i),
		tags: [],
		external_id: '',
		extra: [],
		...over,
	};
}

export function storeOf(n: number, over?: (i: number) => Partial<ClientRecord>): RecordStore {
	const store = new RecordStore();
	for (let i = 0; i < n; i++) store.push(clientRecord(i, over?.(i)));
	return store;
}

/** A stored draft record, as the import makes it. */
export function draftRecord(id: string, over: Partial<DraftRecord> = {}): DraftRecord {
	return {
		id,
		name: `Draft ${id}`,
		source: {
			fileName: 'clients.csv',
			size: 100,
			lastModified: 0,
			encoding: 'utf-8',
			delimiter: ',',
		},
		header: { columns: [], names: [], blank: [], present: new Set(), issues: [] },
		fileIssues: [],
		dateOrder: null,
		createdAt: 1,
		updatedAt: 1,
		counts: { rows: 0, errorRows: 0, warningRows: 0 },
		status: 'ready',
		fileRows: 0,
		position: 0,
		historyHead: 0,
		historyStart: 0,
		historyEnd: 0,
		deletedAt: null,
		...over,
	};
}

/** Stores a draft with the rows of `store`, block by block. */
export async function putDraft(
	repo: DraftRepository,
	draft: DraftRecord,
	store: RecordStore,
): Promise<void> {
	await repo.create(draft);
	const blocks = [];
	for (let b = 0; b < store.blockCount; b++) blocks.push(store.sealedBlock(b));
	await repo.saveBlocks(draft.id, blocks, 0, {});
}

/** The rows stored for a draft, read straight from its blocks. */
export async function storedRows(repo: DraftRepository, draftId: string): Promise<RecordStore> {
	const blocks = [];
	for await (const b of repo.blocks(draftId)) blocks.push(b);
	return RecordStore.fromBlocks(blocks);
}

export interface QuotaSwitch {
	/** Writes fail while true. */
	failing: boolean;
	/** When set, only writes to this table fail. */
	table?: string;
}

/** Makes writes fail with a QuotaExceededError while `failing` is on. Call before the db opens. */
export function quotaSwitch(db: RosterDB): QuotaSwitch {
	const state: QuotaSwitch = { failing: false };
	db.use({
		stack: 'dbcore',
		name: 'quota',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					mutate: (req) =>
						state.failing && (state.table === undefined || state.table === name)
							? Promise.reject(new DOMException('full', 'QuotaExceededError'))
							: table.mutate(req),
				};
			},
		}),
	});
	return state;
}

export function expectResponse<T extends Response['type']>(
	response: Response | undefined,
	type: T,
): Extract<Response, { type: T }> {
	expect(response?.type, JSON.stringify(response)).toBe(type);
	return response as Extract<Response, { type: T }>;
}

/** Polls until `check` is true, for at most `timeoutMs`. */
export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 2000,
): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('Timed out waiting');
		await new Promise((r) => setTimeout(r, 10));
	}
}

export interface HarnessOptions {
	db?: RosterDB;
	sync?: DraftSync;
	/** Monotonic time the service paces its saves with. */
	now?: () => number;
	/** A sync engine for the service (how it reaches the import API). */
	engine?: ServiceOptions['engine'];
}

/** A DraftService on database `name`, driven with requests like the page drives the worker. */
export function harness(name: string, options: HarnessOptions = {}) {
	const db = options.db ?? openDatabase(name);
	const repo = new DraftRepository(db);
	const responses: Response[] = [];
	let nextId = 1;
	const service = new DraftService({
		repo,
		post: (r) => responses.push(r),
		...(options.sync ? { sync: options.sync } : {}),
		...(options.now ? { now: options.now } : {}),
		...(options.engine ? { engine: options.engine } : {}),
	});

	/** Sends a request without waiting: its id, and the promise of its handling. */
	function send(body: RequestBody): { id: number; done: Promise<void> } {
		const id = nextId++;
		return { id, done: service.handle({ ...body, id } as Request) };
	}

	/** The last answer to `id` (progress reports aside). */
	function answer(id: number): Response | undefined {
		return responses.filter((x) => x.id === id && x.type !== 'progress').at(-1);
	}

	async function call(body: RequestBody): Promise<Response> {
		const { id, done } = send(body);
		await done;
		const r = answer(id);
		if (!r) throw new Error(`no answer to ${body.type}`);
		return r;
	}

	async function importText(text: string, resume?: string) {
		return importFile(fileOf(text), resume);
	}

	async function importFile(file: Blob, resume?: string) {
		const body: RequestBody = {
			type: 'import',
			file,
			name: 'clients.csv',
			lastModified: 0,
			today: TODAY,
		};
		return expectResponse(await call(resume ? { ...body, resume } : body), 'opened');
	}

	/** Opens a draft and waits until all its rows are checked. */
	async function open(draftId: string) {
		const opened = expectResponse(await call({ type: 'open', draftId, today: TODAY }), 'opened');
		// `locate` answers once the draft is loaded.
		expectResponse(await call({ type: 'locate', index: 0 }), 'located');
		return opened;
	}

	async function rows(offset: number, limit: number): Promise<RowView[]> {
		return expectResponse(await call({ type: 'rows', offset, limit }), 'rows').rows;
	}

	/** Every row of the current view, in order. */
	async function allRows(): Promise<RowView[]> {
		const out: RowView[] = [];
		for (;;) {
			const page = expectResponse(
				await call({ type: 'rows', offset: out.length, limit: 1000 }),
				'rows',
			);
			out.push(...page.rows);
			if (page.rows.length === 0 || out.length >= page.total) return out;
		}
	}

	async function change(body: RequestBody) {
		return expectResponse(await call(body), 'changed');
	}

	return {
		db,
		repo,
		service,
		responses,
		send,
		answer,
		call,
		importText,
		importFile,
		open,
		rows,
		allRows,
		change,
	};
}

export type Harness = ReturnType<typeof harness>;
