// One POST /imports chunk from parsed request to stored response: claim the idempotency key,
// decide each row (core's checks, duplicates in the chunk, known emails), hash the passwords
// outside any transaction, then commit clients and response together.
import {
	checkImportClient,
	importEmailKey,
	type ImportRequest,
	type RowResult,
} from '../src/core/import-api.ts';
import {
	ClaimLostError,
	type ChunkMeta,
	type ImportRepository,
	type NewClient,
	type PlannedRow,
} from './db.ts';
import { requestFingerprint } from './fingerprint.ts';
import { hashPasswords } from './passwords.ts';

export type ImportOutcome =
	| { kind: 'done'; responseJson: string; replayed: boolean }
	| { kind: 'reused' }
	| { kind: 'in_progress' };

export interface ImportSettings {
	scryptN: number;
	/** The idempotency secret (server/secret.ts): request fingerprints are HMACs with it. */
	secret: Buffer;
	/** Null: the organisation has no tag list, tags are not checked. */
	knownTags: ReadonlySet<string> | null;
	today: () => string;
	/** Runs inside the commit transaction (the fault switch's `hold-commit`); none by default. */
	insideCommit?: (key: string) => void;
}

/** The server's date as YYYYMMDD in UTC, the `today` of core's birthdate rule. */
export function utcToday(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10).replaceAll('-', '');
}

interface Candidate {
	index: number;
	client: NewClient;
	password: string;
}

export class ImportService {
	readonly #repo: ImportRepository;
	readonly #settings: ImportSettings;

	constructor(repo: ImportRepository, settings: ImportSettings) {
		this.#repo = repo;
		this.#settings = settings;
	}

	/** `whileClaimed` runs while this request holds the key (the fault switch's delay). */
	async run(
		key: string,
		request: ImportRequest,
		whileClaimed: () => Promise<void> = async () => {},
	): Promise<ImportOutcome> {
		const meta: ChunkMeta = {
			batchId: request.batch_id,
			chunkIndex: request.chunk.index,
			chunkCount: request.chunk.count,
			clientCount: request.clients.length,
		};
		const fingerprint = requestFingerprint(this.#settings.secret, request);
		const claim = this.#repo.claim(key, fingerprint, meta);
		if (claim.kind === 'replay')
			return { kind: 'done', responseJson: claim.responseJson, replayed: true };
		if (claim.kind !== 'claimed') return claim;
		try {
			await whileClaimed();
			const { planned, candidates } = this.#plan(request);
			const hashes = await hashPasswords(
				candidates.map((c) => c.password),
				this.#settings.scryptN,
			);
			candidates.forEach((c, i) => {
				planned[c.index] = { insert: { ...c.client, passwordHash: hashes[i] ?? '' } };
			});
			const rows = planned.filter((r): r is PlannedRow => r !== undefined);
			const inside = this.#settings.insideCommit;
			const responseJson = this.#repo.commit(key, claim.owner, meta, rows, () => inside?.(key));
			return { kind: 'done', responseJson, replayed: false };
		} catch (e) {
			// Another request took the key over after ours went stale: it answers, not us.
			if (e instanceof ClaimLostError) return { kind: 'in_progress' };
			this.#repo.release(key, claim.owner);
			throw e;
		}
	}

	/** Rows decided without writing, and the clients whose passwords must be hashed first. */
	#plan(request: ImportRequest): { planned: (PlannedRow | undefined)[]; candidates: Candidate[] } {
		const today = this.#settings.today();
		const seen = new Set<string>();
		const planned: (PlannedRow | undefined)[] = [];
		const candidates: Candidate[] = [];
		request.clients.forEach((client, index) => {
			const email = client.email_address;
			const key = importEmailKey(email);
			const issues = checkImportClient(client, today, this.#settings.knownTags);
			if (key !== '' && seen.has(key))
				issues.push({
					code: 'email.duplicate_in_batch',
					message: `${email} appears earlier in this request; each client can be imported once.`,
				});
			if (key !== '') seen.add(key);
			let result: RowResult | undefined;
			if (issues.length > 0) result = { email_address: email, status: 'rejected', issues };
			else if (this.#repo.emailExists(key)) result = { email_address: email, status: 'exists' };
			if (result) {
				planned.push({ result });
				return;
			}
			planned.push(undefined);
			candidates.push({
				index,
				password: client.initial_password,
				client: {
					email,
					emailKey: key,
					firstName: client.first_name.trim(),
					lastName: client.last_name.trim(),
					birthdate: client.birthdate.trim(),
					gender: client.gender.trim(),
					tags: client.tags ?? [],
					externalId: client.external_id ?? null,
					passwordHash: '',
				},
			});
		});
		return { planned, candidates };
	}
}
