// When to try a chunk again: exponential backoff with full jitter, capped, and never sooner
// than the server's Retry-After. Pure, with the random source and the clock passed in.

export interface RetryPolicy {
	/** First delay's upper bound (ms). */
	baseMs: number;
	/** No delay is longer than this (ms), Retry-After included. */
	capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, capMs: 60_000 };

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a uniform draw in
 * [0, min(cap, base · 2^attempt)), which spreads retries of many clients best.
 */
export function backoffDelay(
	attempt: number,
	random: () => number,
	policy: RetryPolicy = DEFAULT_RETRY,
): number {
	const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
	return Math.floor(random() * ceiling);
}

/**
 * Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null when
 * absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
	if (value === null || value === undefined) return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// An HTTP date names its day and month ("Thu, 03 Dec 2026 10:00:07 GMT"); Date.parse alone
	// would also take "-5" as a year.
	if (!/^[A-Za-z]{3}, /.test(text)) return null;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return null;
	return Math.max(0, at - now);
}

/** The wait before attempt `attempt + 1`: the server's word when it gave one, else backoff. */
export function retryDelay(
	attempt: number,
	retryAfterMs: number | null,
	random: () => number,
	policy: RetryPolicy = DEFAULT_RETRY,
): number {
	if (retryAfterMs !== null) return Math.min(policy.capMs, retryAfterMs);
	return backoffDelay(attempt, random, policy);
}

/** Answers worth retrying: throttled, unavailable, in progress, or a server fault. */
export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}
