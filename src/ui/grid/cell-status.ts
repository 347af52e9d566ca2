// How the grid marks a cell or a row from its issues: the severity that colours it, and the
// words of the row's Status column. Shared by the grid and its cells.
import { plural } from '../../core/counted.ts';

export type Severity = 'error' | 'warning';

/** Why a row being sent opens no editor (the grid's note line says it, after "Row 12: "). */
export const LOCKED_NOTE = 'Being sent to the platform — editable again when the answer arrives.';

export function severityOf(issues: readonly { severity: string }[]): Severity | null {
	if (issues.some((i) => i.severity === 'error')) return 'error';
	return issues.length > 0 ? 'warning' : null;
}

/** "2 errors", "1 warning", "OK"; "Blocked": an error row without one of its own (a missing column). */
export function statusText(issues: readonly { severity: string }[], hasError: boolean): string {
	const errors = issues.filter((i) => i.severity === 'error').length;
	const warnings = issues.length - errors;
	if (hasError && errors === 0) return 'Blocked';
	if (errors > 0) return plural(errors, 'error', 'errors');
	if (warnings > 0) return plural(warnings, 'warning', 'warnings');
	return 'OK';
}
