// Benchmark input: writes realistic client CSV files (CRLF, template header, quoted and unicode
// names, ~1 % bad rows) into bench-out/, deterministically from a seed. Never committed.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The same seeded PRNG as the server's fault switch, so every run writes the same file.
import { seededRandom } from '../../server/faults.ts';

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../bench-out');
// Bump when the content changes, so old files are not reused.
const VERSION = 1;
const SEED = 20261125;
const HEADER =
	'email_address,initial_password,first_name,last_name,birthdate,gender,tag,external_id';

const FIRST = [
	'Anna',
	'Lucas',
	'Zoé',
	'Jürgen',
	'Begoña',
	'Noah',
	'Maëlle',
	'Sven',
	'Chloé',
	'José',
	'Mia',
	'Øyvind',
	'Liam',
	'Ana',
	'Fatima',
	'Yuki',
];
const LAST = [
	'Martin',
	'Müller',
	'Núñez',
	'Dubois',
	'Smith',
	'García',
	'Rossi',
	'Kowalski',
	'Nguyen',
	'Öztürk',
	'Jensen',
	'Brown',
];
const CJK = ['中文', '王', '李娜', '陈'];
const TAGS = ['', '', 'vip', 'newsletter', 'gym-a', 'gym-b', 'trial', 'coaching'];
const PASSWORD_CHARS = [
	'ABCDEFGHJKLMNPQRSTUVWXYZ',
	'abcdefghijkmnopqrstuvwxyz',
	'23456789',
	'!#$%&*?^_',
];

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Lower-case ASCII for an email local part. */
function ascii(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[^a-zA-Z]/g, '')
		.toLowerCase();
}

type Bad =
	| 'uppercase-email'
	| 'duplicate-email'
	| 'dashed-date'
	| 'gender-f'
	| 'short-password'
	| 'empty-first';
const BAD: Bad[] = [
	'uppercase-email',
	'duplicate-email',
	'dashed-date',
	'gender-f',
	'short-password',
	'empty-first',
];

function makeRow(i: number, rand: () => number, emails: string[]): string {
	const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(rand() * list.length)] as T;
	const r = rand();
	let first = r < 0.01 ? pick(CJK) : pick(FIRST);
	let last = r > 0.995 ? pick(CJK) : pick(LAST);
	if (rand() < 0.003) first += ' 🌟';
	if (rand() < 0.02) last += ', Jr.';
	if (rand() < 0.005) first = `${first} "${pick(['Bo', 'Kiki', 'Max'])}"`;
	let email = `${ascii(first) || 'client'}.${ascii(last) || 'x'}${i}@example.com`;
	let password = '';
	for (let k = 0; k < 12; k++) password += pick(PASSWORD_CHARS[k % 4] as string);
	const year = 1940 + Math.floor(rand() * 66);
	const month = 1 + Math.floor(rand() * 12);
	const day = 1 + Math.floor(rand() * 28);
	let birthdate = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
	let gender = rand() < 0.5 ? 'female' : 'male';
	// ~1 % of rows carry one problem, spread through the file.
	if (rand() < 0.01) {
		const bad = pick(BAD);
		if (bad === 'uppercase-email') email = email[0]!.toUpperCase() + email.slice(1);
		else if (bad === 'duplicate-email' && emails.length > 0) email = pick(emails);
		else if (bad === 'dashed-date') birthdate = '1981-11-20';
		else if (bad === 'gender-f') gender = 'F';
		else if (bad === 'short-password') password = password.slice(0, 5);
		else if (bad === 'empty-first') first = '';
	}
	if (emails.length < 1000) emails.push(email);
	const tag = pick(TAGS);
	const external = `C${String(i).padStart(7, '0')}`;
	return [email, password, first, last, birthdate, gender, tag, external].map(csvCell).join(',');
}

export function clientFilePath(rows: number): string {
	return join(OUT_DIR, `clients-${rows}-v${VERSION}.csv`);
}

/** Writes the file unless it is already there; returns its path. */
export async function generateClients(rows: number): Promise<string> {
	const path = clientFilePath(rows);
	if (existsSync(path)) return path;
	mkdirSync(OUT_DIR, { recursive: true });
	const partial = `${path}.partial`;
	const out = createWriteStream(partial, { encoding: 'utf8' });
	const rand = seededRandom(SEED + rows);
	const emails: string[] = [];
	let batch = [HEADER];
	for (let i = 1; i <= rows; i++) {
		batch.push(makeRow(i, rand, emails));
		if (batch.length === 2000 || i === rows) {
			if (!out.write(batch.join('\r\n') + '\r\n')) await once(out, 'drain');
			batch = [];
		}
	}
	out.end();
	await once(out, 'close');
	renameSync(partial, path);
	return path;
}
