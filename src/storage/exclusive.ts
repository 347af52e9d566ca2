// One writer of a draft's rows at a time, across tabs. With the lock on, a change reads and
// decrypts blocks, merges, encrypts and writes them back: Web Crypto is asynchronous, and an
// IndexedDB transaction does not stay open across it, so the read and the write are two
// transactions, and the Web Lock keeps another tab's worker from writing between them.

type Work<T> = () => Promise<T>;

interface LockManagerLike {
	request<T>(name: string, work: () => Promise<T>): Promise<T>;
}

function lockManager(): LockManagerLike | null {
	const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
	return nav?.locks ?? null;
}

/** Where Web Locks are missing (Node, tests): one queue per name in this realm. */
const queues = new Map<string, Promise<unknown>>();

function queued<T>(name: string, work: Work<T>): Promise<T> {
	const before = queues.get(name) ?? Promise.resolve();
	const run = before.then(work, work);
	const settled = run.catch(() => undefined);
	queues.set(name, settled);
	void settled.then(() => {
		if (queues.get(name) === settled) queues.delete(name);
	});
	return run;
}

/** Runs `work` while no other writer of draft `id` runs (in this tab or another). */
export function exclusive<T>(id: string, work: Work<T>): Promise<T> {
	const name = `roster-draft:${id}`;
	const locks = lockManager();
	return locks ? locks.request(name, work) : queued(name, work);
}
