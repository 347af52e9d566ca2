// The passphrase lock's keys, held by the draft worker only. Off: records are stored in clear.
// On and locked: nothing that holds client data can be read or written. On and unlocked: each
// record is sealed with its draft's key (or the device's, for records of no draft) under a fresh
// IV, with the owner, table and record key as additional data, so a sealed value cannot be moved
// to another record. See docs/decisions.md, "The passphrase lock".
import type { RosterDB } from './db.ts';
import {
	deriveKek,
	newDataKey,
	newIv,
	newSalt,
	PBKDF2_ITERATIONS,
	rewrap,
	unwrapDataKey,
	WrongPassphraseError,
	type WrappedKey,
} from './keys.ts';
import { pack, unpack } from './pack.ts';
import { m } from '../i18n/messages.ts';

/** The owner of records that belong to no draft: remembered mappings, the API token. */
export const DEVICE = '#device';
/** The id of the lock's own record in the keys table. */
export const LOCK_ID = '#lock';

/** A value encrypted under its owner's key. */
export interface Sealed {
	iv: Uint8Array;
	data: ArrayBuffer;
}

/** Whether the lock is on, and whether the drafts are being encrypted or decrypted for good. */
export interface LockRecord {
	id: typeof LOCK_ID;
	salt: Uint8Array;
	iterations: number;
	state: 'on' | 'encrypting' | 'decrypting';
	createdAt: number;
}

export interface KeyRecord extends WrappedKey {
	/** A draft id, or DEVICE. */
	id: string;
}

export type VaultRecord = LockRecord | KeyRecord;

export class LockedError extends Error {
	constructor() {
		super(m.draft_storage_locked());
		this.name = 'LockedError';
	}
}

const encoder = new TextEncoder();
const aadOf = (owner: string, where: string) => encoder.encode(`${owner}\u0000${where}`);

function isLock(record: VaultRecord | undefined): record is LockRecord {
	return record?.id === LOCK_ID;
}

export class Vault {
	#db: RosterDB;
	#lock: LockRecord | null;
	#kek: CryptoKey | null = null;
	#keys = new Map<string, Promise<CryptoKey>>();

	private constructor(db: RosterDB, lock: LockRecord | null) {
		this.#db = db;
		this.#lock = lock;
	}

	/** The vault as stored: off, or on and locked. */
	static async load(db: RosterDB): Promise<Vault> {
		const record = await db.keys.get(LOCK_ID);
		return new Vault(db, isLock(record) ? record : null);
	}

	/** Reads the lock's record again (another tab may have turned the lock on or off). */
	async reload(): Promise<void> {
		const record = await this.#db.keys.get(LOCK_ID);
		this.#lock = isLock(record) ? record : null;
		if (!this.#lock) this.lock();
	}

	get enabled(): boolean {
		return this.#lock !== null;
	}

	get unlocked(): boolean {
		return this.#kek !== null;
	}

	get state(): LockRecord['state'] | null {
		return this.#lock?.state ?? null;
	}

	/** Records written now are sealed (on, unlocked, and not being turned off). */
	get sealing(): boolean {
		return this.#kek !== null && this.#lock !== null && this.#lock.state !== 'decrypting';
	}

	/** Nothing can be read or written: on and locked. */
	get locked(): boolean {
		return this.#lock !== null && this.#kek === null;
	}

	/** Derives the key of `passphrase` and checks it on the device key; false when it is wrong. */
	async unlock(passphrase: string): Promise<boolean> {
		const lock = this.#lock;
		if (!lock) return true;
		const kek = await deriveKek(passphrase, lock.salt as Uint8Array<ArrayBuffer>, lock.iterations);
		const device = await this.#db.keys.get(DEVICE);
		if (!device || isLock(device)) throw new Error(m.draft_storage_device_key());
		try {
			this.#keys.set(DEVICE, Promise.resolve(await unwrapDataKey(kek, DEVICE, device)));
		} catch (error) {
			if (error instanceof WrongPassphraseError) return false;
			throw error;
		}
		this.#kek = kek;
		return true;
	}

	/** Forgets every key (they were never extractable: nothing else holds them). */
	lock(): void {
		this.#kek = null;
		this.#keys.clear();
	}

	/** Turns the lock on: a new salt and device key; drafts are then encrypted (`state`). */
	async turnOn(passphrase: string, now: number): Promise<void> {
		const salt = newSalt();
		const kek = await deriveKek(passphrase, salt, PBKDF2_ITERATIONS);
		const device = await newDataKey(kek, DEVICE);
		const lock: LockRecord = {
			id: LOCK_ID,
			salt,
			iterations: PBKDF2_ITERATIONS,
			state: 'encrypting',
			createdAt: now,
		};
		const db = this.#db;
		await db.transaction('rw', db.keys, async () => {
			// Keys of a lock turned off earlier (and not cleared) would never open again.
			await db.keys.clear();
			await db.keys.bulkPut([lock, { id: DEVICE, ...device.wrapped }]);
		});
		this.#lock = lock;
		this.#kek = kek;
		this.#keys.clear();
		this.#keys.set(DEVICE, Promise.resolve(device.key));
	}

	/** Records the migration's end or start (`on` once encrypted; `decrypting` turning off). */
	async setState(state: LockRecord['state']): Promise<void> {
		if (!this.#lock) return;
		const lock = { ...this.#lock, state };
		await this.#db.keys.put(lock);
		this.#lock = lock;
	}

	/** Turns the lock off for good, once every record is in clear: the keys go. */
	async turnOff(): Promise<void> {
		await this.#db.keys.clear();
		this.#lock = null;
		this.lock();
	}

	/** Wraps every key under a new passphrase; false when `current` is wrong. */
	async changePassphrase(current: string, next: string): Promise<boolean> {
		const lock = this.#lock;
		if (!lock) return false;
		const db = this.#db;
		const old = await deriveKek(current, lock.salt as Uint8Array<ArrayBuffer>, lock.iterations);
		const salt = newSalt();
		const kek = await deriveKek(next, salt, PBKDF2_ITERATIONS);
		const records = (await db.keys.toArray()).filter((r): r is KeyRecord => !isLock(r));
		let rewrapped: KeyRecord[];
		try {
			rewrapped = await Promise.all(
				records.map(async (r) => ({ id: r.id, ...(await rewrap(old, kek, r.id, r)) })),
			);
		} catch (error) {
			if (error instanceof WrongPassphraseError) return false;
			throw error;
		}
		const updated: LockRecord = { ...lock, salt, iterations: PBKDF2_ITERATIONS };
		// One transaction: a closed tab leaves either every key under the old passphrase or every
		// key under the new one.
		await db.transaction('rw', db.keys, () => db.keys.bulkPut([updated, ...rewrapped]));
		this.#lock = updated;
		this.#kek = kek;
		return true;
	}

	/** The key of `owner`: unwrapped once, or made the first time a record of it is sealed. */
	#key(owner: string): Promise<CryptoKey> {
		const kek = this.#kek;
		if (!kek) return Promise.reject(new LockedError());
		let key = this.#keys.get(owner);
		if (!key) {
			key = this.#loadKey(kek, owner);
			this.#keys.set(owner, key);
			key.catch(() => this.#keys.delete(owner));
		}
		return key;
	}

	async #loadKey(kek: CryptoKey, owner: string): Promise<CryptoKey> {
		const db = this.#db;
		const stored = await db.keys.get(owner);
		if (stored && !isLock(stored)) return unwrapDataKey(kek, owner, stored);
		const made = await newDataKey(kek, owner);
		try {
			await db.keys.add({ id: owner, ...made.wrapped });
			return made.key;
		} catch {
			// Another tab made it first: use theirs.
			const theirs = await db.keys.get(owner);
			if (!theirs || isLock(theirs)) throw new Error(`No key could be stored for ${owner}.`);
			return unwrapDataKey(kek, owner, theirs);
		}
	}

	/** `value` sealed for `owner` at `where`, or null when records are stored in clear now. */
	async seal(owner: string, where: string, value: unknown): Promise<Sealed | null> {
		if (!this.sealing) {
			if (this.locked) throw new LockedError();
			return null;
		}
		const key = await this.#key(owner);
		const iv = newIv();
		const data = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv, additionalData: aadOf(owner, where) },
			key,
			pack(value) as Uint8Array<ArrayBuffer>,
		);
		return { iv, data };
	}

	/** The value sealed for `owner` at `where`. */
	async open(owner: string, where: string, sealed: Sealed): Promise<unknown> {
		const key = await this.#key(owner);
		const plain = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: sealed.iv as Uint8Array<ArrayBuffer>,
				additionalData: aadOf(owner, where),
			},
			key,
			sealed.data,
		);
		return unpack(new Uint8Array(plain));
	}

	/** Forgets a key held in memory (its record was deleted with its draft). */
	forgetCached(owner: string): void {
		this.#keys.delete(owner);
	}

	/** Drops a draft's key: what is left of the draft can no longer be decrypted. */
	async forget(owner: string): Promise<void> {
		this.#keys.delete(owner);
		await this.#db.keys.delete(owner);
	}
}
