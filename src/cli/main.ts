// The Roster command line: parses the arguments, runs validate or fix, and turns failures into
// exit codes (0 fine, 1 errors in the file, 2 usage mistake, a file that cannot be read or
// written, or output that cannot be written) and one line on stderr, never a stack trace.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
	EXIT_FAILURE,
	EXIT_OK,
	FileAccessError,
	isBrokenPipe,
	MapError,
	OutputError,
	SheetError,
	UsageError,
	writeProblem,
} from './errors.ts';
import { SYNOPSIS, USAGE } from './help.ts';
import { BASE_LOCALE } from '../i18n/locales.ts';
import { takeLang, useLang } from './lang.ts';
import { m } from '../i18n/messages.ts';

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const MAP = { map: { type: 'string', multiple: true } } as const;
const SHEET = { sheet: { type: 'string' } } as const;

/** The --sheet value: null when absent; an empty name is a usage mistake. */
function sheetOption(value: string | undefined): string | null {
	if (value === undefined) return null;
	if (value === '') throw new UsageError(m.core_cli_usage_sheet_empty());
	return value;
}

/** The --map values as choices; a bad one is a usage mistake, found before the file is read. */
async function mapChoices(values: readonly string[] | undefined) {
	const { parseMapOptions } = await import('./map-option.ts');
	return parseMapOptions(values ?? []);
}

/** Runs node:util parseArgs, turning its errors (unknown option, missing value) into usage errors. */
function parse<T>(read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw new UsageError(parseMistake(error));
	}
}

/**
 * node:util parseArgs' mistakes in the pro's language; a kind not known here keeps Node's
 * English words. Node's hint about '--' for unknown options only confuses here, so it is dropped.
 */
function parseMistake(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const unknown = /^Unknown option '([^']+)'/.exec(message);
	if (unknown) return m.core_cli_usage_unknown_option({ option: unknown[1] as string });
	const missing = /^Option '(.+)' argument missing$/.exec(message);
	if (missing) return m.core_cli_usage_option_value({ option: missing[1] as string });
	const extra = /^Option '(.+)' does not take an argument$/.exec(message);
	if (extra) return m.core_cli_usage_option_no_value({ option: extra[1] as string });
	return message;
}

function oneFile(command: string, positionals: string[]): string {
	if (positionals.length === 0) throw new UsageError(m.core_cli_usage_needs_file({ command }));
	if (positionals.length > 1)
		throw new UsageError(
			m.core_cli_usage_one_file({ command, extra: positionals.slice(1).join(' ') }),
		);
	return positionals[0] as string;
}

async function run(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === undefined) throw new UsageError(m.core_cli_usage_missing_command());
	if (command === '--help' || command === '-h' || command === 'help') {
		process.stdout.write(USAGE);
		return EXIT_OK;
	}
	if (command === 'validate') {
		const { values, positionals } = parse(() =>
			parseArgs({
				args: rest,
				options: { ...HELP, ...MAP, ...SHEET, json: { type: 'boolean' } },
				allowPositionals: true,
			}),
		);
		if (values.help) return help();
		const file = oneFile(command, positionals);
		const map = await mapChoices(values.map);
		const sheet = sheetOption(values.sheet);
		// Commands load the core only when run, so --help and usage mistakes answer at once.
		const { runValidate } = await import('./validate.ts');
		return runValidate({ file, json: values.json ?? false, map, sheet });
	}
	if (command === 'fix') {
		const { values, positionals } = parse(() =>
			parseArgs({
				args: rest,
				options: {
					...HELP,
					...MAP,
					...SHEET,
					out: { type: 'string', short: 'o' },
					rejected: { type: 'string' },
					'skip-invalid': { type: 'boolean' },
					'generate-passwords': { type: 'boolean' },
				},
				allowPositionals: true,
			}),
		);
		if (values.help) return help();
		const file = oneFile(command, positionals);
		if (values.out === undefined || values.out === '')
			throw new UsageError(m.core_cli_usage_needs_out());
		const rejected = values.rejected ?? null;
		if (rejected === '') throw new UsageError(m.core_cli_usage_rejected_empty());
		if (rejected !== null && resolve(rejected) === resolve(values.out))
			throw new UsageError(m.core_cli_usage_same_files());
		const map = await mapChoices(values.map);
		const sheet = sheetOption(values.sheet);
		const { runFix } = await import('./fix.ts');
		return runFix({
			file,
			out: values.out,
			rejected,
			skipInvalid: values['skip-invalid'] ?? false,
			generatePasswords: values['generate-passwords'] ?? false,
			map,
			sheet,
		});
	}
	throw new UsageError(m.core_cli_usage_unknown_command({ command }));
}

function help(): number {
	process.stdout.write(USAGE);
	return EXIT_OK;
}

/** Set once standard output has failed: the exit status is then EXIT_FAILURE whatever ran. */
let outputFailed = false;

/** Says once why the output stopped; a closed pipe (`| head`) needs no words. */
function outputFailure(error: unknown): void {
	if (outputFailed) return;
	outputFailed = true;
	process.exitCode = EXIT_FAILURE;
	if (isBrokenPipe(error)) return;
	const problem = writeProblem(error instanceof OutputError ? error.cause : error);
	process.stderr.write(`roster: ${m.core_cli_stdout_failed(problem)}\n`);
}

async function main(argv: string[]): Promise<number> {
	let langLoaded = false;
	try {
		const { lang, rest } = takeLang(argv);
		await useLang(lang);
		langLoaded = true;
		return await run(rest);
	} catch (error) {
		// A mistake in --lang itself is found before any language is loaded: answer in English.
		if (!langLoaded) await useLang(BASE_LOCALE);
		if (error instanceof UsageError) {
			process.stderr.write(
				`roster: ${error.message}\n\n${SYNOPSIS}\n${m.core_cli_usage_see_help()}\n`,
			);
			return EXIT_FAILURE;
		}
		if (
			error instanceof FileAccessError ||
			error instanceof MapError ||
			error instanceof SheetError
		) {
			process.stderr.write(`roster: ${error.message}\n`);
			return EXIT_FAILURE;
		}
		if (error instanceof OutputError || isBrokenPipe(error)) {
			outputFailure(error);
			return EXIT_FAILURE;
		}
		process.stderr.write(
			`roster: ${m.core_cli_unexpected()}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		return EXIT_FAILURE;
	}
}

// Writes that are not awaited (the lines after a report) fail here, possibly after main returned.
process.stdout.on('error', outputFailure);
const status = await main(process.argv.slice(2));
process.exitCode = outputFailed ? EXIT_FAILURE : status;
