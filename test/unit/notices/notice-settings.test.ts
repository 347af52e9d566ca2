// The notice template per language: each language's own default wording, a text edited for
// French used on French notices only, an emptied text back to its language's default, and a
// template saved before notices had a language read as the English one.
import { describe, expect, it } from 'vitest';
import {
	applyNoticeChange,
	DEFAULT_NOTICE_SETTINGS,
	NoticeSettingsSchema,
	noticeTemplate,
	type NoticeSettings,
} from '../../../src/notices/notice-settings.ts';
import { loadNoticeLanguage } from '../../../src/notices/notice-language.ts';
import { noticeParagraphs } from '../../../src/notices/template.ts';
import { LOCALES } from '../../../src/i18n/locales.ts';

const filled: NoticeSettings = {
	...DEFAULT_NOTICE_SETTINGS,
	practiceName: 'Harbour Physio',
	signInUrl: 'https://app.example.com/sign-in',
};

const client = {
	index: 0,
	row: 2,
	first_name: 'Maria',
	last_name: 'Lopez',
	email_address: 'maria@example.com',
	initial_password: 'Kx7#-pQ2r',
};

describe('defaults per language', () => {
	it('gives each language its own title, legend, footer and message', async () => {
		const en = noticeTemplate(filled, await loadNoticeLanguage('en'));
		const fr = noticeTemplate(filled, await loadNoticeLanguage('fr'));
		expect(en.texts.title).toBe('Your account: how to sign in');
		expect(fr.texts.title).toBe('Votre compte\u00a0: comment vous connecter');
		expect(fr.texts.digitLegend).toBe('souligné = chiffre');
		expect(fr.message).toMatch(/^Bonjour \{first_name\}, \{practice_name\} vous a créé un compte/);
		const titles = new Set<string>();
		for (const locale of LOCALES) {
			const t = noticeTemplate(filled, await loadNoticeLanguage(locale));
			titles.add(t.texts.title);
			// Every default message keeps the placeholders the notice fills in per client.
			for (const p of ['{first_name}', '{email_address}', '{sign_in_url}', '{support}'])
				expect(t.message, `${locale} ${p}`).toContain(p);
		}
		expect(titles.size).toBe(LOCALES.length);
	});

	it('fills a French notice with the client and French words for what is missing', async () => {
		const fr = await loadNoticeLanguage('fr');
		const text = noticeParagraphs(
			client,
			noticeTemplate({ ...filled, support: '' }, fr),
			fr.m,
		).join('\n');
		expect(text).toContain('Bonjour Maria, Harbour Physio vous a créé un compte.');
		expect(text).toContain('Contactez Harbour Physio.');
		const none = noticeParagraphs(client, noticeTemplate(DEFAULT_NOTICE_SETTINGS, fr), fr.m);
		expect(none.join('\n')).toContain('votre cabinet vous a créé un compte');
		// No address: no paragraph sends the client to a page or a code the notice does not print.
		expect(none.join('\n')).not.toMatch(/scannez|page de connexion|\{/i);
	});
});

describe('wording edited per language', () => {
	it('uses a French title on French notices only, and an emptied one is the default again', async () => {
		const [en, fr, de] = await Promise.all(
			(['en', 'fr', 'de'] as const).map((l) => loadNoticeLanguage(l)),
		);
		let settings = NoticeSettingsSchema.parse(
			applyNoticeChange(filled, { locale: 'fr', texts: { title: 'Bienvenue chez Harbour' } }),
		);
		expect(noticeTemplate(settings, fr).texts.title).toBe('Bienvenue chez Harbour');
		expect(noticeTemplate(settings, en).texts.title).toBe('Your account: how to sign in');
		expect(noticeTemplate(settings, de).texts.title).toBe('Ihr Konto: So melden Sie sich an');
		// Other French texts keep their defaults.
		expect(noticeTemplate(settings, fr).texts.footer).toMatch(/^Gardez ce document pour vous/);

		settings = NoticeSettingsSchema.parse(
			applyNoticeChange(settings, { locale: 'fr', texts: { title: '   ' } }),
		);
		expect(noticeTemplate(settings, fr).texts.title).toBe(
			'Votre compte\u00a0: comment vous connecter',
		);
	});

	it('keeps a message per language; an empty one is the language default', async () => {
		const [en, es] = await Promise.all([loadNoticeLanguage('en'), loadNoticeLanguage('es')]);
		let settings = NoticeSettingsSchema.parse(
			applyNoticeChange(filled, { locale: 'es', message: 'Hola {first_name}.' }),
		);
		expect(noticeTemplate(settings, es).message).toBe('Hola {first_name}.');
		expect(noticeTemplate(settings, en).message).toMatch(
			/^Hello \{first_name\}, \{practice_name\}/,
		);
		settings = NoticeSettingsSchema.parse(
			applyNoticeChange(settings, { locale: 'es', message: '' }),
		);
		expect(noticeTemplate(settings, es).message).toMatch(
			/^Hola, \{first_name\}: \{practice_name\}/,
		);
	});

	it('refuses a text too long for the notice, saying so', () => {
		const result = NoticeSettingsSchema.safeParse(
			applyNoticeChange(filled, { locale: 'fr', texts: { title: 'x'.repeat(301) } }),
		);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe(
			'Keep each fixed text of the notice under 300 characters.',
		);
	});
});

describe('a template saved before notices had a language', () => {
	const old = {
		practiceName: 'Harbour Physio',
		logo: null,
		signInUrl: 'https://app.example.com/sign-in',
		support: '0161 555 0100',
		message: 'Hi {first_name}, welcome to Harbour.',
		texts: { title: 'Welcome to Harbour', footer: '   ' },
	};

	it('becomes the English wording; French notices get the French defaults', async () => {
		const settings = NoticeSettingsSchema.parse(old);
		expect(settings.practiceName).toBe('Harbour Physio');
		expect(settings.support).toBe('0161 555 0100');
		const en = noticeTemplate(settings, await loadNoticeLanguage('en'));
		expect(en.message).toBe('Hi {first_name}, welcome to Harbour.');
		expect(en.texts.title).toBe('Welcome to Harbour');
		expect(en.texts.footer).toMatch(/^Keep this notice private\./);
		const fr = noticeTemplate(settings, await loadNoticeLanguage('fr'));
		expect(fr.texts.title).toBe('Votre compte\u00a0: comment vous connecter');
		expect(fr.message).toMatch(/^Bonjour /);
	});

	it('without texts (older still) reads too, with the default English wording', async () => {
		const older: Partial<typeof old> = { ...old };
		delete older.texts;
		const settings = NoticeSettingsSchema.parse(older);
		const en = noticeTemplate(settings, await loadNoticeLanguage('en'));
		expect(en.texts.signInHeading).toBe('Sign in with');
		expect(en.message).toBe('Hi {first_name}, welcome to Harbour.');
	});
});
