// A draft being fixed by hand: the validated rows plus what keeps them validated as they change.
// One edit re-checks that row and the rows sharing its email or external ID, and keeps the
// counts, so a million-row draft answers an edit in well under a frame.
import { ISSUE_CODES, ISSUE_SEVERITY, ISSUE_TITLES, type Issue, type IssueCode } from './issues.ts';
import type { ClientRecord } from './record.ts';
import type { DateOrder } from './dates.ts';
import { BLOCK_SIZE } from './record-store.ts';
import {
	NO_CREDENTIAL_COUNTS,
	originOf,
	syncStateOf,
	type CredentialCounts,
	type CredentialPatch,
	type PasswordOrigin,
	type SyncState,
} from './credentials.ts';
import { getsNotice, isUnsent, noticeStatus, type RowStanding } from './credential-rules.ts';
import type { CodeCount, DraftCounts, RowFilter } from './draft-types.ts';
import type { KeyIndex } from './key-index.ts';
import { checkRecord, emailKey, type RuleContext } from './rules.ts';
import { FLAG_DELETED, FLAG_ERROR, FLAG_OK, errorFlags } from './summary.ts';
import { CHOSEN_FIX_CODES, fixRecord, isSafeFix } from './fixes.ts';
import type { Gender } from './gender.ts';
import {
	duplicateIssue,
	fileBlocked,
	settleDate,
	type Dataset,
	type UniqueField,
	type Validator,
} from './validate.ts';

const BLOCK_SHIFT = Math.log2(BLOCK_SIZE);

/**
 * The row `#credit` asks the credential rules about, reused: it runs for every row of a
 * million-row draft on opening, where an object per row would be garbage.
 */
const scratch: {
	credential: { sync: SyncState; printedAt: number; origin: PasswordOrigin };
	hasError: boolean;
	deleted: boolean;
} = { credential: { sync: 'none', printedAt: 0, origin: 'file' }, hasError: false, deleted: false };

export class DraftModel {
	readonly dataset: Dataset;
	#emails: KeyIndex;
	#externalIds: KeyIndex;
	#ctx: RuleContext;
	#flags: Uint8Array;
	#codes = new Map<IssueCode, { count: number; fixable: number }>();
	#errorRows = 0;
	#warningRows = 0;
	/** Kept row by row like the issue counts: a full pass over a million rows took 20–45 ms. */
	#credentials: CredentialCounts = { ...NO_CREDENTIAL_COUNTS };

	/** Takes over a finished validation: the dataset `finish` gave and the validator's indexes. */
	constructor(dataset: Dataset, validator: Validator) {
		const { emails, externalIds, ctx } = validator.indexes;
		this.dataset = dataset;
		this.#emails = emails;
		this.#externalIds = externalIds;
		this.#ctx = ctx;
		this.#flags = errorFlags(this.dataset);
		for (let i = 0; i < this.dataset.records.length; i++) this.#count(i, 1);
	}

	get length(): number {
		return this.dataset.records.length;
	}

	get dateOrder(): DateOrder | null {
		return this.dataset.dateOrder;
	}

	/** Per row: FLAG_OK, FLAG_ERROR or FLAG_DELETED (what the exports take). */
	get flags(): Uint8Array {
		return this.#flags.length === this.length ? this.#flags : this.#flags.subarray(0, this.length);
	}

	issues(index: number): Issue[] {
		return this.dataset.recordIssues[index] ?? [];
	}

	hasError(index: number): boolean {
		return this.#flags[index] === FLAG_ERROR;
	}

	isDeleted(index: number): boolean {
		return this.dataset.records.isDeleted(index);
	}

	counts(): DraftCounts {
		const rows = this.length - this.dataset.records.deletedCount;
		const codes: CodeCount[] = [];
		for (const code of ISSUE_CODES) {
			const c = this.#codes.get(code);
			if (c && c.count > 0)
				codes.push({
					code,
					severity: ISSUE_SEVERITY[code],
					title: ISSUE_TITLES[code],
					count: c.count,
					fixable: c.fixable,
				});
		}
		codes.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
		return {
			rows,
			errorRows: this.#errorRows,
			warningRows: this.#warningRows,
			validRows: rows - this.#errorRows,
			blocked: fileBlocked(this.dataset),
			codes,
		};
	}

	/** Adds `sign` × the issues and the credential of row `index` to the counts. */
	#count(index: number, sign: 1 | -1): void {
		const flag = this.#flags[index];
		if (flag === FLAG_DELETED || flag === undefined) return;
		this.#credit(index, flag, sign);
		const list = this.dataset.recordIssues[index];
		if (flag === FLAG_ERROR) this.#errorRows += sign;
		else if (list) this.#warningRows += sign;
		if (!list) return;
		for (const issue of list) {
			let c = this.#codes.get(issue.code);
			if (!c) this.#codes.set(issue.code, (c = { count: 0, fixable: 0 }));
			c.count += sign;
			if (isSafeFix(issue)) c.fixable += sign;
		}
	}

	#setIssues(index: number, list: Issue[] | undefined): void {
		this.dataset.recordIssues[index] = list && list.length > 0 ? list : undefined;
		const blocked = fileBlocked(this.dataset);
		this.#flags[index] = this.isDeleted(index)
			? FLAG_DELETED
			: blocked || (list ?? []).some((i) => i.severity === 'error')
				? FLAG_ERROR
				: FLAG_OK;
	}

	/**
	 * Sets row `index` (an existing one, or `length` to add a row) and re-checks it and every
	 * row that shares its old or new email or external ID. Returns the indexes whose issues
	 * may have changed.
	 */
	update(index: number, rec: ClientRecord, deleted = false): number[] {
		const { records } = this.dataset;
		if (index > records.length) throw new RangeError(`Row index ${index} is past the end`);
		const touched = new Set<number>([index]);
		if (index === records.length) {
			records.push(rec);
			if (this.#flags.length <= index) {
				const grown = new Uint8Array(Math.max(1024, this.#flags.length * 2));
				grown.set(this.#flags);
				this.#flags = grown;
			}
			records.setDeleted(index, true);
			this.#flags[index] = FLAG_DELETED;
		} else if (!records.isDeleted(index)) {
			const old = records.at(index) as ClientRecord;
			this.#unindex('email_address', old, index, touched);
			this.#unindex('external_id', old, index, touched);
		}
		const before = new Set(touched);
		for (const t of before) this.#count(t, -1);
		records.set(index, rec);
		records.setDeleted(index, deleted);
		if (!deleted) {
			this.#reindex('email_address', rec, index, touched);
			this.#reindex('external_id', rec, index, touched);
		}
		for (const t of touched) if (!before.has(t)) this.#count(t, -1);
		this.#recheck(index, rec, deleted);
		for (const t of touched) if (t !== index) this.#recheckDuplicates(t);
		for (const t of touched) this.#count(t, 1);
		return [...touched];
	}

	#unindex(field: UniqueField, rec: ClientRecord, index: number, touched: Set<number>): void {
		const key = this.#key(field, rec);
		if (key === '') return;
		const index_ = field === 'email_address' ? this.#emails : this.#externalIds;
		for (const m of index_.members(key)) touched.add(m);
		index_.remove(key, index);
	}

	#reindex(field: UniqueField, rec: ClientRecord, index: number, touched: Set<number>): void {
		const key = this.#key(field, rec);
		if (key === '') return;
		const index_ = field === 'email_address' ? this.#emails : this.#externalIds;
		index_.claim(key, index);
		for (const m of index_.members(key)) touched.add(m);
	}

	#key(field: UniqueField, rec: ClientRecord): string {
		return field === 'email_address' ? emailKey(rec.email_address) : rec.external_id;
	}

	#recheck(index: number, rec: ClientRecord, deleted: boolean): void {
		if (deleted) {
			this.#setIssues(index, undefined);
			return;
		}
		const out: Issue[] = [];
		const reading = checkRecord(rec, this.#ctx, out);
		if (reading?.kind === 'ambiguous') settleDate(rec, reading, this.dateOrder, this.#ctx, out);
		this.#duplicates(index, rec, out);
		this.#setIssues(index, out);
	}

	#recheckDuplicates(index: number): void {
		if (this.isDeleted(index)) return;
		const rec = this.dataset.records.at(index) as ClientRecord;
		const out = this.issues(index).filter(
			(i) => i.code !== 'email.duplicate' && i.code !== 'external_id.duplicate',
		);
		this.#duplicates(index, rec, out);
		this.#setIssues(index, out);
	}

	#duplicates(index: number, rec: ClientRecord, out: Issue[]): void {
		for (const field of ['email_address', 'external_id'] as const) {
			const key = this.#key(field, rec);
			if (key === '') continue;
			const first = (field === 'email_address' ? this.#emails : this.#externalIds).first(key);
			if (first !== -1 && first !== index)
				out.push(duplicateIssue(field, rec, this.dataset.records.rowNumber(first), first));
		}
	}

	/** The order every ambiguous birthdate is read in; re-checks the rows it changes. */
	setDateOrder(order: DateOrder | null): number[] {
		const changed: number[] = [];
		for (let i = 0; i < this.length; i++) {
			const list = this.dataset.recordIssues[i];
			if (!list?.some((x) => x.column === 'birthdate') || this.isDeleted(i)) continue;
			changed.push(i);
		}
		this.dataset.dateOrder = order;
		for (const i of changed) {
			this.#count(i, -1);
			this.#recheck(i, this.dataset.records.at(i) as ClientRecord, false);
			this.#count(i, 1);
		}
		return changed;
	}

	/**
	 * Row `index` with its safe fixes applied (of `code` only, when given), or null. `value` is
	 * the pro's choice for a code whose fix is chosen (`gender.ambiguous`: see fixRecord).
	 */
	fixed(index: number, code?: IssueCode, value?: Gender): ClientRecord | null {
		if (this.isDeleted(index)) return null;
		const rec = this.dataset.records.at(index) as ClientRecord;
		return fixRecord(rec, this.dataset.recordIssues[index], code, value);
	}

	/**
	 * Indexes of the rows with a safe fix (of `code`, when given); for a code whose fix is the
	 * pro's choice, the rows with that issue once a `value` is chosen (none without one).
	 */
	fixableRows(code?: IssueCode, value?: Gender): number[] {
		if (code !== undefined && CHOSEN_FIX_CODES.has(code))
			return value === undefined ? [] : this.rowsWithCode([code]);
		const out: number[] = [];
		for (let i = 0; i < this.length; i++) {
			if (this.isDeleted(i)) continue;
			const list = this.dataset.recordIssues[i];
			const extra = code === undefined || code === 'row.extra_cells';
			if (
				list?.some((x) => isSafeFix(x) && (code === undefined || x.code === code)) ||
				(extra && this.dataset.records.at(i)?.extra.length)
			)
				out.push(i);
		}
		return out;
	}

	/** Rows (not deleted) with an issue of one of `codes`, in row order. */
	rowsWithCode(codes: readonly IssueCode[]): number[] {
		const out: number[] = [];
		for (let i = 0; i < this.length; i++) {
			if (this.isDeleted(i)) continue;
			if (this.dataset.recordIssues[i]?.some((x) => codes.includes(x.code))) out.push(i);
		}
		return out;
	}

	/** Password origins and notice hand-off over the rows not deleted. */
	credentialCounts(): CredentialCounts {
		return { ...this.#credentials };
	}

	/** Sets a row's credential, keeping the counts (the store's own setter would not). */
	setCredential(index: number, patch: CredentialPatch): void {
		this.#count(index, -1);
		this.dataset.records.setCredential(index, patch);
		this.#count(index, 1);
	}

	/** What the credential rules need to know of row `index`. */
	standing(index: number): RowStanding {
		return {
			credential: this.dataset.records.credential(index),
			hasError: this.hasError(index),
			deleted: this.isDeleted(index),
		};
	}

	/** Adds `sign` × what row `index` (not deleted) contributes to the credential counts. */
	#credit(index: number, flag: number, sign: 1 | -1): void {
		const counts = this.#credentials;
		const c = this.dataset.records.credentialArrays(index >> BLOCK_SHIFT);
		const j = index & (BLOCK_SIZE - 1);
		const row = scratch;
		row.credential.printedAt = c === null ? 0 : (c.printedAt[j] as number);
		row.credential.sync = syncStateOf(c?.sync?.[j] ?? 0);
		row.credential.origin = originOf(c?.origin[j] ?? 0);
		row.hasError = flag === FLAG_ERROR;
		const notice = noticeStatus(row);
		if (notice === 'printed') counts.printed += sign;
		else if (notice === 'pending') counts.noticePending += sign;
		if (getsNotice(row)) counts.noticeReady += sign;
		if (isUnsent(row)) counts.unsent += sign;
		const { sync, origin } = row.credential;
		if (sync !== 'none') counts[sync] += sign;
		if (origin !== 'file') counts[origin] += sign;
	}

	/**
	 * Indexes of the rows a filter and a search keep, in row order; null means every row (no
	 * filter, no search, nothing deleted), so the common case costs nothing.
	 */
	view(filter: RowFilter, search: string): Int32Array | null {
		const needle = search.trim().toLowerCase();
		const { records } = this.dataset;
		if (filter === 'all' && needle === '' && records.deletedCount === 0) return null;
		const matches = needle === '' ? null : records.search(needle);
		const out = new Int32Array(this.length);
		let n = 0;
		for (let i = 0; i < this.length; i++) {
			const flag = this.#flags[i];
			if (flag === FLAG_DELETED) continue;
			if (matches && matches[i] !== 1) continue;
			if (filter === 'errors' && flag !== FLAG_ERROR) continue;
			if (filter === 'warnings') {
				const list = this.dataset.recordIssues[i];
				if (!list?.some((x) => x.severity === 'warning')) continue;
			}
			if (filter === 'sync.rejected') {
				if (records.credential(i).sync !== 'rejected') continue;
			} else if (filter === 'notice.pending' || filter === 'notice.printed') {
				const notice = noticeStatus({
					credential: records.credential(i),
					hasError: flag === FLAG_ERROR,
				});
				if (notice !== (filter === 'notice.printed' ? 'printed' : 'pending')) continue;
			} else if (filter !== 'all' && filter !== 'errors' && filter !== 'warnings') {
				if (!this.dataset.recordIssues[i]?.some((x) => x.code === filter)) continue;
			}
			out[n++] = i;
		}
		return out.slice(0, n);
	}
}
