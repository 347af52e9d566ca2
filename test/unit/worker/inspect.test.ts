// `inspect`: the mapping step's first look at a file, through the real worker. It reads the
// header and first rows the way an import does, suggests each column's field, says when the
// step is needed, reports a file that cannot be imported, and never reads past the file's head.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { REQUIRED_FIELDS } from '../../../src/core/fields.ts';
import { HEAD_BYTES } from '../../../src/worker/file-preview.ts';
import { SAMPLE_ROWS } from '../../../src/worker/mapping-views.ts';
import { clientsCsv, fileOf, harness, uniqueName } from './harness.ts';

const FRENCH = [
	'Courriel;Mot de passe;Prénom;Nom;Date de naissance;Sexe',
	'ana@example.com;Zq8#long-pass;Ana;Durand;12/03/1990;F',
	'leo@example.com;Yp7#long-pass;Léo;Martin;01/07/1985;H',
].join('\n');

/** A contacts export: names in English, the emails under a header no name matches. */
const CONTACTS = [
	'Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Birthday,Notes',
	'Ana Durand,Ana,Durand,ana@example.com,555-0101,1990-03-12,likes mornings',
	'Leo Martin,Leo,Martin,leo@example.com,555-0102,1985-07-01,',
].join('\n');

/** A Blob that records every byte range read from it, and refuses to be streamed whole. */
class CountingBlob extends Blob {
	readonly reads: { start: number; end: number }[] = [];
	override slice(start = 0, end = this.size, type?: string): Blob {
		this.reads.push({ start, end: Math.min(end, this.size) });
		return super.slice(start, end, type);
	}
	override stream(): ReturnType<Blob['stream']> {
		throw new Error('inspect streamed the whole file');
	}
	override arrayBuffer(): Promise<ArrayBuffer> {
		throw new Error('inspect read the whole file');
	}
}

async function inspect(file: Blob) {
	const h = harness(uniqueName('inspect'));
	return h.call('inspect', { file, name: 'clients.csv' });
}

describe('inspect', () => {
	it('suggests every template column by name: no step needed', async () => {
		const preview = await inspect(fileOf(clientsCsv(80)));
		expect(preview.header).toEqual([...REQUIRED_FIELDS]);
		expect(preview.headerRow).toBe(1);
		expect(preview.sample).toHaveLength(SAMPLE_ROWS);
		expect(preview.sample[0]?.[0]).toBe('client0@example.com');
		expect(preview.suggestions.map((s) => s.field)).toEqual([...REQUIRED_FIELDS]);
		expect(preview.suggestions.every((s) => s.certain && s.reason?.kind === 'name')).toBe(true);
		expect(preview).toMatchObject({ needsStep: false, problem: null, remembered: null });
	});

	it('reads a French semicolon file: every column certain by its French name', async () => {
		const preview = await inspect(fileOf(FRENCH));
		expect(preview.header[2]).toBe('Prénom');
		expect(preview.sample).toEqual([
			['ana@example.com', 'Zq8#long-pass', 'Ana', 'Durand', '12/03/1990', 'F'],
			['leo@example.com', 'Yp7#long-pass', 'Léo', 'Martin', '01/07/1985', 'H'],
		]);
		expect(preview.suggestions.map((s) => s.reason)).toEqual(
			REQUIRED_FIELDS.map(() => ({ kind: 'alias', language: 'fr' })),
		);
		expect(preview.needsStep).toBe(false);
	});

	it('reads a Windows-1252 file as an import does', async () => {
		const bytes = Uint8Array.from(FRENCH, (c) => c.charCodeAt(0));
		const preview = await inspect(new Blob([bytes]));
		expect(preview.header[2]).toBe('Prénom');
		expect(preview.sample[1]?.[2]).toBe('Léo');
	});

	it('asks for the step on a contacts export, guessing the emails from the cells', async () => {
		const preview = await inspect(fileOf(CONTACTS));
		expect(preview.needsStep).toBe(true);
		expect(preview.suggestions[3]).toEqual({
			field: 'email_address',
			reason: { kind: 'content', looks: 'emails', share: 1 },
			certain: false,
		});
		expect(preview.suggestions[1]).toMatchObject({ field: 'first_name', certain: true });
		expect(preview.suggestions[6]).toMatchObject({ field: null, certain: false });
	});

	it('takes the first non-blank row as the header, and says which row it is', async () => {
		const preview = await inspect(fileOf('\n,,\n' + clientsCsv(3)));
		expect(preview.headerRow).toBe(3);
		expect(preview.header).toEqual([...REQUIRED_FIELDS]);
		expect(preview.sample).toHaveLength(3);
	});

	it('says zip bytes that are no real workbook cannot be read, with what to do', async () => {
		const xlsx = new Uint8Array(4096);
		xlsx.set([0x50, 0x4b, 0x03, 0x04]);
		const preview = await inspect(new Blob([xlsx]));
		expect(preview.problem?.code).toBe('file.workbook');
		expect(preview.problem?.message).toContain('save it again as .xlsx');
		expect(preview.needsStep).toBe(false);
	});

	it('says an empty file is empty', async () => {
		for (const text of ['', '\n\n  \n']) {
			const preview = await inspect(fileOf(text));
			expect(preview.problem?.code).toBe('file.empty');
			expect(preview.header).toEqual([]);
		}
	});

	it('says a file with a header and no rows has no clients', async () => {
		const preview = await inspect(fileOf(REQUIRED_FIELDS.join(',') + '\n\n'));
		expect(preview.problem?.code).toBe('file.no_rows');
		expect(preview.header).toEqual([...REQUIRED_FIELDS]);
	});

	it('reads only the start of a large file', async () => {
		// About 6 MB: a whole read would be seen, and each slice read is counted.
		const file = new CountingBlob([clientsCsv(100_000)]);
		const preview = await inspect(file);
		expect(preview.sample).toHaveLength(SAMPLE_ROWS);
		expect(preview.sample[SAMPLE_ROWS - 1]?.[0]).toBe(`client${SAMPLE_ROWS - 1}@example.com`);
		const read = file.reads.reduce((sum, r) => sum + (r.end - r.start), 0);
		// One 64 KiB slice, and the first 8 bytes that tell a workbook from text.
		expect(read).toBeLessThanOrEqual(64 * 1024 + 8);
	});

	it('stops at its limit in a file whose rows never end', async () => {
		// One header, then a single cell that runs on for 3 MiB: no sample row ever completes.
		const file = new CountingBlob([REQUIRED_FIELDS.join(',') + '\n"' + 'x'.repeat(3 << 20)]);
		const preview = await inspect(file);
		expect(preview.header).toEqual([...REQUIRED_FIELDS]);
		expect(preview.sample).toEqual([]);
		expect(preview.problem).toBeNull();
		expect(Math.max(...file.reads.map((r) => r.end))).toBe(HEAD_BYTES);
	});
});
