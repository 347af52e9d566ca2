// Gender written the way a file's own language writes it: single letters by the column's
// convention (inferred from the set of letters the column uses, as the date order is), and words.
import { foldHeader } from './header-aliases.ts';

/** The single-letter conventions: male letter / female letter. */
export const GENDER_CONVENTIONS = ['H/F', 'H/M', 'm/w', 'M/V', 'M/F'] as const;
export type GenderConvention = (typeof GENDER_CONVENTIONS)[number];
/** What the platform accepts, and what the pro may choose for an ambiguous letter. */
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Each convention's letters (upper case: a column may write either case) and its words. */
const CONVENTION_LETTERS: Readonly<
	Record<
		GenderConvention,
		{ male: string; female: string; lang: string; words: Record<Gender, string> }
	>
> = {
	'H/F': {
		male: 'H',
		female: 'F',
		lang: 'fr',
		words: { male: 'French homme', female: 'French femme' },
	},
	'H/M': {
		male: 'H',
		female: 'M',
		lang: 'es',
		words: { male: 'Spanish hombre', female: 'Spanish mujer' },
	},
	'm/w': {
		male: 'M',
		female: 'W',
		lang: 'de',
		words: { male: 'German männlich', female: 'German weiblich' },
	},
	'M/V': {
		male: 'M',
		female: 'V',
		lang: 'nl',
		words: { male: 'Dutch man', female: 'Dutch vrouw' },
	},
	'M/F': {
		male: 'M',
		female: 'F',
		lang: 'en',
		words: { male: 'English male', female: 'English female' },
	},
};

/** Which language's words a convention abbreviates, for messages: "Spanish hombre/mujer". */
export function conventionWords(convention: GenderConvention): string {
	const { male, female } = CONVENTION_LETTERS[convention].words;
	return `${male}/${female.slice(female.indexOf(' ') + 1)}`;
}

/**
 * A convention's language ("fr") and its words without the language's name ("homme"), for
 * messages in the pro's language.
 */
export function conventionNative(convention: GenderConvention): {
	lang: string;
	male: string;
	female: string;
} {
	const { lang, words } = CONVENTION_LETTERS[convention];
	const bare = (w: string) => w.slice(w.indexOf(' ') + 1);
	return { lang, male: bare(words.male), female: bare(words.female) };
}

/** Every letter some convention uses. */
export const GENDER_LETTERS: ReadonlySet<string> = new Set(['H', 'F', 'M', 'W', 'V']);

/** What `letter` (upper case) means in `convention`, or null when the convention lacks it. */
export function letterIn(convention: GenderConvention, letter: string): Gender | null {
	const c = CONVENTION_LETTERS[convention];
	return letter === c.male ? 'male' : letter === c.female ? 'female' : null;
}

/** The cell as an upper-case convention letter (`m` → `M`), or null when it is not one. */
export function genderLetter(value: string): string | null {
	if (value.length !== 1) return null;
	const upper = value.toUpperCase();
	return GENDER_LETTERS.has(upper) ? upper : null;
}

// Folded (foldHeader: no case, accents or punctuation). A Map, not an object literal: cell text
// such as "constructor" must not find Object's members. Single letters are read by convention.
const WORDS: readonly [Gender, readonly string[]][] = [
	[
		'male',
		[
			// en
			'male',
			'man',
			'masculine',
			'masc',
			// fr
			'homme',
			'masculin',
			// es, pt
			'hombre',
			'varon',
			'masculino',
			'homem',
			// de
			'mannlich',
			'maennlich',
			'mannl',
			'mann',
			// nl
			'mannelijk',
			// it
			'maschio',
			'maschile',
			'uomo',
		],
	],
	[
		'female',
		[
			// en
			'female',
			'woman',
			'feminine',
			'fem',
			// fr
			'femme',
			'feminin',
			// es, pt
			'mujer',
			'femenino',
			'femenina',
			'feminino',
			'feminina',
			'mulher',
			// de
			'weiblich',
			'weibl',
			'frau',
			// nl
			'vrouw',
			'vrouwelijk',
			// it
			'femmina',
			'femminile',
			'donna',
		],
	],
];
const WORD_INDEX = new Map<string, Gender>(
	WORDS.flatMap(([gender, words]) => words.map((w) => [w, gender] as const)),
);

/** The gender a word names in one of the header languages (`Homme`, `weiblich`), or null. */
export function genderWord(value: string): Gender | null {
	// Lower case first: most files write `Female` or `Homme`, and folding runs two regexes.
	return WORD_INDEX.get(value.toLowerCase()) ?? WORD_INDEX.get(foldHeader(value)) ?? null;
}

export interface GenderLetterReading {
	/** The one convention the letters fit, or null (none, or more than one). */
	convention: GenderConvention | null;
	/** Each letter (upper case) read: null when the conventions it may be read by disagree. */
	reading: Map<string, Gender | null>;
}

/** The conventions a letter is read by: those fitting the whole set, else those having it. */
function candidates(letter: string, fitting: readonly GenderConvention[]): GenderConvention[] {
	return fitting.length > 0
		? [...fitting]
		: GENDER_CONVENTIONS.filter((c) => letterIn(c, letter) !== null);
}

/**
 * Reads a column's letters (any case; other values are ignored) by the conventions that fit
 * the set: a letter is read only when every candidate convention agrees on it, never guessed.
 */
export function readGenderLetters(letters: Iterable<string>): GenderLetterReading {
	const set = new Set<string>();
	for (const l of letters) {
		const letter = genderLetter(l);
		if (letter) set.add(letter);
	}
	const fitting = GENDER_CONVENTIONS.filter((c) =>
		[...set].every((letter) => letterIn(c, letter) !== null),
	);
	const reading = new Map<string, Gender | null>();
	for (const letter of set) {
		const seen = new Set(candidates(letter, fitting).map((c) => letterIn(c, letter)));
		reading.set(letter, seen.size === 1 ? ([...seen][0] as Gender) : null);
	}
	return {
		convention: set.size > 0 && fitting.length === 1 ? (fitting[0] as GenderConvention) : null,
		reading,
	};
}

/** Each letter read alone: how a column fitting no convention reads it. */
const ALONE = new Map([...GENDER_LETTERS].map((l) => [l, readGenderLetters([l]).reading.get(l)]));

/**
 * A letter (upper case, see `genderLetter`) read by a convention held for a draft: by the
 * convention when it has the letter, else by the letter alone (as a column fitting no
 * convention reads it). Null: ambiguous.
 */
export function readLetter(letter: string, held: GenderConvention | null): Gender | null {
	return (held === null ? null : letterIn(held, letter)) ?? ALONE.get(letter) ?? null;
}

/**
 * What an ambiguous letter could mean, for its message: "male (M/F, m/w, M/V) or female (H/M,
 * Spanish mujer)". Weighed against every convention having the letter: a letter is ambiguous
 * only when the column's set fits no convention or is that letter alone, and then those are the
 * conventions it was read by.
 */
export function letterMeanings(letter: string): string {
	return letterMeaningParts(letter)
		.map(({ gender, by, only }) => {
			const words = only ? `, ${CONVENTION_LETTERS[only].words[gender]}` : '';
			return `${gender} (${by.join(', ')}${words})`;
		})
		.join(' or ');
}

/** The sides of `letterMeanings`: each reading, its conventions, and the one convention alone. */
export function letterMeaningParts(
	letter: string,
): { gender: Gender; by: GenderConvention[]; only: GenderConvention | null }[] {
	const having = candidates(letter, []);
	return (['male', 'female'] as const).flatMap((gender) => {
		const by = having.filter((c) => letterIn(c, letter) === gender);
		if (by.length === 0) return [];
		return [{ gender, by, only: by.length === 1 ? (by[0] as GenderConvention) : null }];
	});
}
