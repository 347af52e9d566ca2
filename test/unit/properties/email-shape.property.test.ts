// The one-pass email check against the expression it stands for: on strings made of the
// characters that decide (letters of both cases, digits, dots, hyphens, @, the refused ASCII
// characters, Unicode spaces and letters whose case maps onto ASCII), and on address-like
// strings, emailShape says what EMAIL_PATTERN and hasUpperCase say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	EMAIL_PATTERN,
	emailShape,
	hasUpperCase,
	type EmailScan,
} from '../../../src/core/email-shape.ts';
import { emailKeyHash } from '../../../src/core/rules.ts';

const expected = (v: string) =>
	!EMAIL_PATTERN.test(v) ? 'invalid' : hasUpperCase(v) ? 'upper' : 'lower';

const char = fc.constantFrom(
	...'aAzZmM09-.@_+ \t\n\v\f\r",;<>()[]\\!#$%&\'*/=?^`{|}~\u0000é\u00c9\u212a\u017f\u00a0\u2028\ufeff中',
);
const label = fc.string({ unit: fc.constantFrom(...'abcXYZ09-'), minLength: 0, maxLength: 6 });
const addressLike = fc
	.tuple(
		fc.string({ unit: char, maxLength: 8 }),
		fc.array(label, { minLength: 0, maxLength: 3 }),
		fc.string({ unit: fc.constantFrom(...'abcXY1-é'), maxLength: 4 }),
	)
	.map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

describe('emailShape', () => {
	it('says what EMAIL_PATTERN and hasUpperCase say', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: char, maxLength: 16 }), addressLike), (v) => {
				expect(emailShape(v)).toBe(expected(v));
			}),
			{ numRuns: 20_000 },
		);
	});

	it("leaves the hash of a valid ASCII address's key, which the duplicate index uses, else 0", () => {
		const scan: EmailScan = { keyHash: 7 };
		fc.assert(
			fc.property(fc.oneof(fc.string({ unit: char, maxLength: 16 }), addressLike), (v) => {
				const shape = emailShape(v, scan);
				// eslint-disable-next-line no-control-regex
				const whole = shape !== 'invalid' && /^[\u0000-\u007f]*$/.test(v);
				expect(scan.keyHash).toBe(whole ? emailKeyHash(v) : 0);
			}),
			{ numRuns: 20_000 },
		);
		emailShape('Ana.Lee@Example.COM', scan);
		expect(scan.keyHash).toBe(emailKeyHash('ana.lee@example.com'));
	});

	it('reads the everyday cases', () => {
		expect(emailShape('ana@example.com')).toBe('lower');
		expect(emailShape('Ana@Example.COM')).toBe('upper');
		expect(emailShape('josé@example.com')).toBe('lower');
		expect(emailShape('JOSÉ@example.com')).toBe('upper');
		for (const bad of [
			'',
			'ana',
			'ana@',
			'@example.com',
			'ana@example',
			'ana@-x.com',
			'ana@x-.com',
		])
			expect(emailShape(bad), bad).toBe('invalid');
		for (const bad of [
			'ana@x..com',
			'ana@x.c',
			'ana@x.c0m',
			'a b@x.com',
			'ana@x.com ',
			'ana@@x.com',
		])
			expect(emailShape(bad), bad).toBe('invalid');
	});
});
