// The downloadable template: its example row is plainly an example, names the optional columns,
// and a template sent back unchanged is flagged at its example row instead of importing a fake
// client.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_EMAIL, TEMPLATE_NOTES, templateFileCsv } from '../../src/core/template-example.ts';
import { importText } from './helpers.ts';

describe('the template file', () => {
	it('has the optional tag and external_id columns and one example row', () => {
		const lines = templateFileCsv().split('\r\n');
		expect(lines[0]).toBe(
			'email_address,initial_password,first_name,last_name,birthdate,gender,tag,external_id',
		);
		expect(lines[1]).toBe(`${EXAMPLE_EMAIL},,Example,Delete this row,19811120,female,,example-1`);
		expect(lines).toHaveLength(3);
		expect(TEMPLATE_NOTES.join(' ')).toMatch(
			/Birthdates are YYYYMMDD: 20 November 1981 is 19811120/,
		);
	});

	it('flags its example row when imported back, saying to delete it', async () => {
		const { dataset } = await importText(templateFileCsv(), 7);
		expect(dataset.records.length).toBe(1);
		const issues = dataset.recordIssues[0] ?? [];
		expect(issues.map((i) => [i.code, i.severity, i.column])).toContainEqual([
			'email.invalid',
			'error',
			'email_address',
		]);
		expect(issues.find((i) => i.code === 'email.invalid')?.message).toBe(
			`Row 2: this is the template’s example row (${EXAMPLE_EMAIL}): delete it, or write a real client over it.`,
		);
	});

	it('takes a row written over the example as a client', async () => {
		const written = templateFileCsv().replace(
			`${EXAMPLE_EMAIL},,Example,Delete this row`,
			'ann.lee@harbour.example,Abcdef1!x,Ann,Lee',
		);
		const { dataset } = await importText(written, 7);
		expect(dataset.recordIssues[0] ?? []).toEqual([]);
	});
});
