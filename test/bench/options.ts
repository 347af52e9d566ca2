// What `npm run bench -- <options>` takes. A mistyped option stops the run at once: a bench takes
// many minutes, and one that ignored "--lcok" would measure everything and overwrite the record.

/** Benchmarks that can run alone, each recorded in a section of its own (first one wins). */
const ALONE = ['languages', 'lock', 'notices', 'mapping', 'xlsx', 'sync', 'workers'] as const;

export type Alone = (typeof ALONE)[number];

export interface BenchOptions {
	/** 100k rows only, and no mapping step or workbook benchmark. */
	quick: boolean;
	/** One benchmark alone (null: all of them). */
	alone: Alone | null;
	help: boolean;
}

export const USAGE = `Usage: npm run bench [-- <option>]
  --quick       100,000 rows only (the full run also measures 1,000,000)
  --notices     only the notices benchmark
  --sync        only the sync benchmark
  --mapping     only the mapping step's benchmark (issue 11)
  --xlsx        only the workbook benchmark (issue 12)
  --lock        only the passphrase lock's benchmark (issue 13)
  --languages   only the languages benchmark (issue 15)
  --workers     only "file → summary", one worker vs two (issue 16; with --quick: 100,000 rows)
  --help        this text
Each run rewrites its section of docs/benchmarks.md and its entries of bench-out/results.json
(the other entries stay); "npx tsx test/bench/compare.ts old.json new.json" compares two such files.`;

/** The options in `args` (the command line after the script); throws on one it does not know. */
export function parseOptions(args: readonly string[]): BenchOptions {
	const known = new Set<string>(['--quick', '--help', ...ALONE.map((a) => `--${a}`)]);
	const unknown = args.filter((a) => !known.has(a));
	if (unknown.length > 0) throw new Error(`Unknown option: ${unknown.join(' ')}\n${USAGE}`);
	return {
		quick: args.includes('--quick'),
		alone: ALONE.find((a) => args.includes(`--${a}`)) ?? null,
		help: args.includes('--help'),
	};
}
