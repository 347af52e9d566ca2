// The names pros give the template's columns, in the languages Roster's users write headers in,
// compared the way people vary them (case, accents, spaces and punctuation). The tables grow with
// the files pros send; a name listed here is a certain match (content guesses are not), so a name
// that means different things to different pros is never listed as certain (see UNSURE_NAMES).
import { TEMPLATE_FIELDS, type Field } from './fields.ts';

/** Languages a header alias is known in (`en` also covers the template's own variants). */
export const HEADER_LANGUAGES = ['en', 'fr', 'es', 'de', 'nl', 'pt', 'it'] as const;
export type HeaderLanguage = (typeof HEADER_LANGUAGES)[number];

/**
 * Header text folded the way people vary it: case, accents, spaces, `_`, `-`, dots, brackets,
 * apostrophes, `#` and the number signs `°`/`º` (`N° client` = `No client` minus the `o`).
 */
export function foldHeader(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\s_\-.()[\]'’:/#*°º]+/g, '');
}

export type AliasTable = Readonly<
	Record<HeaderLanguage, Partial<Record<Field, readonly string[]>>>
>;

/** Names as pros write them in their exports (folded before use). */
export const HEADER_ALIASES: AliasTable = {
	en: {
		email_address: [
			'Email',
			'E-mail',
			'Email address',
			'E-mail address',
			'Email adress',
			'Emails',
			'Mail',
			'Client email',
			'Customer email',
			'Member email',
		],
		initial_password: [
			'Password',
			'Initial password',
			'Temporary password',
			'Temp password',
			'PWD',
			'Pass',
			'Passwd',
		],
		first_name: ['First', 'First name', 'Firstname', 'Given name', 'Forename'],
		last_name: ['Last', 'Last name', 'Lastname', 'Surname', 'Family name'],
		birthdate: [
			'Birthdate',
			'Birth date',
			'Birthdate YYYYMMDD',
			'DOB',
			'D.O.B.',
			'Date of birth',
			'Birthday',
			'Born',
		],
		gender: ['Gender', 'Sex'],
		tag: ['Tag', 'Tags', 'Label', 'Labels', 'Group', 'Groups'],
		external_id: [
			'External ID',
			'External identifier',
			'Ext ID',
			'ID',
			'Client ID',
			'Client number',
			'Customer ID',
			'Customer number',
			'Member ID',
			'Member number',
		],
	},
	fr: {
		email_address: [
			'Courriel',
			'Adresse courriel',
			'Adresse e-mail',
			'Adresse email',
			'Adresse mail',
			'E-mail',
			'Mél',
		],
		initial_password: ['Mot de passe', 'MDP', 'Mot de passe provisoire', 'Mot de passe temporaire'],
		first_name: ['Prénom'],
		last_name: ['Nom', 'Nom de famille'],
		birthdate: ['Date de naissance', 'Date naissance', 'Naissance', 'Né le', 'Née le', 'Né(e) le'],
		gender: ['Sexe', 'Genre'],
		tag: ['Étiquette', 'Étiquettes', 'Groupe', 'Groupes'],
		external_id: [
			'Identifiant',
			'Identifiant externe',
			'ID client',
			'Numéro client',
			'Numéro de client',
			'N° client',
			'Référence client',
			'Numéro de dossier',
			'N° de dossier',
		],
	},
	es: {
		email_address: [
			'Correo electrónico',
			'Correo',
			'Correo-e',
			'Dirección de correo',
			'Dirección de correo electrónico',
			'E-mail',
		],
		initial_password: ['Contraseña', 'Contraseña temporal', 'Contraseña inicial'],
		first_name: ['Nombre', 'Nombres'],
		last_name: ['Apellido', 'Apellidos'],
		birthdate: ['Fecha de nacimiento', 'Fecha nacimiento', 'Nacimiento', 'F. nacimiento'],
		gender: ['Sexo', 'Género'],
		tag: ['Etiqueta', 'Etiquetas', 'Grupo', 'Grupos'],
		external_id: [
			'Identificador',
			'ID cliente',
			'Número de cliente',
			'Nº cliente',
			'Código de cliente',
			'Código cliente',
		],
	},
	de: {
		email_address: ['E-Mail', 'E-Mail-Adresse', 'Email-Adresse', 'Mailadresse', 'Mail-Adresse'],
		initial_password: ['Passwort', 'Kennwort', 'Initialpasswort', 'Startpasswort'],
		first_name: ['Vorname'],
		last_name: ['Nachname', 'Familienname', 'Zuname'],
		birthdate: ['Geburtsdatum', 'Geb.-Datum', 'Geburtstag', 'Geboren am'],
		gender: ['Geschlecht'],
		tag: ['Gruppe', 'Gruppen', 'Etikett', 'Schlagwort'],
		external_id: [
			'Kundennummer',
			'Kunden-Nr.',
			'Kundennr',
			'Kunden-ID',
			'Mitgliedsnummer',
			'Patientennummer',
		],
	},
	nl: {
		email_address: ['E-mailadres', 'Emailadres', 'E-mail'],
		initial_password: ['Wachtwoord', 'Tijdelijk wachtwoord'],
		first_name: ['Voornaam', 'Roepnaam'],
		last_name: ['Achternaam', 'Familienaam'],
		birthdate: ['Geboortedatum', 'Geboren'],
		gender: ['Geslacht'],
		tag: ['Label', 'Labels', 'Groep', 'Groepen', 'Etiket'],
		external_id: ['Klantnummer', 'Klant-ID', 'Lidnummer', 'Relatienummer', 'Patiëntnummer'],
	},
	pt: {
		email_address: [
			'E-mail',
			'Email',
			'Endereço de e-mail',
			'Correio eletrónico',
			'Correio eletrônico',
		],
		initial_password: ['Senha', 'Senha provisória', 'Senha temporária', 'Palavra-passe'],
		first_name: ['Nome', 'Primeiro nome', 'Nome próprio'],
		// Not `Apelido`: see UNSURE_NAMES.
		last_name: ['Sobrenome', 'Último nome'],
		birthdate: ['Data de nascimento', 'Data nasc.', 'Nascimento'],
		gender: ['Sexo', 'Género', 'Gênero'],
		tag: ['Etiqueta', 'Etiquetas', 'Grupo', 'Marcador'],
		external_id: [
			'Identificador',
			'ID do cliente',
			'Número de cliente',
			'Nº cliente',
			'Código do cliente',
		],
	},
	it: {
		email_address: ['Email', 'E-mail', 'Indirizzo email', 'Indirizzo e-mail', 'Posta elettronica'],
		initial_password: ['Password', 'Password temporanea', 'Password iniziale'],
		first_name: ['Nome'],
		last_name: ['Cognome'],
		birthdate: ['Data di nascita', 'Data nascita', 'Nascita'],
		gender: ['Sesso', 'Genere'],
		tag: ['Etichetta', 'Etichette', 'Gruppo', 'Gruppi'],
		external_id: ['Codice cliente', 'ID cliente', 'Numero cliente', 'Identificativo'],
	},
};

/**
 * Names pros use for different things, so never a certain match: the pro (or the content)
 * decides. A name here wins over the tables, and `buildAliasIndex` adds every name the tables
 * give two different fields.
 */
export const UNSURE_NAMES: readonly { name: string; why: string }[] = [
	// Safest is to ask: guessing surname would put Brazilian nicknames into last_name for good.
	{ name: 'Apelido', why: 'surname in Portugal, nickname in Brazil' },
	{ name: 'Name', why: 'the full name in English; the surname in German files beside Vorname' },
	{ name: 'Naam', why: 'the full name in Dutch' },
	{ name: 'Clave', why: 'a password or a code in Spanish' },
];

interface AliasHit {
	field: Field;
	/** Empty for the field's own name; else every language the name is an alias in. */
	languages: readonly HeaderLanguage[];
}

/** Folded name → what it means for certain; names unsure or given two fields are left out. */
export function buildAliasIndex(
	tables: AliasTable,
	unsure: readonly string[] = [],
): Map<string, AliasHit> {
	const index = new Map<string, { field: Field; languages: HeaderLanguage[] }>();
	const clash = new Set(unsure.map(foldHeader));
	for (const field of TEMPLATE_FIELDS) index.set(foldHeader(field), { field, languages: [] });
	for (const language of HEADER_LANGUAGES) {
		for (const field of TEMPLATE_FIELDS) {
			for (const name of tables[language][field] ?? []) {
				const key = foldHeader(name);
				const known = index.get(key);
				if (!known) index.set(key, { field, languages: [language] });
				else if (known.field !== field) clash.add(key);
				else if (known.languages.length > 0 && !known.languages.includes(language))
					known.languages.push(language);
			}
		}
	}
	for (const key of clash) index.delete(key);
	return index;
}

const BY_FOLDED = buildAliasIndex(
	HEADER_ALIASES,
	UNSURE_NAMES.map((u) => u.name),
);

// "Tag 1", "tag2", "Groupe_3": numbered tag columns, in any language's name for a tag.
const NUMBERED = /^(.*\D)\d+$/;
// "Email (work)", "Date de naissance (JJ/MM/AAAA)": a note in brackets after a known name.
const TRAILING_NOTE = /\s*\([^()]*\)\s*$/;

function lookUp(folded: string): AliasHit | null {
	const hit = BY_FOLDED.get(folded);
	if (hit) return hit;
	const numbered = NUMBERED.exec(folded);
	const base = numbered ? BY_FOLDED.get(numbered[1] as string) : undefined;
	if (base?.field === 'tag')
		return base.languages.length > 0 ? base : { field: 'tag', languages: ['en'] };
	return null;
}

/**
 * The template field a header names for certain, and how: `language` null when it is the
 * field's own name (folded), else the first language of the alias; `languages` all of them
 * (`Nome` is Portuguese and Italian), so a caller knowing the file's language can pick.
 * Null when the name is not known for certain.
 */
export function matchHeaderName(
	text: string,
): { field: Field; language: HeaderLanguage | null; languages: readonly HeaderLanguage[] } | null {
	const trimmed = text.trim();
	let hit = lookUp(foldHeader(trimmed));
	if (!hit && TRAILING_NOTE.test(trimmed))
		hit = lookUp(foldHeader(trimmed.replace(TRAILING_NOTE, '')));
	if (!hit) return null;
	return { field: hit.field, language: hit.languages[0] ?? null, languages: hit.languages };
}

/** Matches one header cell to a template field, or null when it is not one. */
export function matchHeader(text: string): Field | null {
	return matchHeaderName(text)?.field ?? null;
}
