// One client as Roster holds it: template fields, trimmed (except the password), plus the
// spreadsheet row it came from. The zod schema describes a client that is ready to import.
import { z } from 'zod';
import { EMAIL_PATTERN } from './rules.ts';

export interface ClientRecord {
	/** The row number the pro sees in their spreadsheet. */
	row: number;
	email_address: string;
	initial_password: string;
	first_name: string;
	last_name: string;
	birthdate: string;
	gender: string;
	tags: string[];
	external_id: string;
	/** Letters of non-empty cells outside the template columns (dropped on export). */
	extra: string[];
}

export type TextField =
	| 'email_address'
	| 'initial_password'
	| 'first_name'
	| 'last_name'
	| 'birthdate'
	| 'gender'
	| 'external_id';

export const NO_STRINGS: readonly string[] = Object.freeze([]);

/** A client the platform will accept: what an import API receives after validation. */
export const ReadyClientSchema = z.object({
	email_address: z
		.string()
		.regex(EMAIL_PATTERN)
		.refine((v) => v === v.toLowerCase(), 'must be lowercase'),
	initial_password: z.string().min(8),
	first_name: z.string().trim().min(1),
	last_name: z.string().trim().min(1),
	birthdate: z.string().regex(/^\d{8}$/),
	gender: z.enum(['male', 'female']),
	tags: z.array(z.string().min(1)),
	external_id: z.string(),
});
export type ReadyClient = z.infer<typeof ReadyClientSchema>;

export function toReadyClient(record: ClientRecord): ReadyClient {
	const { email_address, initial_password, first_name, last_name, birthdate, gender } = record;
	return {
		email_address,
		initial_password,
		first_name,
		last_name,
		birthdate,
		gender: gender as ReadyClient['gender'],
		tags: [...record.tags],
		external_id: record.external_id,
	};
}
