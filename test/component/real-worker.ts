// The draft worker the component tests run over: the real service behind the real client, in one
// process over fake-indexeddb (test/unit/worker/in-process-worker.ts), seeded by importing CSV
// text. The backend the page gets is the real adapter (src/state/worker-backend.ts) inside a
// thin wrapper that only records what the page asked, can hold calls until the test lets them
// go, and can hand the page an event; it never decides an answer, so the screen shows what the
// worker does.
import type { RowFilter } from '../../src/core/draft-types.ts';
import type { ClientRecord } from '../../src/core/record.ts';
import { REQUIRED_FIELDS, type RequiredField } from '../../src/core/template.ts';
import type {
	ChangeBody,
	DraftBackend,
	DraftEvent,
	ImportOptions,
} from '../../src/state/draft-session.svelte.ts';
import type { DraftsBackend } from '../../src/state/drafts-list.svelte.ts';
import { draftBackend, draftsBackend, mappingsBackend } from '../../src/state/worker-backend.ts';
import { AppState } from '../../src/state/app.svelte.ts';
import { DraftSession } from '../../src/state/draft-session.svelte.ts';
import { DraftsList, type StorageManagerLike } from '../../src/state/drafts-list.svelte.ts';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { SettingsRepository } from '../../src/storage/settings.ts';
import { openDatabase, type RosterDB } from '../../src/storage/db.ts';
import { DraftRepository } from '../../src/storage/drafts.ts';
import type { Opened } from '../../src/worker/client.ts';
import { TODAY } from '../unit/helpers.ts';
import {
	fileOf,
	quotaSwitch,
	storedRows,
	uniqueName,
	type QuotaSwitch,
} from '../unit/storage/harness.ts';
import { inProcessWorker, type InProcess } from '../unit/worker/in-process-worker.ts';

export { TODAY };

/** The day the tests' sessions live on (TODAY): the worker re-uses the draft it imported. */
export const NOW = new Date(2026, 10, 25);

/** Backend methods a test can hold. */
type Holdable = 'import' | 'rows' | 'change';

export interface HoldOptions {
	/** Only the next call (default: every call made until the release). */
	next?: boolean;
	/** The call reaches the worker at once and its answer waits (default: the call waits). */
	answer?: boolean;
}

interface Hold extends Required<HoldOptions> {
	method: Holdable;
	gate: Promise<void>;
}

/** A valid client's cells in template order (its password is strong), `over` changing some. */
export function client(row: number, over: Partial<Record<RequiredField, string>> = {}): string[] {
	const cells: Record<RequiredField, string> = {
		email_address: `client${row}@example.com`,
		initial_password: 'Hb4#Yq8!Nz2k',
		first_name: 'Ann',
		last_name: 'Lee',
		birthdate: '19811120',
		gender: 'female',
		...over,
	};
	return REQUIRED_FIELDS.map((field) => cells[field]);
}

/**
 * A CSV file of `rows` under `header` (default: the template's required columns). The cells
 * here need no quoting; a cell that would is refused rather than written wrong.
 */
export function csvText(
	rows: readonly (readonly string[])[],
	header: readonly string[] = REQUIRED_FIELDS,
): string {
	const lines = [header, ...rows].map((cells) => {
		for (const cell of cells)
			if (/[",\r\n]/.test(cell)) throw new Error(`csvText cannot write the cell ${cell}`);
		return cells.join(',');
	});
	return lines.join('\r\n') + '\r\n';
}

/**
 * The real adapter, recording each ask and able to hold calls: a held call waits until released
 * (the ones held with it keep their order), then goes to the worker as it was made; or it goes at
 * once and the page hears the worker's answer only on release.
 */
export class RecordingBackend implements DraftBackend {
	/** Every change the session sent, in order (the ones that failed too). */
	readonly changes: ChangeBody[] = [];
	/** Every view the session asked for. */
	readonly views: { filter: RowFilter; search: string }[] = [];
	/** Every draft the session opened. */
	readonly opened: string[] = [];
	/** The worker's answers to imports, as they came. */
	readonly imported: Opened[] = [];
	/** What each import was told besides the file (its columns, the draft it replaces). */
	readonly importOptions: ImportOptions[] = [];
	/** The name of every file the session inspected. */
	readonly inspected: string[] = [];
	/** Every page of rows the session asked for. */
	readonly rowRequests: { offset: number; limit: number }[] = [];
	/** The row indexes of every page the worker answered, in the order the answers came. */
	readonly rowPages: number[][] = [];

	#real: DraftBackend;
	#holds: Hold[] = [];
	#listeners = new Set<(event: DraftEvent) => void>();

	constructor(real: DraftBackend) {
		this.#real = real;
	}

	/** Holds calls of `method` (see HoldOptions) until the returned function is called. */
	hold(method: Holdable, { next = false, answer = false }: HoldOptions = {}): () => void {
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const hold: Hold = { method, next, answer, gate };
		this.#holds.push(hold);
		return () => {
			this.#holds = this.#holds.filter((h) => h !== hold);
			release();
		};
	}

	/** Hands the page an event as if the worker had sent it (a state no command here makes). */
	emit(event: DraftEvent): void {
		for (const listener of this.#listeners) listener(event);
	}

	/** Runs a call of `method` through the hold on it, if any. */
	async #through<T>(method: Holdable, run: () => Promise<T>): Promise<T> {
		const hold = this.#holds.find((h) => h.method === method);
		if (hold?.next) this.#holds = this.#holds.filter((h) => h !== hold);
		if (hold && !hold.answer) await hold.gate;
		const answer = run();
		if (hold?.answer)
			await answer.then(
				() => hold.gate,
				() => hold.gate,
			);
		return answer;
	}

	import(...args: Parameters<DraftBackend['import']>): Promise<Opened> {
		this.importOptions.push(args[4] ?? {});
		return this.#through('import', async () => {
			const opened = await this.#real.import(...args);
			this.imported.push(opened);
			return opened;
		});
	}

	inspect(file: File): ReturnType<DraftBackend['inspect']> {
		this.inspected.push(file.name);
		return this.#real.inspect(file);
	}

	columns(): ReturnType<DraftBackend['columns']> {
		return this.#real.columns();
	}

	cancel(): void {
		this.#real.cancel();
	}

	open(draftId: string, today: string): Promise<Opened> {
		this.opened.push(draftId);
		return this.#real.open(draftId, today);
	}

	close(): Promise<void> {
		return this.#real.close();
	}

	view(filter: RowFilter, search: string): ReturnType<DraftBackend['view']> {
		this.views.push({ filter, search });
		return this.#real.view(filter, search);
	}

	rows(offset: number, limit: number): ReturnType<DraftBackend['rows']> {
		this.rowRequests.push({ offset, limit });
		return this.#through('rows', async () => {
			const page = await this.#real.rows(offset, limit);
			this.rowPages.push(page.rows.map((r) => r.index));
			return page;
		});
	}

	locate(index: number): Promise<number> {
		return this.#real.locate(index);
	}

	problem(...args: Parameters<DraftBackend['problem']>): ReturnType<DraftBackend['problem']> {
		return this.#real.problem(...args);
	}

	change(body: ChangeBody): ReturnType<DraftBackend['change']> {
		this.changes.push(body);
		return this.#through('change', () => this.#real.change(body));
	}

	replaceCount(
		...args: Parameters<DraftBackend['replaceCount']>
	): ReturnType<DraftBackend['replaceCount']> {
		return this.#real.replaceCount(...args);
	}

	export(...args: Parameters<DraftBackend['export']>): ReturnType<DraftBackend['export']> {
		return this.#real.export(...args);
	}

	notices(...args: Parameters<DraftBackend['notices']>): ReturnType<DraftBackend['notices']> {
		return this.#real.notices(...args);
	}

	sync(batch?: Parameters<DraftBackend['sync']>[0]): ReturnType<DraftBackend['sync']> {
		return this.#real.sync(batch);
	}

	onEvent(listener: (event: DraftEvent) => void): () => void {
		this.#listeners.add(listener);
		const off = this.#real.onEvent(listener);
		return () => {
			this.#listeners.delete(listener);
			off();
		};
	}
}

export interface RealWorker {
	/** The worker's connection to the database (its writes fail while `quota.failing`). */
	db: RosterDB;
	/** The page's own connection to the same database, as a page and its worker have two. */
	pageDb: RosterDB;
	/** Drafts as the page reads and writes them (over `pageDb`). */
	repo: DraftRepository;
	worker: InProcess;
	backend: RecordingBackend;
	drafts: DraftsBackend;
	quota: QuotaSwitch;
	/** Imports CSV text into a new draft as the page would (file `fileName`); its id. */
	seed(text: string, fileName?: string): Promise<string>;
	/** The rows of a draft as stored on disk, in row order. */
	stored(draftId: string): Promise<ClientRecord[]>;
}

/** The real worker on a database no other test uses (its name starts with `prefix`). */
export function realWorker(prefix: string): RealWorker {
	const name = uniqueName(prefix);
	const db = openDatabase(name);
	// Before the database opens: the switch sits in Dexie's middleware stack.
	const quota = quotaSwitch(db);
	const worker = inProcessWorker({ repo: new DraftRepository(db) });
	const pageDb = openDatabase(name);
	const repo = new DraftRepository(pageDb);
	return {
		db,
		pageDb,
		repo,
		worker,
		backend: new RecordingBackend(draftBackend(worker.client)),
		drafts: draftsBackend(worker.client),
		quota,
		async seed(text, fileName = 'clients.csv') {
			const opened = await worker.client.call('import', {
				file: fileOf(text),
				name: fileName,
				lastModified: 0,
				today: TODAY,
			});
			return opened.draft.id;
		},
		async stored(draftId) {
			const store = await storedRows(repo, draftId);
			const out: ClientRecord[] = [];
			for (let i = 0; i < store.length; i++) out.push(store.at(i) as ClientRecord);
			return out;
		},
	};
}

/**
 * The app's state over a real worker, as src/main.ts wires it: the session on the worker's
 * backend, the drafts list and settings on the page's own connection.
 */
export function appOver(
	worker: RealWorker,
	options: { session?: DraftSession; storage?: StorageManagerLike; drafts?: DraftsList } = {},
): AppState {
	const settings = new SettingsRepository(worker.pageDb);
	return new AppState({
		session: options.session ?? new DraftSession(worker.backend, { clock: () => NOW }),
		drafts: options.drafts ?? new DraftsList(worker.repo, worker.drafts, options.storage),
		repo: worker.repo,
		settings,
		appSettings: new AppSettings(settings, mappingsBackend(worker.worker.client)),
	});
}
