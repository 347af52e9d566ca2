// The strength hint a pro sees under "New passphrase", and which passphrases turn the lock on:
// length first, then variety; repeats count for little; the hint says what to add.
import { describe, expect, it } from 'vitest';
import {
	MIN_PASSPHRASE_LENGTH,
	newPassphraseProblem,
	passphraseStrength,
} from '../../../src/core/passphrase-strength.ts';

describe('passphraseStrength', () => {
	it('says how many characters a short passphrase lacks', () => {
		expect(MIN_PASSPHRASE_LENGTH).toBe(12);
		expect(passphraseStrength('')).toMatchObject({ verdict: 'too short', acceptable: false });
		expect(passphraseStrength('').hint).toMatch(/at least 12 characters/);
		expect(passphraseStrength('Tr0ub4dor&3')).toMatchObject({
			verdict: 'too short',
			hint: 'Too short: add 1 more character (at least 12; a few words work well).',
		});
		expect(passphraseStrength('abc').hint).toMatch(/add 9 more characters/);
	});

	it('calls one kind of character at the minimum length weak, and says what to add', () => {
		const digits = passphraseStrength('839201746512');
		expect(digits).toMatchObject({ verdict: 'weak', acceptable: false });
		expect(digits.hint).toBe(
			'Weak: add capital letters, small letters or symbols, or another word.',
		);
	});

	it('counts repeated characters for little', () => {
		const repeated = passphraseStrength('abababababababababab');
		expect(repeated.verdict).toBe('weak');
		expect(repeated.hint).toMatch(/^Weak: use fewer repeated characters/);
	});

	it('calls small letters at the minimum length fair, and a few words with a digit strong', () => {
		expect(passphraseStrength('lanternquiet')).toMatchObject({ verdict: 'fair', acceptable: true });
		expect(passphraseStrength('lanternquiet').hint).toMatch(/^Fair: add capital letters/);
		expect(passphraseStrength('harbour lantern 42 cobalt')).toMatchObject({
			verdict: 'strong',
			acceptable: true,
			hint: 'Strong.',
		});
	});

	it('counts characters, not UTF-16 units', () => {
		expect(passphraseStrength('🙂🙂🙂🙂🙂🙂').verdict).toBe('too short');
	});
});

describe('newPassphraseProblem', () => {
	it('names the field and what to do, or nothing for a good pair', () => {
		expect(newPassphraseProblem('', '')).toBe('Type a new passphrase in "New passphrase".');
		expect(newPassphraseProblem('short', 'short')).toMatch(/too short: use at least 12/);
		expect(newPassphraseProblem('839201746512', '839201746512')).toMatch(
			/^The new passphrase is too easy to guess: add capital letters/,
		);
		expect(newPassphraseProblem('harbour lantern 42', 'harbour lantern 24')).toMatch(
			/"New passphrase" and "Repeat passphrase"/,
		);
		expect(newPassphraseProblem('harbour lantern 42', 'harbour lantern 42')).toBeNull();
	});
});
