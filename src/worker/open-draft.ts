// The draft a worker has open, and what the page sees of it: its description, its state
// (counts, undo, the current view) and its rows as the grid shows them.
import { columnLetter } from '../core/template.ts';
import { NO_CREDENTIAL_COUNTS } from '../core/credentials.ts';
import type { RecordStore } from '../core/record-store.ts';
import type { DraftModel } from '../core/draft-model.ts';
import { fileBlocked, type Validator } from '../core/validate.ts';
import type { ClientRecord } from '../core/record.ts';
import type { DraftRecord } from '../storage/db.ts';
import type { DraftRepository } from '../storage/drafts.ts';
import type { DraftColumnsInfo } from './mapping-views.ts';
import type { DraftCounts, RowFilter } from '../core/draft-types.ts';
import type { DraftInfo, DraftState, RowView } from './views.ts';
import {
	noticeCountsWithout,
	SENT_ELSEWHERE_FILTER,
	sentElsewhereSummary,
	sentElsewhereView,
	sentFrom,
	type SentElsewhere,
} from './sent-elsewhere-view.ts';

export interface OpenDraft {
	meta: DraftRecord;
	today: string;
	store: RecordStore;
	validator: Validator;
	model: DraftModel | null;
	loaded: Promise<DraftModel>;
	filter: RowFilter;
	search: string;
	view: Int32Array | null;
	viewStale: boolean;
	history: DraftState['history'];
	/** The import API's reasons for rejected rows, by row index. */
	syncIssues: Map<number, { code: string; message: string }[]>;
	/** Its emails sent from another draft of this device (set by sent-elsewhere.ts). */
	sentElsewhere?: SentElsewhere | null;
}

/** A draft just opened: every row shown, no filter or search, its view to be built. */
export function openDraft(
	fields: Pick<OpenDraft, 'meta' | 'today' | 'store' | 'validator' | 'model' | 'loaded'> &
		Pick<OpenDraft, 'history' | 'syncIssues'>,
): OpenDraft {
	return { ...fields, filter: 'all', search: '', view: null, viewStale: true };
}

export function draftInfo(od: OpenDraft): DraftInfo {
	const { meta } = od;
	const header = od.model?.dataset.header ?? meta.header;
	return {
		id: meta.id,
		name: meta.name,
		fileName: meta.source.fileName,
		size: meta.source.size,
		encoding: meta.source.encoding,
		delimiter: meta.source.delimiter,
		...(meta.source.sheet !== undefined ? { sheet: meta.source.sheet } : {}),
		status: meta.status,
		fileRows: meta.fileRows,
		columns: header.names.map((name, i) => ({
			letter: columnLetter(i),
			header: name,
			field: header.columns[i] ?? null,
		})),
		tagColumn: header.present.has('tag'),
		externalIdColumn: header.present.has('external_id'),
		fileIssues: od.model?.dataset.fileIssues ?? meta.fileIssues,
		dateOrder: od.model ? od.model.dateOrder : meta.dateOrder,
		position: meta.position,
		columnsInfo: columnsInfo(od),
	};
}

/**
 * How the draft's columns were matched, and whether the step may import its file again: only
 * while nothing the pro did would be lost. Rows are read in the background after opening, so a
 * row printed or sent further down may be known only to `untouched`, which the replacing import
 * asks before it changes anything.
 */
function columnsInfo(od: OpenDraft): DraftColumnsInfo {
	const { meta } = od;
	let touched = od.model ? credentialsTouched(od.model.credentialCounts()) : false;
	for (let b = 0; !touched && b < od.store.blockCount; b++)
		touched = od.store.credentialArrays(b) !== null;
	return {
		how: meta.mapping?.how ?? 'template',
		changeable: meta.status === 'ready' && meta.historyEnd === 0 && !touched,
	};
}

type Counts = ReturnType<DraftModel['credentialCounts']>;
function credentialsTouched(c: Counts): boolean {
	return c.printed + c.queued + c.synced + c.exists + c.rejected > 0;
}

/**
 * True when a draft holds nothing the pro did: no undo step and no row printed, given a
 * password or sent (a row's credential is stored only once one of those happened). Reads every
 * block of a draft that is not open.
 */
export async function untouched(
	repo: DraftRepository,
	meta: DraftRecord,
	open: OpenDraft | null,
): Promise<boolean> {
	if (meta.status !== 'ready' || meta.historyEnd !== 0) return false;
	if (open?.model) return !credentialsTouched(open.model.credentialCounts());
	for await (const block of repo.blocks(meta.id)) if (block.credentials) return false;
	return true;
}

function countsOf(od: OpenDraft): DraftCounts {
	if (od.model) return od.model.counts();
	const c = od.meta.counts;
	return {
		...c,
		validRows: c.rows - c.errorRows,
		blocked: false,
		codes: [],
	};
}

export function draftState(od: OpenDraft): DraftState {
	const counts = countsOf(od);
	return {
		counts,
		history: od.history,
		total: viewTotal(od),
		lastRow: lastRowOf(od),
		ready: od.model !== null,
		// Once the rows are checked, the model holds the order (null too: none chosen, or undone).
		dateOrder: od.model ? od.model.dateOrder : od.meta.dateOrder,
		ambiguousDates: counts.codes.find((c) => c.code === 'birthdate.ambiguous')?.count ?? 0,
		credentials: od.model?.credentialCounts() ?? { ...NO_CREDENTIAL_COUNTS },
		exportedAt: od.meta.exportedAt ?? null,
		...sentElsewhereState(od),
	};
}

/** What the rows sent from another draft change: the warning, and the notices still due. */
function sentElsewhereState(
	od: OpenDraft,
): Partial<Pick<DraftState, 'sentElsewhere' | 'credentials'>> {
	const summary = sentElsewhereSummary(od);
	if (!summary || !od.model) return {};
	return {
		sentElsewhere: summary,
		credentials: noticeCountsWithout(od, od.model.credentialCounts()),
	};
}

/**
 * The last row's number (rows keep the file's order, and a new row takes the next number); while
 * a draft's rows are still being read, at least the header's row after its rows saved.
 */
function lastRowOf(od: OpenDraft): number {
	const { store, meta } = od;
	const read = store.length > 0 ? store.rowNumber(store.length - 1) : 0;
	return Math.max(read, meta.counts.rows + 1);
}

export function viewTotal(od: OpenDraft): number {
	if (!od.model) return od.meta.counts.rows;
	const view = currentView(od);
	return view ? view.length : od.model.length;
}

export function currentView(od: OpenDraft): Int32Array | null {
	if (!od.model) return null;
	if (od.viewStale) {
		od.view =
			od.filter === SENT_ELSEWHERE_FILTER
				? sentElsewhereView(od)
				: od.model.view(od.filter, od.search);
		od.viewStale = false;
	}
	return od.view;
}

export function rowView(od: OpenDraft, index: number): RowView {
	const rec = od.store.at(index) as ClientRecord;
	const credential = od.store.credential(index);
	const issues = od.model ? od.model.issues(index) : od.validator.issuesAt(index);
	// Only a row without issues of its own needs the file's (a blocked file shows why).
	const blocking =
		issues.length === 0 && od.model && fileBlocked(od.model.dataset)
			? od.model.dataset.fileIssues.filter((i) => i.severity === 'error')
			: [];
	const hasError = od.model ? od.model.hasError(index) : issues.some((i) => i.severity === 'error');
	return {
		...rec,
		index,
		tags: [...rec.tags],
		extra: [...rec.extra],
		leftOut: [...rec.leftOut],
		hasError,
		credential,
		syncIssues: credential.sync === 'rejected' ? (od.syncIssues.get(index) ?? []) : [],
		// A row of a blocked file (missing column…) shows why, not "OK".
		issues: issues.length === 0 && blocking.length > 0 ? blocking : issues,
		...(sentFrom(od, index) === null ? {} : { sentElsewhere: true }),
	};
}

/**
 * True when the first `upTo` positions of the view can be answered while the draft is still
 * being checked: nothing filters or hides rows, so a position is a row index, and those rows
 * are read (and checked) already.
 */
export function readableEarly(od: OpenDraft, upTo: number): boolean {
	return (
		!od.model &&
		od.filter === 'all' &&
		od.search.trim() === '' &&
		od.store.deletedCount === 0 &&
		upTo <= od.store.length
	);
}
