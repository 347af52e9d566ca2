// How hard a device passphrase is to guess, judged from its length and the kinds of characters
// in it, in words a pro can act on ("fair: add digits or another word"); and whether a new
// passphrase can be used at all. A passphrase that opens a shared tablet's client list must
// survive a patient guesser with the device in hand, so a short or weak one is refused.

/** Shorter than this is refused whatever it holds: a few words clear it easily. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseVerdict = 'too short' | 'weak' | 'fair' | 'strong';

export interface PassphraseStrength {
	verdict: PassphraseVerdict;
	/** A rough estimate of the guesses needed, in bits. */
	bits: number;
	/** Long and strong enough to turn the lock on with. */
	acceptable: boolean;
	/** The verdict and what to add, as the hint under the field shows it. */
	hint: string;
	/** The kinds of characters it lacks, and whether repeats weaken it (a hint in any language). */
	missing: PassphraseKind[];
	repeats: boolean;
}

const FAIR_BITS = 50;
const STRONG_BITS = 70;

const KINDS = [
	{ name: 'capital letters', test: /[A-Z]/, size: 26 },
	{ name: 'small letters', test: /[a-z]/, size: 26 },
	{ name: 'digits', test: /[0-9]/, size: 10 },
	{ name: 'symbols', test: /[^A-Za-z0-9]/, size: 33 },
] as const;
export type PassphraseKind = (typeof KINDS)[number]['name'];

/** Judges `passphrase`: length first, then variety (repeated characters count for little). */
export function passphraseStrength(passphrase: string): PassphraseStrength {
	const chars = [...passphrase];
	const length = chars.length;
	const present = KINDS.filter((k) => k.test.test(passphrase));
	const pool = present.reduce((sum, k) => sum + k.size, 0);
	// "aaaaaaaaaaaa" or "abababababab" is long but guessed at once: a character beyond twice the
	// number of different ones adds nothing.
	const distinct = new Set(chars).size;
	const effective = Math.min(length, distinct * 2);
	const bits = pool === 0 ? 0 : Math.round(effective * Math.log2(pool));
	const missing: PassphraseKind[] = KINDS.filter((k) => !present.includes(k)).map((k) => k.name);
	const repeats = effective < length;

	if (length < MIN_PASSPHRASE_LENGTH) {
		const more = MIN_PASSPHRASE_LENGTH - length;
		return {
			verdict: 'too short',
			bits,
			acceptable: false,
			missing,
			repeats,
			hint:
				length === 0
					? `Use at least ${MIN_PASSPHRASE_LENGTH} characters: three or four words you will remember work well.`
					: `Too short: add ${more} more character${more === 1 ? '' : 's'} (at least ${MIN_PASSPHRASE_LENGTH}; a few words work well).`,
		};
	}
	const verdict: PassphraseVerdict =
		bits >= STRONG_BITS ? 'strong' : bits >= FAIR_BITS ? 'fair' : 'weak';
	const add = addition(missing, repeats);
	const hint =
		verdict === 'strong'
			? 'Strong.'
			: verdict === 'fair'
				? `Fair: ${add} to make it strong.`
				: `Weak: ${add}.`;
	return { verdict, bits, acceptable: verdict !== 'weak', hint, missing, repeats };
}

/** What would help most: fewer repeats, other kinds of characters, or another word. */
function addition(missing: string[], repeats: boolean): string {
	const add = missing.length > 0 ? `add ${orList(missing)}, or another word` : 'add another word';
	return repeats ? `use fewer repeated characters; ${add}` : add;
}

function orList(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Why a new passphrase (typed twice) cannot be used, or null when it can. The message says what
 * to do, as the field's error.
 */
export function newPassphraseProblem(next: string, repeat: string): string | null {
	const strength = passphraseStrength(next);
	if (next.length === 0) return 'Type a new passphrase in "New passphrase".';
	if (strength.verdict === 'too short')
		return `The new passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (a few words work well).`;
	if (!strength.acceptable)
		return `The new passphrase is too easy to guess: ${strength.hint.replace(/^Weak: /, '')}`;
	if (next !== repeat)
		return 'The two passphrases differ: type the same passphrase in "New passphrase" and "Repeat passphrase".';
	return null;
}
