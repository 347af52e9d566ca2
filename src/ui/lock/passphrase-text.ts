// What the pro reads about a new passphrase, in their language: the hint under the field as it
// is typed ("Fair: add digits…") and why it cannot be used. The judging itself is core's
// (src/core/passphrase-strength.ts); this only words its verdict.
import {
	MIN_PASSPHRASE_LENGTH,
	passphraseStrength,
	type PassphraseKind,
	type PassphraseStrength,
} from '../../core/passphrase-strength.ts';
import { m } from '../../i18n/messages.ts';

function kindName(kind: PassphraseKind): string {
	switch (kind) {
		case 'capital letters':
			return m.shell_strength_kind_upper();
		case 'small letters':
			return m.shell_strength_kind_lower();
		case 'digits':
			return m.shell_strength_kind_digits();
		case 'symbols':
			return m.shell_strength_kind_symbols();
	}
}

/** "capital letters, digits or symbols": each language's "or" before the last. */
function orList(items: string[]): string {
	const last = items[items.length - 1];
	if (items.length <= 1 || last === undefined) return items.join('');
	return m.shell_strength_or({ first: items.slice(0, -1).join(', '), last });
}

/** What would help most: fewer repeats, other kinds of characters, or another word. */
function addition(strength: PassphraseStrength): string {
	const add =
		strength.missing.length > 0
			? m.shell_strength_add_kinds({ kinds: orList(strength.missing.map(kindName)) })
			: m.shell_strength_add_word();
	return strength.repeats ? m.shell_strength_repeats({ add }) : add;
}

const MIN = String(MIN_PASSPHRASE_LENGTH);

/** The hint under a new passphrase's field: how strong it is and what to add. */
export function strengthHint(passphrase: string): string {
	const strength = passphraseStrength(passphrase);
	const length = [...passphrase].length;
	if (length === 0) return m.shell_strength_empty({ min: MIN });
	switch (strength.verdict) {
		case 'too short':
			return m.shell_strength_too_short({ count: MIN_PASSPHRASE_LENGTH - length, min: MIN });
		case 'strong':
			return m.shell_strength_strong();
		case 'fair':
			return m.shell_strength_fair({ add: addition(strength) });
		case 'weak':
			return m.shell_strength_weak({ add: addition(strength) });
	}
}

/** Why a new passphrase (typed twice) cannot be used, or null when it can: the field's error. */
export function newPassphraseProblem(next: string, repeat: string): string | null {
	const strength = passphraseStrength(next);
	if (next.length === 0) return m.shell_passphrase_none({ field: m.shell_lockset_new() });
	if (strength.verdict === 'too short') return m.shell_passphrase_short({ min: MIN });
	if (!strength.acceptable) return m.shell_passphrase_weak({ add: addition(strength) });
	if (next !== repeat)
		return m.shell_passphrase_differ({
			next: m.shell_lockset_new(),
			repeat: m.shell_lockset_repeat(),
		});
	return null;
}
