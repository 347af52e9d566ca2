// Storage failures the pro must act on, told in plain words (quota, another tab's upgrade).
import { m } from '../i18n/messages.ts';

export class StorageFullError extends Error {
	constructor() {
		super(m.draft_storage_full());
		this.name = 'StorageFullError';
	}
}

/** Another tab opened a newer version of Roster: this one must reload to keep going. */
export class StorageUpgradedError extends Error {
	constructor() {
		super(m.draft_storage_upgraded());
		this.name = 'StorageUpgradedError';
	}
}

function nameOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'name' in error
		? String((error as { name: unknown }).name)
		: undefined;
}

/** True for a QuotaExceededError, also when Dexie wraps it (as `inner`, or an AbortError's cause). */
export function isQuotaError(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
		if (nameOf(e) === 'QuotaExceededError') return true;
		const next = e as { inner?: unknown; cause?: unknown; failures?: unknown[] };
		if (Array.isArray(next.failures) && next.failures.some(isQuotaError)) return true;
		e = next.inner ?? next.cause;
	}
	return false;
}

/** Rethrows storage errors as the errors the UI explains. */
export function explainStorageError(error: unknown): unknown {
	if (isQuotaError(error)) return new StorageFullError();
	if (nameOf(error) === 'DatabaseClosedError' || nameOf(error) === 'VersionChangeError')
		return new StorageUpgradedError();
	return error;
}
