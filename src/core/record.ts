// One client as Roster holds it (the field list and its types are in fields.ts), and what a
// client ready to import is: the zod schema an import API's client meets after validation.
import { z } from 'zod';
import { EMAIL_PATTERN } from './rules.ts';
import type { CellField, ClientRecord } from './fields.ts';

export type { ClientRecord, TextField } from './fields.ts';

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
} satisfies Record<CellField, z.ZodType>);
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
