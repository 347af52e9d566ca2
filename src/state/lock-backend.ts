// What the passphrase lock asks of the draft worker, which alone holds the keys (see
// src/storage/vault.ts). The page never sees a key or the passphrase after handing it over.

export interface LockStatus {
	/** The lock is turned on for this device. */
	enabled: boolean;
	/** This page's worker holds the keys: drafts can be read. */
	unlocked: boolean;
	/** Drafts are being encrypted (turning on) or decrypted (turning off), or neither. */
	migrating: 'encrypting' | 'decrypting' | null;
}

export interface LockProgress {
	phase: 'encrypting' | 'decrypting';
	/** Records (rows blocks, undo steps, chunks…) done and in all. */
	done: number;
	total: number;
}

export interface LockBackend {
	status(): Promise<LockStatus>;
	/**
	 * Resolves false for a wrong passphrase (nothing changes then). A lock left half turned on or
	 * off (a tab closed meanwhile) is finished first, with progress.
	 */
	unlock(passphrase: string, onProgress?: (progress: LockProgress) => void): Promise<boolean>;
	/** Drops every key the worker holds, once the changes already asked for are saved. */
	lock(): Promise<void>;
	/** Turns the lock on and encrypts every draft, page by page. */
	turnOn(passphrase: string, onProgress?: (progress: LockProgress) => void): Promise<void>;
	/** Decrypts every draft and turns the lock off; false for a wrong passphrase. */
	turnOff(passphrase: string, onProgress?: (progress: LockProgress) => void): Promise<boolean>;
	/** Re-wraps the keys under a new passphrase; false when `current` is wrong. */
	changePassphrase(current: string, next: string): Promise<boolean>;
	/** Another tab locked the device (or turned the lock on): this page must lock too. */
	onLocked(listener: () => void): () => void;
}
