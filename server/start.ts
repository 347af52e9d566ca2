// `npm start`: builds the app when dist/ is missing or older than its sources, then runs the
// server (main.ts) with the same arguments, so `npm start -- --port 5000` just works.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'];

/** Newest modification time under a file or folder, 0 when it does not exist. */
function newest(path: string): number {
	let s;
	try {
		s = statSync(path);
	} catch {
		return 0;
	}
	if (!s.isDirectory()) return s.mtimeMs;
	let max = s.mtimeMs;
	for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
	return max;
}

function builtAt(): number {
	try {
		return statSync(join(ROOT, 'dist', 'index.html')).mtimeMs;
	} catch {
		return 0;
	}
}

const args = process.argv.slice(2);
const needsApp = !args.includes('--help') && !args.includes('-h') && !args.includes('--no-app');
if (needsApp) {
	const sources = Math.max(...SOURCES.map((p) => newest(join(ROOT, p))));
	const built = builtAt();
	if (built === 0 || built < sources) {
		console.log(
			built === 0
				? 'roster: building the app (no dist/ yet)…'
				: 'roster: sources changed, rebuilding the app…',
		);
		const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
		const result = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) {
			console.error('roster: the app build failed (see above); fix it or run with --no-app.');
			process.exit(1);
		}
	}
}
await import('./main.ts');
