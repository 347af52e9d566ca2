// Header aliases: every name in every language's table is a certain match however it is cased,
// accented or spaced, and names that mean different things to different pros never are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_FIELDS, type Field } from '../../../src/core/fields.ts';
import {
	buildAliasIndex,
	foldHeader,
	HEADER_ALIASES,
	HEADER_LANGUAGES,
	matchHeader,
	matchHeaderName,
	UNSURE_NAMES,
	type HeaderLanguage,
} from '../../../src/core/header-aliases.ts';

const ENTRIES: { language: HeaderLanguage; field: Field; name: string }[] =
	HEADER_LANGUAGES.flatMap((language) =>
		TEMPLATE_FIELDS.flatMap((field) =>
			(HEADER_ALIASES[language][field] ?? []).map((name) => ({ language, field, name })),
		),
	);

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

describe('alias tables', () => {
	it('have names for every template field in every language', () => {
		for (const language of HEADER_LANGUAGES)
			for (const field of TEMPLATE_FIELDS)
				expect(HEADER_ALIASES[language][field]?.length, `${language} ${field}`).toBeGreaterThan(0);
	});

	it.each(ENTRIES)('$language $name → $field, in every folding', ({ language, field, name }) => {
		const variants = [
			name,
			name.toUpperCase(),
			name.toLowerCase(),
			stripAccents(name),
			stripAccents(name).toUpperCase(),
			`  ${name.replace(/ /g, '   ')}  `,
			name.replace(/ /g, '_'),
			name.replace(/[ -]/g, ''),
		];
		for (const text of variants) {
			const hit = matchHeaderName(text);
			expect(hit?.field, JSON.stringify(text)).toBe(field);
			// The template's own name is a `name` match; every other entry knows its language.
			if (hit?.language !== null) expect(hit?.languages).toContain(language);
		}
	});

	it('match any mix of case, accents and separators (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...ENTRIES),
				fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
				fc.constantFrom(' ', '_', '-', '.', '  '),
				fc.boolean(),
				({ field, name }, upper, separator, accents) => {
					const base = accents ? name : stripAccents(name);
					const cased = [...base]
						.map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase()))
						.join('');
					expect(matchHeader(cased.replace(/ /g, separator))).toBe(field);
				},
			),
		);
	});

	it('fold Prénom, prenom and PRENOM alike', () => {
		expect(foldHeader('Prénom')).toBe('prenom');
		expect(foldHeader('PRENOM')).toBe('prenom');
		expect(matchHeaderName('PRÉNOM')).toMatchObject({ field: 'first_name', language: 'fr' });
	});

	it('read the issue’s French file', () => {
		const header = ['Courriel', 'Mot de passe', 'Prénom', 'Nom', 'Date de naissance', 'Sexe'];
		expect(header.map(matchHeader)).toEqual([
			'email_address',
			'initial_password',
			'first_name',
			'last_name',
			'birthdate',
			'gender',
		]);
	});

	it('know each language’s own words', () => {
		expect(matchHeaderName('Correo electrónico')).toMatchObject({ field: 'email_address' });
		expect(matchHeaderName('Apellidos')).toMatchObject({ field: 'last_name', language: 'es' });
		expect(matchHeaderName('E-Mail-Adresse')).toMatchObject({ language: 'de' });
		expect(matchHeaderName('Kundennummer')).toMatchObject({ field: 'external_id' });
		expect(matchHeaderName('Geboortedatum')).toMatchObject({ field: 'birthdate', language: 'nl' });
		expect(matchHeaderName('Senha')).toMatchObject({ field: 'initial_password', language: 'pt' });
		expect(matchHeaderName('Gênero')).toMatchObject({ field: 'gender', languages: ['es', 'pt'] });
		expect(matchHeaderName('Cognome')).toMatchObject({ field: 'last_name', language: 'it' });
		// Nom is the French surname, Nome the Portuguese and Italian first name.
		expect(matchHeader('Nom')).toBe('last_name');
		expect(matchHeaderName('Nome')).toMatchObject({ field: 'first_name', languages: ['pt', 'it'] });
	});
});

describe('names that are not certain', () => {
	it.each(UNSURE_NAMES)('$name is left to the pro ($why)', ({ name }) => {
		expect(matchHeaderName(name)).toBeNull();
		expect(matchHeaderName(name.toUpperCase())).toBeNull();
	});

	it('a name two languages give different fields is no certain match', () => {
		const index = buildAliasIndex({
			...HEADER_ALIASES,
			pt: { first_name: ['Nome'] },
			it: { last_name: ['Nome'], first_name: ['Primo'] },
		});
		expect(index.has('nome')).toBe(false);
		expect(index.get('primo')).toEqual({ field: 'first_name', languages: ['it'] });
		expect(buildAliasIndex(HEADER_ALIASES).get('nome')?.field).toBe('first_name');
	});

	it('no name in the tables is given two fields', () => {
		const fields = new Map<string, Set<Field>>();
		for (const { field, name } of ENTRIES) {
			const key = foldHeader(name);
			fields.set(key, (fields.get(key) ?? new Set()).add(field));
		}
		const clashes = [...fields].filter(([, set]) => set.size > 1).map(([key]) => key);
		expect(clashes).toEqual([]);
	});

	it.each(['Notes', 'Contact', 'Phone', 'Client', 'Gender [male|female]', '', '   '])(
		'%j matches nothing',
		(text) => {
			expect(matchHeaderName(text)).toBeNull();
		},
	);
});

describe('numbered and annotated names', () => {
	it.each([
		['Tag 1', 'en'],
		['Groupe 2', 'fr'],
		['Etiqueta_3', 'es'],
		['Gruppe10', 'de'],
	] as const)('%s is a tag column (%s)', (text, language) => {
		expect(matchHeaderName(text)).toMatchObject({ field: 'tag', language });
	});

	it('numbers only make tag columns', () => {
		expect(matchHeader('Email 2')).toBeNull();
		expect(matchHeader('Prénom2')).toBeNull();
	});

	it('ignores a note in brackets after a known name', () => {
		expect(matchHeader('Date de naissance (JJ/MM/AAAA)')).toBe('birthdate');
		expect(matchHeader('Email (work)')).toBe('email_address');
		expect(matchHeader('Notes (staff)')).toBeNull();
	});

	it('reads number signs', () => {
		expect(matchHeaderName('N° client')).toMatchObject({ field: 'external_id', language: 'fr' });
		expect(matchHeaderName('Nº cliente')).toMatchObject({ field: 'external_id' });
	});
});
