// The names pros give the template's columns, in the languages Roster's users write headers in,
// compared the way people vary them (case, accents, spaces and punctuation). The tables grow with
// the files pros send; a name listed here is a certain match (content guesses are not).
import { TEMPLATE_FIELDS, type Field } from './fields.ts';

/** Languages a header alias is known in (`en` also covers the template's own variants). */
export const HEADER_LANGUAGES = ['en', 'fr', 'es', 'de', 'nl', 'pt', 'it'] as const;
export type HeaderLanguage = (typeof HEADER_LANGUAGES)[number];

/** Header text folded the way people vary it: case, accents, spaces, `_`, `-`, dots, brackets. */
export function foldHeader(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s_\-.()[\]'’:/#*]+/g, '');
}

const ALIASES: Record<HeaderLanguage, Partial<Record<Field, string[]>>> = {
	en: {
		email_address: ['email', 'emailaddress', 'mail', 'emailadress', 'emails', 'clientemail'],
		initial_password: [
			'password',
			'initialpassword',
			'temporarypassword',
			'temppassword',
			'pwd',
			'pass',
			'passwd',
		],
		first_name: ['first', 'firstname', 'givenname', 'forename'],
		last_name: ['last', 'lastname', 'surname', 'familyname'],
		birthdate: ['birthdate', 'dob', 'dateofbirth', 'birthday', 'birthdateyyyymmdd', 'born'],
		gender: ['gender', 'sex'],
		tag: ['tag', 'tags', 'label', 'group'],
		external_id: ['externalid', 'clientid', 'externalidentifier', 'extid', 'id', 'memberid'],
	},
	fr: {
		email_address: ['courriel', 'adressecourriel', 'adresseemail', 'email', 'mel'],
		initial_password: ['motdepasse', 'mdp'],
		first_name: ['prenom'],
		last_name: ['nom', 'nomdefamille'],
		birthdate: ['datedenaissance', 'naissance', 'nele', 'nee'],
		gender: ['sexe', 'genre'],
	},
	es: {},
	de: {
		first_name: ['vorname'],
		last_name: ['nachname'],
	},
	nl: {},
	pt: {},
	it: {},
};

const BY_FOLDED = new Map<string, { field: Field; language: HeaderLanguage | null }>();
for (const field of TEMPLATE_FIELDS) BY_FOLDED.set(foldHeader(field), { field, language: null });
for (const language of HEADER_LANGUAGES) {
	for (const [field, names] of Object.entries(ALIASES[language]) as [Field, string[]][]) {
		for (const name of names) {
			const key = foldHeader(name);
			if (!BY_FOLDED.has(key)) BY_FOLDED.set(key, { field, language });
		}
	}
}

/**
 * The template field a header names for certain, and how: `language` null when it is the
 * field's own name (folded), else the language of the alias. Null when the name is not known.
 */
export function matchHeaderName(
	text: string,
): { field: Field; language: HeaderLanguage | null } | null {
	const folded = foldHeader(text.trim());
	if (folded === '') return null;
	const hit = BY_FOLDED.get(folded);
	if (hit) return hit;
	// "Tag 1", "tag2", "Tags_3": numbered tag columns.
	if (/^(tag|tags|label)\d+$/.test(folded)) return { field: 'tag', language: 'en' };
	return null;
}

/** Matches one header cell to a template field, or null when it is not one. */
export function matchHeader(text: string): Field | null {
	return matchHeaderName(text)?.field ?? null;
}
