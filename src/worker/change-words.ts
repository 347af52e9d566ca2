// The words of a change's Undo label that name a field or a date order, in the pro's language.
// Lower case in English ("Edit email address on row 4"), as a label reads mid-sentence.
import type { DateOrder } from '../core/dates.ts';
import { m } from '../i18n/messages.ts';

const FIELDS: Record<string, () => string> = {
	email_address: () => m.draft_field_email_address(),
	initial_password: () => m.draft_field_initial_password(),
	first_name: () => m.draft_field_first_name(),
	last_name: () => m.draft_field_last_name(),
	birthdate: () => m.draft_field_birthdate(),
	gender: () => m.draft_field_gender(),
	tags: () => m.draft_field_tags(),
	external_id: () => m.draft_field_external_id(),
};

/** "email address", "e-mail", "E-Mail"…; an unknown field as the template spells it. */
export function fieldWords(field: string | undefined): string {
	if (field === undefined) return m.draft_field_a_cell();
	return FIELDS[field]?.() ?? field.replace('_', ' ');
}

/** "day-first", "jour en premier"… */
export function orderWords(order: DateOrder): string {
	return order === 'day-first' ? m.draft_order_day_first() : m.draft_order_month_first();
}
