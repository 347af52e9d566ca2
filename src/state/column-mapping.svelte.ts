// The mapping step's state: which field each source column of a file feeds, as the pro chooses
// it, starting from Roster's suggestions (or the mapping remembered for this header row, or the
// open draft's own). One field per column except `tag`; choosing a field another column has
// moves it here. Required fields no column feeds are filled with one value, or left empty for
// the grid. The screen reads it; `mapping` is what the import is sent.
import type { ColumnMapping, SuggestionReason } from '../core/column-mapping.ts';
import {
	REQUIRED_FIELDS,
	TEMPLATE_FIELDS,
	type Field,
	type RequiredField,
} from '../core/fields.ts';
import { rowHoldsClient } from '../core/rules.ts';
import { columnLetter } from '../core/template.ts';
import type { HeaderLanguage } from '../core/header-aliases.ts';
import { fieldLabel } from '../i18n/field-labels.ts';
import { m } from '../i18n/messages.ts';
import type { FilePreview } from '../worker/mapping-views.ts';

/** How a required field with no column is filled: one value for every row, or in the grid. */
export type FillMode = 'value' | 'grid';

/** A field named inside a sentence ("French for first name"): lower case where the language has it. */
function fieldWord(field: Field): string {
	switch (field) {
		case 'email_address':
			return m.import_word_email_address();
		case 'initial_password':
			return m.import_word_initial_password();
		case 'first_name':
			return m.import_word_first_name();
		case 'last_name':
			return m.import_word_last_name();
		case 'birthdate':
			return m.import_word_birthdate();
		case 'gender':
			return m.import_word_gender();
		case 'tag':
			return m.import_word_tag();
		case 'external_id':
			return m.import_word_external_id();
	}
}

function languageName(language: Exclude<HeaderLanguage, 'en'>): string {
	switch (language) {
		case 'fr':
			return m.import_language_fr();
		case 'es':
			return m.import_language_es();
		case 'de':
			return m.import_language_de();
		case 'nl':
			return m.import_language_nl();
		case 'pt':
			return m.import_language_pt();
		case 'it':
			return m.import_language_it();
	}
}

/** Why a column is suggested ("French for first name"), in the app's language. */
export function reasonText(reason: SuggestionReason, field: Field): string {
	switch (reason.kind) {
		case 'name':
			return m.import_reason_name();
		case 'alias':
			// English aliases are the template's own names written another way.
			return reason.language === 'en'
				? m.import_reason_other_name({ field: fieldWord(field) })
				: m.import_reason_alias({
						language: languageName(reason.language),
						field: fieldWord(field),
					});
		case 'content': {
			const share = Math.round(reason.share * 100);
			switch (reason.looks) {
				case 'emails':
					return m.import_reason_emails({ share });
				case 'dates':
					return m.import_reason_dates({ share });
				case 'genders':
					return m.import_reason_genders({ share });
				case 'passwords':
					return m.import_reason_passwords({ share });
			}
			break;
		}
		case 'remembered':
			return m.import_reason_remembered();
	}
}

/** Sample values shown beside a column. */
const SHOWN_SAMPLES = 3;

export class ColumnMappingStep {
	readonly preview: FilePreview;
	/** The field each column feeds (null: left out), by source column position. */
	columns = $state<(Field | null)[]>([]);
	fillMode = $state<Record<RequiredField, FillMode>>(
		Object.fromEntries(REQUIRED_FIELDS.map((f) => [f, 'grid'])) as Record<RequiredField, FillMode>,
	);
	fillValue = $state<Record<RequiredField, string>>(
		Object.fromEntries(REQUIRED_FIELDS.map((f) => [f, ''])) as Record<RequiredField, string>,
	);

	/** `start`: the mapping to show first (the draft's own, or one remembered). */
	constructor(preview: FilePreview, start: ColumnMapping | null = preview.remembered) {
		this.preview = preview;
		const fields = start?.columns ?? preview.suggestions.map((s) => s.field);
		this.columns = preview.header.map((_, i) => fields[i] ?? null);
		for (const field of REQUIRED_FIELDS) {
			const value = start?.fill[field];
			if (value) {
				this.fillMode[field] = 'value';
				this.fillValue[field] = value;
			}
		}
	}

	get header(): string[] {
		return this.preview.header;
	}

	letter(column: number): string {
		return columnLetter(column);
	}

	/**
	 * The column's header as shown; '' for none, and for every column of a header row that holds
	 * a client's details (a file without one): its cells, a password among them, are not names.
	 */
	headerText(column: number): string {
		return rowHoldsClient(this.header) ? '' : (this.header[column]?.trim() ?? '');
	}

	/** "Column A · Contact": how a column is named to the pro and to assistive technology. */
	name(column: number): string {
		const text = this.headerText(column);
		return m.import_column_name({
			letter: columnLetter(column),
			header: text === '' ? m.import_column_no_header() : text,
		});
	}

	/** Up to three non-empty values of the column in the sample; a password column's masked. */
	samples(column: number): string[] {
		const out: string[] = [];
		const masked = this.columns[column] === 'initial_password';
		for (const row of this.preview.sample) {
			const cell = row[column]?.trim() ?? '';
			if (cell !== '') out.push(masked ? '••••••••' : cell);
			if (out.length === SHOWN_SAMPLES) break;
		}
		return out;
	}

	/** The column that feeds `field` (the first one, for tag), or null. */
	takenBy(field: Field): number | null {
		const at = this.columns.indexOf(field);
		return at < 0 ? null : at;
	}

	/** The option's label in `column`'s select: a field another column has says which. */
	optionLabel(column: number, field: Field): string {
		const label = fieldLabel(field);
		const at = field === 'tag' ? null : this.takenBy(field);
		return at === null || at === column
			? m.import_column_option({ label, field })
			: m.import_column_option_taken({ label, field, letter: columnLetter(at) });
	}

	/** Column `column` feeds `field`; the column that had it (but for tag) is left out. */
	choose(column: number, field: Field | null): void {
		const next = [...this.columns];
		if (field !== null && field !== 'tag')
			for (let i = 0; i < next.length; i++) if (next[i] === field) next[i] = null;
		next[column] = field;
		this.columns = next;
	}

	/** Why the chosen field was suggested, while it is still the suggestion (else null). */
	reason(column: number): string | null {
		const field = this.columns[column] ?? null;
		if (field === null) return null;
		const remembered = this.preview.remembered?.columns[column];
		if (remembered !== undefined && remembered === field)
			return reasonText({ kind: 'remembered' }, field);
		const suggestion = this.preview.suggestions[column];
		if (!suggestion?.reason || suggestion.field !== field) return null;
		return reasonText(suggestion.reason, field);
	}

	/** Required fields no column feeds, in template order. */
	get missing(): RequiredField[] {
		return REQUIRED_FIELDS.filter((field) => !this.columns.includes(field));
	}

	/** What the import is sent: each column's field, and how the missing fields are filled. */
	get mapping(): ColumnMapping {
		const fill: ColumnMapping['fill'] = {};
		for (const field of this.missing)
			fill[field] = this.fillMode[field] === 'value' ? this.fillValue[field].trim() : '';
		return { columns: [...this.columns], fill };
	}
}

/** The fields a column may feed, in template order (the select's options before "Leave out"). */
export const MAPPABLE_FIELDS: readonly Field[] = TEMPLATE_FIELDS;
