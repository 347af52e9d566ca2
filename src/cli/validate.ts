// `roster validate FILE [--json] [--sheet NAME] [--map HEADER=field …]`: reads and checks a file, prints the
// report, and exits 0 when no error was found, 1 otherwise.
import { summarize } from '../core/summary.ts';
import { EXIT_INVALID, EXIT_OK } from './errors.ts';
import { jsonReport } from './json.ts';
import { loadFile } from './load.ts';
import type { MapChoice } from './map-option.ts';
import { MESSAGES_PER_CODE, textReport } from './report.ts';
import { writeToStdout } from './write.ts';

export interface ValidateCommand {
	file: string;
	json: boolean;
	map: readonly MapChoice[];
	sheet: string | null;
}

export async function runValidate(command: ValidateCommand): Promise<number> {
	const file = await loadFile(command.file, { map: command.map, sheet: command.sheet });
	const summary = summarize(file.dataset, MESSAGES_PER_CODE);
	await writeToStdout(command.json ? jsonReport(file, summary) : textReport(file, summary));
	return summary.errors > 0 ? EXIT_INVALID : EXIT_OK;
}
