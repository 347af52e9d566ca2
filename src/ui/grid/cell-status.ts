// How the grid marks a cell or a row from its issues: the severity that colours it, and the
// words of the row's Status column. Shared by the grid and its cells.
import { m } from '../../i18n/messages.ts';

export type Severity = 'error' | 'warning';

/** Why a row being sent opens no editor (the grid's note line says it). */
export function lockedNote(row: number): string {
	return m.grid_locked_note({ row });
}

export function severityOf(issues: readonly { severity: string }[]): Severity | null {
	if (issues.some((i) => i.severity === 'error')) return 'error';
	return issues.length > 0 ? 'warning' : null;
}

/** "2 errors", "1 warning", "OK"; "Blocked": an error row without one of its own (a missing column). */
export function statusText(issues: readonly { severity: string }[], hasError: boolean): string {
	const errors = issues.filter((i) => i.severity === 'error').length;
	const warnings = issues.length - errors;
	if (hasError && errors === 0) return m.grid_status_blocked();
	if (errors > 0) return m.grid_status_errors({ count: errors });
	if (warnings > 0) return m.grid_status_warnings({ count: warnings });
	return m.grid_status_ok();
}
