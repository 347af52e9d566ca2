// The test-only fault switch: makes POST /imports fail the ways a real network and server do
// (500, throttling, unavailability, an answer lost after the commit, slowness, a commit held
// open so a test can kill the process inside it), from a seeded random source so a test that
// uses it sees the same sequence on every run.

export interface FaultSpec {
	/** Probability of each outcome per request, drawn independently in this order. */
	error500: number;
	unavailable503: number;
	throttle429: number;
	drop: number;
	delayMs: number;
	/** Milliseconds the commit transaction is held open after the clients are inserted. */
	holdCommitMs: number;
	/** Milliseconds each password's hash holds its slot once done: a chunk stays mid-hashing. */
	hashDelayMs: number;
	retryAfterS: number;
	seed: number | undefined;
}

export type FaultDecision =
	| { kind: 'none' }
	| { kind: 'error'; status: 500 }
	| { kind: 'retry'; status: 429 | 503; retryAfterS: number }
	| { kind: 'drop' };

function probability(name: string, v: string): number {
	const p = Number(v);
	if (v.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1)
		throw new Error(`Fault '${name}' needs a probability between 0 and 1, not '${v}'.`);
	return p;
}

function whole(name: string, v: string): number {
	if (!/^\d+$/.test(v)) throw new Error(`Fault '${name}' needs a whole number, not '${v}'.`);
	return Number(v);
}

/**
 * `500:0.1,429:0.05,503:0.05,drop:0.05,delay:200,hold-commit:30000,hash-delay:60000,
 * retry-after:1,seed:7`; every part optional.
 */
export function parseFaultSpec(text: string): FaultSpec {
	const spec: FaultSpec = {
		error500: 0,
		unavailable503: 0,
		throttle429: 0,
		drop: 0,
		delayMs: 0,
		holdCommitMs: 0,
		hashDelayMs: 0,
		retryAfterS: 1,
		seed: undefined,
	};
	for (const part of text.split(',')) {
		const item = part.trim();
		if (item === '') continue;
		const [name = '', value = ''] = item.split(':', 2);
		switch (name) {
			case '500':
				spec.error500 = probability(name, value);
				break;
			case '503':
				spec.unavailable503 = probability(name, value);
				break;
			case '429':
				spec.throttle429 = probability(name, value);
				break;
			case 'drop':
				spec.drop = probability(name, value);
				break;
			case 'delay':
				spec.delayMs = whole(name, value);
				break;
			case 'hold-commit':
				spec.holdCommitMs = whole(name, value);
				break;
			case 'hash-delay':
				spec.hashDelayMs = whole(name, value);
				break;
			case 'retry-after':
				spec.retryAfterS = whole(name, value);
				break;
			case 'seed':
				spec.seed = whole(name, value);
				break;
			default:
				throw new Error(
					`Unknown fault '${item}': use 500:P, 503:P, 429:P, drop:P, delay:MS, hold-commit:MS, hash-delay:MS, retry-after:S, seed:N.`,
				);
		}
	}
	return spec;
}

/** mulberry32: tiny, seedable, good enough to spread test faults; never used for secrets. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	readonly #spec: FaultSpec;
	readonly #random: () => number;

	constructor(spec: FaultSpec, random: () => number) {
		this.#spec = spec;
		this.#random = random;
	}

	get delayMs(): number {
		return this.#spec.delayMs;
	}

	get hashDelayMs(): number {
		return this.#spec.hashDelayMs;
	}

	/**
	 * Called inside the commit transaction, after the inserts and before the response is stored.
	 * It blocks the whole process on purpose: a test that kills it now lands mid-commit, and the
	 * line on stderr (written synchronously to a pipe) tells the test the moment has come.
	 */
	insideCommit(key: string): void {
		const ms = this.#spec.holdCommitMs;
		if (ms === 0) return;
		console.error(`roster: fault: holding the commit of Idempotency-Key ${key} for ${ms} ms`);
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
	}

	/** One decision per request; always four draws, so one request's outcome never shifts the next. */
	decide(): FaultDecision {
		const s = this.#spec;
		const draws = [this.#random(), this.#random(), this.#random(), this.#random()] as const;
		if (draws[0] < s.error500) return { kind: 'error', status: 500 };
		if (draws[1] < s.unavailable503)
			return { kind: 'retry', status: 503, retryAfterS: s.retryAfterS };
		if (draws[2] < s.throttle429) return { kind: 'retry', status: 429, retryAfterS: s.retryAfterS };
		if (draws[3] < s.drop) return { kind: 'drop' };
		return { kind: 'none' };
	}
}
