// Running the CLI in tests as `npm run roster` runs it: a child process over tsx, its exit code
// and output; reading what it wrote; and a temporary folder for the files it reads and writes.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

export function run(file: string, args: string[]): Promise<Run> {
	return new Promise((resolve, reject) => {
		execFile(
			file,
			args,
			{ cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') reject(error);
				else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
			},
		);
	});
}

export const roster = (...args: string[]): Promise<Run> =>
	run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);

/** `validate … --json`: nothing on stderr, the report parsed as `T`. */
export async function validateJson<T>(...args: string[]): Promise<{ code: number; report: T }> {
	const result = await roster('validate', ...args, '--json');
	expect(result.stderr).toBe('');
	return { code: result.code, report: JSON.parse(result.stdout) as T };
}

/** The rows of a CSV file fix wrote, header included. */
export async function csvRows(path: string): Promise<string[][]> {
	const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
	return Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
}

/**
 * A temporary folder for the test file that calls this (made before its tests, removed after):
 * `path(name)` inside it, `file(name, bytes)` writes one there.
 */
export function tempFolder(prefix: string): {
	path: (name: string) => string;
	file: (name: string, bytes: string | Uint8Array) => Promise<string>;
} {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), prefix));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});
	const path = (name: string) => join(dir, name);
	return {
		path,
		file: async (name, bytes) => {
			await writeFile(path(name), bytes);
			return path(name);
		},
	};
}
