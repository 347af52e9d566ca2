// What a column's sample cells look like (email addresses, dates, genders, passwords), for the
// mapping step's content suggestions. A guess from a sample, never a certain match: the shares
// are counted here and the thresholds applied in column-mapping.ts.
import { isRealDate, readDate } from './dates.ts';
import { genderLetter, genderWord } from './gender.ts';
import { EMAIL_PATTERN, MIN_PASSWORD_LENGTH } from './rules.ts';

/** How many of a column's non-empty sample cells look like each kind of value. */
export interface ColumnLooks {
	nonEmpty: number;
	emails: number;
	dates: number;
	genders: number;
	passwords: number;
}

// A gender word in any header language, or a letter of any convention (H/F, H/M, m/w, M/V,
// M/F): which gender a letter means is the validator's business; here it only has to look like
// one. gender.ts is the one home of both readings.
function isGender(value: string): boolean {
	return genderLetter(value) !== null || genderWord(value) !== null;
}

function isDate(value: string): boolean {
	const reading = readDate(value);
	switch (reading.kind) {
		case 'canonical':
		case 'certain':
			return isRealDate(reading.year, reading.month, reading.day);
		case 'ambiguous':
			return true;
		default:
			return false;
	}
}

const SPACE = /\s/;
// Phone numbers and numeric IDs sit beside the emails in many exports and are 8+ characters
// without spaces too; a temporary password with nothing but digits is rarer than either.
const NUMBER_LIKE = /^[+\d().-]+$/;

/** Counts what the cells look like; a cell may count as several kinds (never password too). */
export function looksOf(cells: Iterable<string>): ColumnLooks {
	const looks: ColumnLooks = { nonEmpty: 0, emails: 0, dates: 0, genders: 0, passwords: 0 };
	for (const raw of cells) {
		const value = raw.trim();
		if (value === '') continue;
		looks.nonEmpty++;
		const email = EMAIL_PATTERN.test(value);
		const date = isDate(value);
		if (email) looks.emails++;
		if (date) looks.dates++;
		if (isGender(value)) looks.genders++;
		// An address or a birthdate is no password, though both are 8+ characters.
		if (
			!email &&
			!date &&
			value.length >= MIN_PASSWORD_LENGTH &&
			!SPACE.test(value) &&
			!NUMBER_LIKE.test(value)
		)
			looks.passwords++;
	}
	return looks;
}

/**
 * `count` of `total` as a whole percent, rounded down so that a column with one odd cell
 * never reads "100 %"; integer arithmetic, so 29 of 100 is 29 and not 28.999….
 */
export function wholePercent(count: number, total: number): number {
	return total === 0 ? 0 : Math.floor((count * 100) / total);
}

/** The cells of column `index` across the sample rows (missing cells read as empty). */
export function columnCells(sample: readonly (readonly string[])[], index: number): string[] {
	return sample.map((row) => row[index] ?? '');
}
