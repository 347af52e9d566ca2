// The template a pro downloads: the header row with the optional `tag` and `external_id`
// columns, one example row that is plainly an example (first name "Example", last name "Delete
// this row", an address on example.com), and the notes shown beside the download. CSV has no
// comment line a spreadsheet keeps, so the notes live in the app; the example's email is
// refused at import (rules.ts), so a template sent back unchanged never imports a fake client.
// Only fields.ts is imported: rules.ts reads EXAMPLE_EMAIL, and the CSV writer imports rules.
import { REQUIRED_FIELDS } from './fields.ts';

/** The example row's email: any row with it is the template's example, left in by mistake. */
export const EXAMPLE_EMAIL = 'example.client@example.com';

/** The example row, in template order (password left empty: Roster can create passwords). */
export const EXAMPLE_ROW = [
	EXAMPLE_EMAIL,
	'',
	'Example',
	'Delete this row',
	'19811120',
	'female',
	'',
	'example-1',
] as const;

/** The downloadable template: header with one tag column and external_id, then the example. */
export function templateFileCsv(): string {
	// No value needs quoting: plain comma-separated lines, CRLF as the platform's files.
	const header = [...REQUIRED_FIELDS, 'tag', 'external_id'];
	return `${header.join(',')}\r\n${EXAMPLE_ROW.join(',')}\r\n`;
}

/** What the pro reads beside the download button. */
export const TEMPLATE_NOTES = [
	`Row 2 is an example (Example, ${EXAMPLE_EMAIL}): write your first client over it or delete it. Roster flags it if it stays.`,
	'Birthdates are YYYYMMDD: 20 November 1981 is 19811120.',
	'Gender is male or female. Leave initial_password empty to have Roster create the passwords.',
	'Optional: tag (one column per tag; a tag must already exist on the platform) and external_id (your own reference for the client). Delete the columns you do not use.',
] as const;
