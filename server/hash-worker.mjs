// @ts-check
// One thread of the server's hash pool (server/hash-pool.ts): hashes each batch it is sent with
// the synchronous scrypt and answers with the salts and keys, or with the error's message.
// Plain JavaScript because Node 20 runs a worker's file without the tsx loader.
import { randomBytes, scryptSync } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/**
 * @typedef {{ passwords: string[], n: number, r: number, p: number, saltBytes: number,
 *   keyBytes: number, maxmem: number }} HashJob
 */

parentPort?.on('message', (/** @type {HashJob} */ job) => {
	try {
		const options = { N: job.n, r: job.r, p: job.p, maxmem: job.maxmem };
		const salts = [];
		const keys = [];
		// One draw from the CSPRNG for the batch's salts: a draw a salt cost as much as a
		// sixth of a cheap hash (the tests' cost), and each salt is still 16 bytes of its own.
		const random = randomBytes(job.saltBytes * job.passwords.length);
		job.passwords.forEach((password, i) => {
			const salt = random.subarray(i * job.saltBytes, (i + 1) * job.saltBytes);
			salts.push(salt.toString('base64'));
			keys.push(scryptSync(password, salt, job.keyBytes, options).toString('base64'));
		});
		parentPort?.postMessage({ salts, keys });
	} catch (e) {
		parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
	}
});
