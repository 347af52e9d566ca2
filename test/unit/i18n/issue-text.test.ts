// Issue messages in the pro's language: every issue core reports, made from real inputs, reads
// in English exactly as its stored message, and in French, Spanish, German and Portuguese as
// another text that keeps the row and every quoted value, with no placeholder left.
import { afterAll, describe, expect, it } from 'vitest';
import { ISSUE_CODES, type Issue, type IssueCode } from '../../../src/core/issues.ts';
import { mapHeader } from '../../../src/core/template.ts';
import {
	emptySheetIssue,
	sheetChoiceIssue,
	workbookIssue,
} from '../../../src/core/workbook-sheets.ts';
import { binaryIssue } from '../../../src/core/import-csv.ts';
import { unclosedQuoteIssue } from '../../../src/core/rules.ts';
import { issueText, issueTitle } from '../../../src/i18n/issue-text.ts';
import { loadMessages } from '../../../src/i18n/messages.ts';
import type { Locale } from '../../../src/i18n/locales.ts';
import { csv, HEADER, importBytes, importText, issuesOf, line, utf8 } from '../helpers.ts';

/** Codes core no longer reports (kept for stored drafts): they have a title, no wording. */
const RETIRED: readonly IssueCode[] = ['header.alias'];

/** Parameters that are codes for words, not text shown as it is. */
const WORD_CODES = new Set(['variant', 'kinds', 'reason', 'order']);
const BLANKS = new Set(['space', 'tab', 'break', 'invisible']);

const TEXTS: readonly string[] = [
	'',
	csv(),
	'Client list,March 2026\n\n' + csv(line()),
	'Title\nNotes\nMore notes\n' + csv(line()),
	'ann@example.com,x\n' + csv(line()),
	'ann@example.com,x\nbob@example.com,y\n' + csv(line()),
	'email_address,initial_password,first_name,last_name,birthdate\nann@example.com,Abcdef1!,Ann,Lee,19811120\n',
	`${HEADER},E-mail\n${line()},bob@example.com\n`,
	`${HEADER},E-mail,Mail,Courriel,Email\n${line()},a,b,c,d\n`,
	`${HEADER},Notes\n${line()},VIP\n`,
	`${HEADER},Notes,Fax,Room,Desk\n${line()},a,b,c,d\n`,
	`ann@example.com,Abcdef1!,Ann,Lee,19811120,female\n`,
	csv(`${line()},stray`),
	csv(`${line()},s1,s2`),
	csv(`${line()},a,b,c,d,e,f`),
	csv(
		line(),
		'bob@example.com,Abcdef1!,"Bob,Lee,19811120,male',
		line({ email_address: 'c@example.com' }),
	),
	csv(
		line({ first_name: '=HYPERLINK()' }),
		line({ email_address: 'b@example.com', initial_password: '=Zq9Marker1!' }),
	),
	csv(
		line({ first_name: 'x'.repeat(120) }),
		line({ email_address: 'b@example.com', initial_password: `Lg7!${'Zx9#Qv'.repeat(30)}` }),
	),
	csv(
		line({ email_address: `${'a'.repeat(70)}@example.com` }),
		line({ email_address: `${'a'.repeat(60)}@${'b'.repeat(200)}.com` }),
	),
	csv(
		line({ email_address: '' }),
		line({ email_address: 'not-an-email' }),
		line({ email_address: 'Ann@Example.com' }),
	),
	csv(line({ email_address: 'client@example.com' })),
	csv(line(), line({ first_name: 'Bob' })),
	csv(
		line({ initial_password: '' }),
		line({ email_address: 'b@example.com', initial_password: 'Ab1!x' }),
	),
	csv(
		line({ initial_password: 'zqweakmarkerx' }),
		line({ email_address: 'b@example.com', initial_password: ' Spac3dMarker! ' }),
	),
	csv(
		line({ initial_password: 'Trail5Mk!r\t' }),
		line({ email_address: 'b@example.com', initial_password: ' Lead5Mk!r' }),
	),
	csv(
		line({ first_name: '', last_name: '' }),
		line({ email_address: 'b@example.com', birthdate: '' }),
	),
	csv(
		line({ birthdate: '1981-11-20' }),
		line({ email_address: 'b@example.com', birthdate: '19810231' }),
	),
	csv(
		line({ birthdate: '18991231' }),
		line({ email_address: 'b@example.com', birthdate: '20991231' }),
	),
	csv(line({ birthdate: 'soon' }), line({ email_address: 'b@example.com', birthdate: '20/11/81' })),
	csv(line({ birthdate: '13/14/1981' })),
	csv(line({ birthdate: '03/04/1981' })),
	csv(
		line({ birthdate: '03/04/1981' }),
		line({ email_address: 'b@example.com', birthdate: '25/04/1981' }),
	),
	csv(line({ gender: '' }), line({ email_address: 'b@example.com', gender: 'Woman' })),
	csv(line({ gender: 'x' }), line({ email_address: 'b@example.com', gender: 'M' })),
	csv(line({ gender: 'H' }), line({ email_address: 'b@example.com', gender: 'F' })),
	`${HEADER},external_id\n${line()},C-7\n${line({ email_address: 'bob@example.com' })},C-7\n`,
	`${HEADER},tag\n${line()},=cmd\n`,
	`${HEADER},tag\n${line()},${'t'.repeat(70)}\n`,
];

async function collect(): Promise<Issue[]> {
	const out: Issue[] = [];
	for (const text of TEXTS) out.push(...issuesOf((await importText(text)).dataset));
	// A UTF-8 file whose third row came from a Windows-1252 source (José, 0xE9).
	const bytes = new Uint8Array([
		...utf8(csv(line({ first_name: 'Zoé', last_name: 'Müller' }))),
		...utf8(line({ email_address: 'jose@example.com', first_name: 'Jos~' })).map((b) =>
			b === 0x7e ? 0xe9 : b,
		),
	]);
	out.push(...issuesOf((await importBytes(bytes)).dataset));
	out.push(unclosedQuoteIssue(4, true));
	const head = (name: string, rows: number, matches: boolean) => ({
		name,
		hidden: false,
		rows: Array.from({ length: rows }, (_, i) => ({ row: i + 1, cells: ['x'] })),
		matches,
	});
	out.push(sheetChoiceIssue([head('Clients', 2, true), head('Staff', 2, true)], null));
	out.push(sheetChoiceIssue([head('Clients', 2, true)], 'Patients'));
	out.push(sheetChoiceIssue([head('Empty', 0, false)], null));
	out.push(emptySheetIssue('March'), emptySheetIssue('March', true));
	for (const problem of ['xls', 'numbers', 'ods', 'encrypted', 'no-sheets', 'damaged'] as const)
		out.push(workbookIssue(problem));
	for (const kind of ['xlsx', 'xls', 'pdf', 'binary'] as const) out.push(binaryIssue(kind));
	// Columns the pro mapped: a field chosen twice, a required one left without a column.
	out.push(
		...mapHeader(['Mail', 'E-mail'], { columns: ['email_address', 'email_address'], fill: {} })
			.issues,
	);
	return out;
}

const issues = await collect();

afterAll(async () => {
	await loadMessages('en');
});

describe('issue messages in the pro’s language', () => {
	it('covers every code core reports, with its parameters', () => {
		const codes = new Set(issues.map((i) => i.code));
		expect([...codes].sort()).toEqual(ISSUE_CODES.filter((c) => !RETIRED.includes(c)).sort());
		for (const issue of issues) expect(issue.params, issue.message).toBeDefined();
	});

	it('reads in English exactly as the stored message', async () => {
		await loadMessages('en');
		for (const issue of issues) expect(issueText(issue)).toBe(issue.message);
	});

	it.each(['fr', 'es', 'de', 'pt'] as Locale[])(
		'reads in %s, keeping rows and values',
		async (locale) => {
			await loadMessages(locale);
			for (const issue of issues) {
				const text = issueText(issue);
				expect(text, issue.message).not.toBe(issue.message);
				expect(text).not.toMatch(/[{}]/);
				if (issue.row !== null) expect(text).toContain(String(issue.row));
				for (const [name, value] of Object.entries(issue.params ?? {})) {
					if (WORD_CODES.has(name) || typeof value !== 'string' || BLANKS.has(value)) continue;
					expect(text, `${name} of ${issue.message}`).toContain(value);
				}
			}
			for (const code of ISSUE_CODES) expect(issueTitle(code)).not.toBe(issueTitleEn(code));
		},
	);

	it('keeps the English message of an issue stored without parameters', async () => {
		await loadMessages('fr');
		const stored = { ...(issues[0] as Issue) };
		delete stored.params;
		expect(issueText(stored)).toBe(stored.message);
		const partial = issues.find((i) => i.code === 'email.duplicate') as Issue;
		expect(issueText({ ...partial, params: { value: 'a@b.c' } })).toBe(partial.message);
	});

	it('says the French row prefix with a no-break space', async () => {
		await loadMessages('fr');
		const dup = issues.find((i) => i.code === 'email.duplicate') as Issue;
		expect(issueText(dup)).toMatch(
			/^Ligne 3\u00a0: l’adresse ann@example\.com figure déjà en ligne 2\./,
		);
		expect(issueTitle('email.duplicate')).toBe('E-mail utilisé plusieurs fois');
	});
});

const EN_TITLES = new Map<IssueCode, string>();
function issueTitleEn(code: IssueCode): string {
	return EN_TITLES.get(code) ?? '';
}
await loadMessages('en');
for (const code of ISSUE_CODES) EN_TITLES.set(code, issueTitle(code));
