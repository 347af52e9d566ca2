// Notice templates: the default wording, placeholder substitution as plain text, and the schema
// that keeps unsafe logos and sign-in addresses out of saved settings.
import { describe, expect, it } from 'vitest';
import {
	defaultNoticeTemplate,
	noticeParagraphs,
	placeholderValues,
	renderMessage,
	unknownPlaceholders,
	type NoticeClient,
	type NoticeTemplate,
} from '../../../src/notices/template.ts';
import { NoticeSettingsSchema } from '../../../src/notices/notice-settings.ts';

const client: NoticeClient = {
	index: 0,
	row: 2,
	first_name: 'Maria',
	last_name: 'Lopez',
	email_address: 'maria@example.com',
	initial_password: 'Kx7#-pQ2r',
};

const template: NoticeTemplate = {
	...defaultNoticeTemplate(),
	practiceName: 'Harbour Physio',
	signInUrl: 'https://app.example.com/sign-in',
	support: 'front desk, 555 0100',
};

const values = placeholderValues(client, template);

describe('default template', () => {
	const text = renderMessage(defaultNoticeTemplate().message, values).join('\n\n');

	it('says to use exactly this email address and that the password must be changed', () => {
		expect(text).toMatch(/exactly this email address: maria@example\.com/);
		expect(text).toMatch(/temporary password/);
		expect(text).toMatch(/asked to change the temporary password/);
		expect(text).toContain('https://app.example.com/sign-in');
		expect(text).toContain('front desk, 555 0100');
	});

	it('uses only known placeholders, in several paragraphs', () => {
		expect(unknownPlaceholders(defaultNoticeTemplate().message)).toEqual([]);
		expect(renderMessage(defaultNoticeTemplate().message, values).length).toBeGreaterThan(2);
	});

	it('still reads as sentences when the practice settings are empty', () => {
		const empty = renderMessage(
			defaultNoticeTemplate().message,
			placeholderValues(client, defaultNoticeTemplate()),
		).join(' ');
		expect(empty).not.toMatch(/\{|\}| {2}/);
		expect(empty).toContain('go to the sign-in page');
	});
});

describe('renderMessage', () => {
	it('replaces placeholders, with or without spaces inside the braces', () => {
		expect(renderMessage('Hi {first_name} { last_name }, {  email_address}.', values)).toEqual([
			'Hi Maria Lopez, maria@example.com.',
		]);
	});

	it('leaves unknown placeholders exactly as written', () => {
		expect(renderMessage('Hi {nickname} and { Birth_Date }, {first_name}', values)).toEqual([
			'Hi {nickname} and { Birth_Date }, Maria',
		]);
		expect(unknownPlaceholders('{nickname} {first_name} {nickname} { x }')).toEqual([
			'nickname',
			'x',
		]);
	});

	it('returns markup in a value verbatim, as text', () => {
		const name = '<img src=x onerror=alert(1)>';
		const v = placeholderValues({ ...client, first_name: name }, template);
		expect(renderMessage('Hello {first_name}!', v)).toEqual([`Hello ${name}!`]);
	});

	it('does not expand placeholders or replacement patterns inside values', () => {
		const v = placeholderValues({ ...client, first_name: "{email_address} $& $1 $'" }, template);
		expect(renderMessage('{first_name}', v)).toEqual(["{email_address} $& $1 $'"]);
	});

	it('splits paragraphs on blank lines, trims them, drops empty ones, keeps single newlines', () => {
		const message = '  One\r\nstill one  \n\n\n  Two \n \t\n\nThree\n\n   ';
		expect(renderMessage(message, values)).toEqual(['One\nstill one', 'Two', 'Three']);
	});

	it("cannot gain paragraphs from a client's data", () => {
		const v = placeholderValues({ ...client, last_name: 'A\n\nB' }, template);
		expect(renderMessage('{last_name}', v)).toHaveLength(1);
	});
});

// A template of one language, as saved before notices had a language, still parses (it migrates).
describe('NoticeSettingsSchema', () => {
	const png =
		'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

	it('accepts the default template and a filled one with a PNG logo', () => {
		expect(NoticeSettingsSchema.safeParse(defaultNoticeTemplate()).success).toBe(true);
		expect(NoticeSettingsSchema.safeParse({ ...template, logo: png }).success).toBe(true);
		for (const type of ['jpeg', 'webp', 'gif']) {
			const logo = png.replace('image/png', `image/${type}`);
			expect(NoticeSettingsSchema.safeParse({ ...template, logo }).success).toBe(true);
		}
	});

	it('rejects SVG and other non-raster logos', () => {
		for (const logo of [
			'data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+',
			'data:image/svg+xml,<svg onload=alert(1)>',
			'data:text/html;base64,PHNjcmlwdD4=',
			'https://example.com/logo.png',
			'data:image/png;base64,AAAA"><script>',
		]) {
			expect(NoticeSettingsSchema.safeParse({ ...template, logo }).success, logo).toBe(false);
		}
	});

	it('rejects an oversized logo', () => {
		const logo = `data:image/png;base64,${'A'.repeat(1_500_000)}`;
		expect(NoticeSettingsSchema.safeParse({ ...template, logo }).success).toBe(false);
	});

	it('accepts an empty or http(s) sign-in address and rejects the rest', () => {
		for (const signInUrl of ['', 'https://app.example.com', 'http://localhost:4173/x?y=1']) {
			expect(NoticeSettingsSchema.safeParse({ ...template, signInUrl }).success).toBe(true);
		}
		for (const signInUrl of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			'data:text/html,hi',
			'app.example.com',
			'ftp://example.com',
		]) {
			const result = NoticeSettingsSchema.safeParse({ ...template, signInUrl });
			expect(result.success, signInUrl).toBe(false);
		}
	});

	it('caps the message and the practice name', () => {
		const long = { ...template, message: 'x'.repeat(4001) };
		expect(NoticeSettingsSchema.safeParse(long).success).toBe(false);
		const name = { ...template, practiceName: 'x'.repeat(201) };
		expect(NoticeSettingsSchema.safeParse(name).success).toBe(false);
	});
});

describe('noticeParagraphs', () => {
	it('names the practice as the contact when no support contact is set', () => {
		const text = noticeParagraphs(client, { ...template, support: '' }).join('\n');
		expect(text).toContain('Questions? Contact Harbour Physio.');
	});

	it('says where to go and to scan the code when there is an address', () => {
		const text = noticeParagraphs(client, template).join('\n');
		expect(text).toContain('go to https://app.example.com/sign-in or scan the code');
	});

	it('never sends the client to a page or a code the notice does not print', () => {
		const custom = {
			...template,
			signInUrl: '',
			message: 'Hello {first_name}.\n\nOpen {sign_in_url}.\n\nScan the QR code.\n\nBye.',
		};
		for (const t of [{ ...template, signInUrl: '' }, custom]) {
			const text = noticeParagraphs(client, t).join('\n');
			expect(text).not.toMatch(/scan|sign-in page|QR/i);
			expect(text).toContain('Hello Maria');
		}
		expect(noticeParagraphs(client, custom)).toEqual(['Hello Maria.', 'Bye.']);
	});

	it("keeps a paragraph whose client data happens to say 'scan'", () => {
		const t = { ...template, signInUrl: '', message: 'Hello {first_name}.' };
		expect(noticeParagraphs({ ...client, first_name: 'Scan the QR code' }, t)).toEqual([
			'Hello Scan the QR code.',
		]);
	});
});
