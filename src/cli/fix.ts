// `roster fix FILE --out OUT …`: applies every certain fix, fills missing passwords when asked,
// and writes the clean file (always CSV, also from a workbook sheet) and the rows needing
// attention — or refuses, saying why.
import { formatNumber } from '../i18n/format.ts';
import { issueText, issueTitle } from '../i18n/issue-text.ts';
import { m } from '../i18n/messages.ts';
import { exportParts } from '../core/export.ts';
import { applySafeFixes, fillMissingPasswords } from '../core/fixes.ts';
import type { Issue } from '../core/issues.ts';
import { cryptoRandom, generatePassword } from '../core/password.ts';
import { allIssues, summarize, type Summary } from '../core/summary.ts';
import type { Dataset } from '../core/validate.ts';
import { EXIT_INVALID, EXIT_OK } from './errors.ts';
import { fileArgs, formatWords } from './format.ts';
import { loadFile, type LoadedFile } from './load.ts';
import type { MapChoice } from './map-option.ts';
import { missingColumnsHint } from './report.ts';
import { writeFiles, type OutputFile } from './write.ts';

export interface FixCommand {
	file: string;
	out: string;
	rejected: string | null;
	skipInvalid: boolean;
	generatePasswords: boolean;
	map: readonly MapChoice[];
	sheet: string | null;
}

/** Error messages shown when fix refuses; the validate report lists them all. */
const REFUSAL_MESSAGES = 5;

/** Issues that `applySafeFixes` resolves by dropping what the export leaves out anyway. */
const DROPPED_CODES = new Set(['header.unknown', 'row.extra_cells']);

export async function runFix(command: FixCommand): Promise<number> {
	const file = await loadFile(command.file, { map: command.map, sheet: command.sheet });
	const options = { today: file.today };
	const before = summarize(file.dataset, 0);
	let dataset = applySafeFixes(file.dataset, options);
	let generated = 0;
	if (command.generatePasswords) {
		const filled = fillMissingPasswords(dataset, () => generatePassword(cryptoRandom), options);
		dataset = filled.dataset;
		generated = filled.filled;
	}
	const after = summarize(dataset, 0);

	const refusal = refusalReason(command, file, dataset, after);
	if (refusal !== null) {
		process.stderr.write(refusal);
		return EXIT_INVALID;
	}

	const files: OutputFile[] = [{ path: command.out, parts: exportParts(dataset, 'clean') }];
	if (command.rejected !== null)
		files.push({
			path: command.rejected,
			// The errors column speaks the pro's language, as the printed lines do.
			parts: exportParts(dataset, 'attention', undefined, issueText),
		});
	await writeFiles(files);

	const lines = [
		m.core_cli_fix_read({
			file: command.file,
			count: before.rows,
			how: formatWords(file.format),
		}),
		...fixLines(before),
	];
	if (generated > 0) lines.push(m.core_cli_fix_generated({ count: generated }));
	lines.push(m.core_cli_fix_wrote_out({ file: command.out, count: after.validRows }));
	const rejected = after.rows - after.validRows;
	if (command.rejected !== null)
		lines.push(m.core_cli_fix_wrote_rejected({ file: command.rejected, count: rejected }));
	else if (rejected > 0) lines.push(m.core_cli_fix_left_out({ count: rejected }));
	process.stdout.write(lines.join('\n') + '\n');
	return EXIT_OK;
}

function fixLines(before: Summary): string[] {
	const applied = before.groups.filter((g) => g.fixable > 0 || DROPPED_CODES.has(g.code));
	if (applied.length === 0) return [m.core_cli_fix_none_needed()];
	const total = applied.reduce((n, g) => n + (g.fixable > 0 ? g.fixable : g.count), 0);
	return [
		m.core_cli_fix_applied({ count: total }),
		...applied.map(
			(g) =>
				`  ${formatNumber(g.fixable > 0 ? g.fixable : g.count).padStart(6)}  ${issueTitle(g.code)} [${g.code}]`,
		),
	];
}

/** Why nothing may be written, or null when OUT can be written. */
function refusalReason(
	command: FixCommand,
	file: LoadedFile,
	dataset: Dataset,
	after: Summary,
): string | null {
	const { columns } = file;
	const fileErrors = dataset.fileIssues.filter((i) => i.severity === 'error');
	if (fileErrors.length > 0) {
		const missing = missingColumnsHint(dataset, columns);
		return [
			m.core_cli_refuse_file({ count: fileErrors.length }),
			...fileErrors.slice(0, REFUSAL_MESSAGES).map((i) => `  ${issueText(i)}`),
			...(fileErrors.some((i) => i.code === 'header.missing' && i.column === 'initial_password')
				? [m.core_cli_refuse_add_column()]
				: []),
			...(missing !== null ? [missing] : []),
			'',
		].join('\n');
	}
	const errorRows = after.rows - after.validRows;
	if (errorRows === 0 || command.skipInvalid) return null;
	const errors: Issue[] = [];
	for (const issue of allIssues(dataset)) {
		if (issue.severity !== 'error') continue;
		errors.push(issue);
		if (errors.length === REFUSAL_MESSAGES) break;
	}
	const lines = [
		m.core_cli_refuse_rows({
			count: errorRows,
			total: formatNumber(after.rows),
			errors: m.core_cli_error_count({ count: after.errors }),
		}),
		...errors.map((i) => `  ${issueText(i)}`),
	];
	if (after.errors > errors.length)
		lines.push(
			`  ${m.core_cli_refuse_more({
				count: after.errors - errors.length,
				command: `npm run roster -- validate ${fileArgs(command.file, file.format)}`,
			})}`,
		);
	const missing = after.groups.find((g) => g.code === 'password.missing');
	if (missing && !command.generatePasswords)
		lines.push(m.core_cli_refuse_passwords({ count: missing.count }));
	lines.push(m.core_cli_refuse_correct({ count: after.validRows, out: command.out }), '');
	return lines.join('\n');
}
