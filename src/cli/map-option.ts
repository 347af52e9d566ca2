// `--map "HEADER=field"`: the pro's own choice of what a source column feeds, parsed from the
// command line and then matched to the file's header row into the ColumnMapping the validator
// reads. Only certain suggestions (names and aliases) fill in the columns no --map names: the
// CLI never guesses from content, since nobody is there to confirm a guess.
import { suggestColumns, type ColumnMapping } from '../core/column-mapping.ts';
import { TEMPLATE_FIELDS, type Field } from '../core/fields.ts';
import { foldHeader } from '../core/header-aliases.ts';
import { rowHoldsClient } from '../core/rules.ts';
import { columnLetter } from '../core/template.ts';
import { MapError, UsageError } from './errors.ts';
import { formatNumber } from '../i18n/format.ts';
import { m } from '../i18n/messages.ts';

/** What `--map` may name besides the template fields: the column is left out. */
export const SKIP = 'skip';

export interface MapChoice {
	/** The option as given, for messages. */
	option: string;
	/** The header text to find, trimmed. */
	header: string;
	/** The field the column feeds, or null for `skip`. */
	field: Field | null;
}

const ALLOWED = [...TEMPLATE_FIELDS, SKIP].join(', ');

/** Parses every `--map` value; a malformed one or an unknown field is a usage mistake. */
export function parseMapOptions(values: readonly string[]): MapChoice[] {
	const choices = values.map((value): MapChoice => {
		const option = `--map "${value}"`;
		// Split at the last '=': a field name has none, a header might.
		const at = value.lastIndexOf('=');
		const header = at < 0 ? '' : value.slice(0, at).trim();
		const name = at < 0 ? '' : value.slice(at + 1).trim();
		if (at < 0 || header === '') throw new UsageError(m.core_cli_map_malformed({ option }));
		if (name === SKIP) return { option, header, field: null };
		const field = TEMPLATE_FIELDS.find((f) => f === name);
		if (field === undefined)
			throw new UsageError(m.core_cli_map_not_field({ option, name, allowed: ALLOWED }));
		return { option, header, field };
	});
	const byField = new Map<Field, MapChoice>();
	for (const choice of choices) {
		if (choice.field === null || choice.field === 'tag') continue;
		const earlier = byField.get(choice.field);
		if (earlier)
			throw new UsageError(
				m.core_cli_map_same_field({
					first: earlier.option,
					second: choice.option,
					field: choice.field,
				}),
			);
		byField.set(choice.field, choice);
	}
	return choices;
}

/** The mapping of a file's header row, and the columns a --map chose. */
export interface ResolvedMapping {
	mapping: ColumnMapping;
	/** Positions of the columns named by --map (their JSON status is "mapped"). */
	mapped: Set<number>;
}

/**
 * Matches each choice to one column of `header` (exact text after trimming, else the folded
 * text) and fills the other columns with the certain suggestions. A field a --map gave to one
 * column is not also suggested for another: the pro's choice wins, and the other column is
 * left out (the report lists it), rather than raising a duplicate the pro did not ask for.
 */
export function resolveMapping(
	file: string,
	header: readonly string[],
	sample: readonly (readonly string[])[],
	choices: readonly MapChoice[],
): ResolvedMapping {
	const chosen = new Map<number, MapChoice>();
	for (const choice of choices) {
		const index = findColumn(file, header, choice);
		const earlier = chosen.get(index);
		if (earlier)
			throw new MapError(
				m.core_cli_map_same_column({
					first: earlier.option,
					second: choice.option,
					letter: columnLetter(index),
					header: (header[index] as string).trim(),
					file,
				}),
			);
		chosen.set(index, choice);
	}
	const taken = new Set<Field>();
	for (const { field } of choices) if (field !== null && field !== 'tag') taken.add(field);
	const suggestions = suggestColumns(header, sample);
	const columns = header.map((_, i) => {
		const choice = chosen.get(i);
		if (choice) return choice.field;
		const suggestion = suggestions[i];
		if (!suggestion?.certain || suggestion.field === null || taken.has(suggestion.field))
			return null;
		return suggestion.field;
	});
	return { mapping: { columns, fill: {} }, mapped: new Set(chosen.keys()) };
}

function findColumn(file: string, header: readonly string[], choice: MapChoice): number {
	const exact = indexesWhere(header, (cell) => cell.trim() === choice.header);
	const folded = foldHeader(choice.header);
	const hits =
		exact.length > 0 || folded === ''
			? exact
			: indexesWhere(header, (cell) => foldHeader(cell.trim()) === folded);
	if (hits.length === 1) return hits[0] as number;
	const where =
		hits.length === 0
			? m.core_cli_map_no_column({ file, header: choice.header })
			: m.core_cli_map_many_columns({
					count: formatNumber(hits.length),
					file,
					header: choice.header,
					letters: hits.map(columnLetter).join(', '),
				});
	throw new MapError(
		m.core_cli_map_where({ option: choice.option, where, headers: listHeaders(header) }),
	);
}

function indexesWhere(header: readonly string[], test: (cell: string) => boolean): number[] {
	const out: number[] = [];
	header.forEach((cell, i) => {
		if (test(cell)) out.push(i);
	});
	return out;
}

/** `A "Courriel", B "Prénom"`: the non-empty header cells with their letters. */
function listHeaders(header: readonly string[]): string {
	const cells = header
		.map((cell, i) => ({ text: cell.trim(), letter: columnLetter(i) }))
		.filter((c) => c.text !== '');
	if (cells.length === 0) return m.core_cli_map_headers_empty();
	// A client's row read as the header: its cells (a password among them) are not quoted.
	if (rowHoldsClient(header)) return m.core_cli_map_headers_client();
	return cells.map((c) => `${c.letter} "${c.text}"`).join(', ');
}
