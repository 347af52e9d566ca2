// POST /imports as the server accepts it: core's ImportRequest with every field bounded, so no
// request can make it check, hash or store an outsized value. The bounds are core's MAX_LENGTH
// in characters (code points, as JSON Schema's maxLength counts them in api/openapi.yaml), so
// a row the app's rules let through is never refused here; a longer value refuses the request
// (400 body.invalid, naming the client and field) before any work.
import { z } from 'zod';
import {
	ImportClientSchema,
	ImportRequestSchema,
	type ImportRequest,
} from '../src/core/import-api.ts';
import { codePointLength, MAX_LENGTH } from '../src/core/limits.ts';

/**
 * Birthdate and gender have no platform limit: their rules take only short exact forms
 * (YYYYMMDD, male/female), so anything longer than this is never a value, only a payload.
 */
export const MAX_SHORT_FIELD = 64;

function bounded(max: number): z.ZodType<string> {
	return z.string().refine((v) => codePointLength(v) <= max, {
		message: `at most ${max} characters`,
	});
}

const BoundedClientSchema = ImportClientSchema.extend({
	email_address: bounded(MAX_LENGTH.email_address),
	initial_password: bounded(MAX_LENGTH.initial_password),
	first_name: bounded(MAX_LENGTH.first_name),
	last_name: bounded(MAX_LENGTH.last_name),
	birthdate: bounded(MAX_SHORT_FIELD),
	gender: bounded(MAX_SHORT_FIELD),
	tags: z.array(bounded(MAX_LENGTH.tag)).optional(),
	external_id: bounded(MAX_LENGTH.external_id).optional(),
});

export const BoundedImportRequestSchema: z.ZodType<ImportRequest> = ImportRequestSchema.extend({
	clients: z.array(BoundedClientSchema).min(1),
});
