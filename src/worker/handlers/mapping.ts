// The mapping step's commands: a file's head with Roster's suggestions (`inspect`), the open
// draft's own columns as imported (`columns`), and the mappings remembered on this device.
import {
	fitMapping,
	mappingKey,
	needsMappingStep,
	suggestColumns,
	type ColumnMapping,
} from '../../core/column-mapping.ts';
import type { MappingRepository } from '../../storage/mappings.ts';
import type { DraftContext } from '../context.ts';
import type { FileHead } from '../file-preview.ts';
import { readFileHead } from '../file-preview.ts';
import type { FilePreview } from '../mapping-views.ts';
import type { Handlers } from './types.ts';

/** The preview of a file's head: suggestions, and the mapping remembered for its header. */
export async function previewOf(mappings: MappingRepository, head: FileHead): Promise<FilePreview> {
	const { header, sample, problem } = head;
	const key = mappingKey(header);
	const suggestions = suggestColumns(header, sample);
	const stored = problem || key === '' ? undefined : await mappings.get(key);
	// Same key: the headers differ at most by blank cells at the end, which are left out.
	const remembered = stored ? fitMapping(stored.mapping, header.length) : null;
	return {
		header,
		headerRow: head.headerRow,
		sample,
		suggestions,
		key,
		remembered,
		// A file that cannot be imported has no step to show, only its problem.
		needsStep:
			problem === null && remembered === null && needsMappingStep(header, suggestions, sample),
		problem,
		workbook: head.workbook,
	};
}

export function mappingHandlers(
	ctx: DraftContext,
): Pick<Handlers, 'inspect' | 'columns' | 'mappings' | 'forgetMapping'> {
	return {
		async inspect({ file, name, sheet }) {
			return previewOf(ctx.mappings, await readFileHead(file, sheet, name));
		},

		async columns() {
			const { meta } = ctx.require();
			// A draft from before the mapping step kept no sample: its header is all there is.
			const stored = meta.mapping;
			const head: FileHead = {
				header: stored?.header ?? meta.header.names,
				headerRow: stored?.headerRow ?? 1,
				sample: stored?.sample ?? [],
				problem: null,
				// The draft keeps the sheet it read, not the workbook's others: it is read again.
				workbook:
					meta.source.sheet !== undefined
						? {
								sheets: [{ name: meta.source.sheet, hidden: false, matches: true }],
								sheet: meta.source.sheet,
							}
						: null,
			};
			const mapping: ColumnMapping = stored
				? { columns: stored.columns, fill: stored.fill }
				: { columns: meta.header.columns, fill: {} };
			return { ...(await previewOf(ctx.mappings, head)), mapping };
		},

		async mappings() {
			const all = await ctx.mappings.list();
			return all.map(({ key, header, mapping, savedAt }) => ({ key, header, mapping, savedAt }));
		},

		async forgetMapping({ key }) {
			await ctx.mappings.delete(key);
			return null;
		},
	};
}
