// A stand-in for the import worker, driven by the test: each call waits until the test answers.
import { summarize } from '../../src/core/summary.ts';
import { validateCells } from '../../src/core/validate.ts';
import type { ImportBackend } from '../../src/state/import-session.svelte.ts';
import type { ImportReport, RowView } from '../../src/worker/protocol.ts';

export function reportFor(
	rows: string[][],
	name = 'clients.csv',
): { report: ImportReport; views: RowView[] } {
	const dataset = validateCells(rows, { today: '20261125' });
	const summary = summarize(dataset);
	const views = dataset.records.toArray().map((rec, index) => {
		const issues = dataset.recordIssues[index] ?? [];
		return { ...rec, index, hasError: issues.some((i) => i.severity === 'error'), issues };
	});
	const report: ImportReport = {
		fileName: name,
		size: 100,
		encoding: 'utf-8',
		delimiter: ',',
		columns: [],
		fixesApplied: false,
		dateOrder: null,
		summary,
	};
	return { report, views };
}

export class FakeBackend implements ImportBackend {
	imports: File[] = [];
	cancels = 0;
	fixes = 0;
	progress: ((p: { bytesRead: number; totalBytes: number; rows: number }) => void) | undefined;
	#resolveImport: ((r: ImportReport) => void) | null = null;
	#rejectImport: ((e: Error) => void) | null = null;
	views: RowView[] = [];
	fixedReport: ImportReport | null = null;

	import(file: File, _today: string, onProgress?: FakeBackend['progress']): Promise<ImportReport> {
		this.imports.push(file);
		this.progress = onProgress;
		return new Promise((resolve, reject) => {
			this.#resolveImport = resolve;
			this.#rejectImport = reject;
		});
	}
	finish(report: ImportReport, views: RowView[]): void {
		this.views = views;
		this.#resolveImport?.(report);
	}
	fail(error: Error): void {
		this.#rejectImport?.(error);
	}
	cancel(): void {
		this.cancels++;
	}
	async applyFixes(): Promise<ImportReport> {
		this.fixes++;
		if (!this.fixedReport) throw new Error('no fixed report set');
		return this.fixedReport;
	}
	async rows(filter: string, offset: number, limit: number) {
		const chosen = filter === 'all' ? this.views : this.views.filter((v) => v.hasError);
		return { total: chosen.length, rows: chosen.slice(offset, offset + limit) };
	}
	async export(kind: 'clean' | 'attention') {
		return { blob: new Blob([kind]), rows: 1 };
	}
}
