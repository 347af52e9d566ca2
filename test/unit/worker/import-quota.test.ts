import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db.ts';
import { TODAY } from '../helpers.ts';
import { clientsCsv, fileOf, harness, quotaSwitch, uniqueName } from './harness.ts';

// An import that fills the disk. Kept in a file of its own: it also checks that the failed save
// is not left as an unhandled rejection (in the worker: an "Uncaught (in promise)" error), which
// Vitest reports against the whole run.
it('stops an import the disk cannot hold, saying so, with no stray rejected save', async () => {
	const stray: unknown[] = [];
	const onStray = (reason: unknown) => stray.push(reason);
	process.on('unhandledRejection', onStray);
	try {
		const name = uniqueName('import-quota');
		const db = openDatabase(name);
		const quota = quotaSwitch(db);
		const h = harness(name, { db });
		quota.failing = true;
		quota.table = 'blocks';
		// 40,000 rows: the first 32 blocks are saved while the rest of the file is read.
		const failed = await h.failure('import', {
			file: fileOf(clientsCsv(40_000)),
			name: 'big.csv',
			lastModified: 0,
			today: TODAY,
		});
		expect(failed).toMatchObject({ reason: 'storage-full' });
		expect(failed.message).toMatch(/Delete drafts you no longer need/);
		// The draft stays, marked unfinished, so the pro can free space and choose the file again.
		const [draft] = await h.repo.list();
		expect(draft).toMatchObject({ status: 'importing', fileRows: 0 });
		expect(await db.blocks.count()).toBe(0);
		// Node reports an unhandled rejection after the current turn: give it one.
		await new Promise((r) => setTimeout(r, 20));
	} finally {
		process.off('unhandledRejection', onStray);
	}
	expect(stray.map(String)).toEqual([]);
});
