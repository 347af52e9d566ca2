// Hand-run throughput check of the server (not part of the suite, never pass/fail on time):
// `node --import tsx test/server/throughput.ts [clients] [chunk] [parallel]`, default
// 100 000 clients as chunks of 500, two requests in flight; scrypt cost from ROSTER_SCRYPT_N,
// else startServer's TEST_SCRYPT_N.
import { startServer } from '../../server/testing.ts';
import { clients, request } from './helpers.ts';

const total = Number(process.argv[2] ?? 100_000);
const chunk = Number(process.argv[3] ?? 500);
const parallel = Number(process.argv[4] ?? 2);
const chunks = Math.ceil(total / chunk);

const srv = await startServer({
	env: process.env.ROSTER_SCRYPT_N ? { ROSTER_SCRYPT_N: process.env.ROSTER_SCRYPT_N } : {},
});
const bodies = Array.from({ length: chunks }, (_, i) =>
	JSON.stringify(
		request('bench', i, clients(i * chunk, Math.min(chunk, total - i * chunk)), chunks),
	),
);
let next = 0;
let created = 0;
const started = performance.now();
async function worker(): Promise<void> {
	while (next < chunks) {
		const i = next++;
		const res = await fetch(`${srv.url}/imports`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${srv.token}`,
				'content-type': 'application/json',
				'idempotency-key': `bench-${i}`,
			},
			body: bodies[i],
		});
		if (res.status !== 200) throw new Error(`chunk ${i}: HTTP ${res.status} ${await res.text()}`);
		const json = (await res.json()) as { results: { status: string }[] };
		created += json.results.filter((r) => r.status === 'created').length;
	}
}
await Promise.all(Array.from({ length: parallel }, worker));
const seconds = (performance.now() - started) / 1000;
const rows = srv.count();
await srv.stop();
console.log(
	`${chunks} requests, ${created} created (${rows} rows) in ${seconds.toFixed(2)} s: ` +
		`${(chunks / seconds).toFixed(1)} req/s, ${Math.round(rows / seconds)} rows/s`,
);
