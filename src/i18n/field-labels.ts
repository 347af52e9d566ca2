// The template's fields as the pro reads them, in the app's language (a header stays as the
// platform spells it: `email_address`).
import type { Field } from '../core/fields.ts';
import { m } from './messages.ts';

/** "Email address", "Adresse e-mail"… for a template field, or the client's list of tags. */
export function fieldLabel(field: Field | 'tags'): string {
	switch (field) {
		case 'email_address':
			return m.base_field_email_address();
		case 'initial_password':
			return m.base_field_initial_password();
		case 'first_name':
			return m.base_field_first_name();
		case 'last_name':
			return m.base_field_last_name();
		case 'birthdate':
			return m.base_field_birthdate();
		case 'gender':
			return m.base_field_gender();
		case 'tag':
			return m.base_field_tag();
		case 'tags':
			return m.base_field_tags();
		case 'external_id':
			return m.base_field_external_id();
	}
}
