// Shared builders for the storage, sync and worker tests: drafts, blocks, stored rows, and a
// switch that makes IndexedDB writes fail as on a full disk. (The worker harness that drives the
// real service is test/unit/worker/harness.ts.)
import type { DraftRecord, RosterDB } from '../../../src/storage/db.ts';
import type { DraftRepository } from '../../../src/storage/drafts.ts';
import { RecordStore } from '../../../src/core/record-store.ts';
import type { ClientRecord } from '../../../src/core/record.ts';
import type { RequiredField } from '../../../src/core/template.ts';
import { DEFAULTS, HEADER, line } from '../helpers.ts';

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
		leftOut: [],
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
