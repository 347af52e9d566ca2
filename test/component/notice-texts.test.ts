// What a printed notice says and what the pro may change in it: no pointer to a sign-in page or
// code it does not print, the note that the password's spaces are not typed, the host name kept
// whole, and the fixed texts edited in Settings (an emptied one back to its default); a sign-in
// address without https refused at its field.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import Notice from '../../src/ui/notices/Notice.svelte';
import NoticeSettings from '../../src/ui/settings/NoticeSettings.svelte';
import { AppSettings } from '../../src/state/settings.svelte.ts';
import { defaultNoticeTemplate, type NoticeClient } from '../../src/notices/template.ts';
import { defaultNoticeTexts } from '../../src/notices/notice-texts.ts';
import { noticeTemplate } from '../../src/notices/notice-settings.ts';
import { memoryStore } from './memory-settings.ts';

const client: NoticeClient = {
	index: 0,
	row: 2,
	first_name: 'Maria',
	last_name: 'Lopez',
	email_address: 'maria@example.com',
	initial_password: 'Kx7#pQ2rTm9!uZ',
};

describe('Notice', () => {
	it('never says to scan a code or go to a sign-in page it does not print', () => {
		const { container } = render(Notice, {
			client,
			template: { ...defaultNoticeTemplate(), practiceName: 'Harbour Physio' },
		});
		expect(container.querySelector('svg')).toBeNull();
		expect(container.textContent).not.toMatch(/scan|sign-in page/i);
		expect(container).toHaveTextContent('Hello Maria, Harbour Physio has set up an account');
	});

	it('says the spaces in the password are only for reading, and explains the marks', () => {
		render(Notice, { client, template: defaultNoticeTemplate() });
		const password = screen.getByRole('img', { name: /^capital K, small x/ });
		expect(password).toHaveTextContent(
			'The spaces are only for reading: type the password without them.',
		);
		expect(password).toHaveTextContent('underlined = digit · boxed = symbol');
		expect(password).toHaveTextContent('small u');
		expect(password).toHaveTextContent('capital Z');
	});

	it('keeps the host name in one unbreakable piece and lets the path break after "/"', () => {
		const { container } = render(Notice, {
			client,
			template: {
				...defaultNoticeTemplate(),
				signInUrl: 'https://app.example-health.com/signup/now?practice=harbour',
			},
		});
		const url = container.querySelector<HTMLElement>('.url');
		expect(url).toHaveTextContent('https://app.example-health.com/signup/now?practice=harbour');
		const pieces = [...(url?.querySelectorAll('.piece') ?? [])].map((p) => p.textContent);
		expect(pieces).toEqual([
			'https://app.example-health.com',
			'/',
			'signup/',
			'now?practice=harbour',
		]);
		expect(url?.querySelectorAll('wbr')).toHaveLength(3);
	});

	it('keeps the host name whole where the message gives the address too', () => {
		const { container } = render(Notice, {
			client,
			template: { ...defaultNoticeTemplate(), signInUrl: 'https://app.example-health.com/start' },
		});
		const said = container.querySelector<HTMLElement>('.message .in-message');
		expect(said?.closest('p')?.textContent).toBe(
			'To start, go to https://app.example-health.com/start or scan the code on this notice.',
		);
		expect([...(said?.querySelectorAll('.piece') ?? [])].map((p) => p.textContent)).toEqual([
			'https://app.example-health.com',
			'/',
			'start',
		]);
	});

	it('prints the texts of the template in place of the default wording', () => {
		render(Notice, {
			client,
			template: {
				...defaultNoticeTemplate(),
				signInUrl: 'https://app.example.com',
				texts: {
					...defaultNoticeTexts(),
					title: 'Votre compte',
					signInHeading: 'Pour vous connecter',
					spacesNote: 'Les espaces ne se tapent pas.',
					digitLegend: 'souligné = chiffre',
					scanLabel: 'Scannez le code',
					footer: 'Gardez cette fiche pour vous.',
				},
			},
		});
		expect(screen.getByRole('heading', { name: 'Votre compte' })).toBeVisible();
		expect(screen.getByRole('heading', { name: 'Pour vous connecter' })).toBeVisible();
		expect(screen.getByText('Les espaces ne se tapent pas.')).toBeVisible();
		expect(screen.getByText(/^souligné = chiffre/)).toBeVisible();
		expect(screen.getByText('Scannez le code')).toBeVisible();
		expect(screen.getByText('Gardez cette fiche pour vous.')).toBeVisible();
		expect(screen.queryByText(/how to sign in/)).toBeNull();
	});
});

describe('NoticeSettings', () => {
	it('edits a fixed text of the notice, and an emptied one returns to its default', async () => {
		const settings = new AppSettings(memoryStore());
		const user = userEvent.setup();
		render(NoticeSettings, { settings });
		await user.click(screen.getByText('Fixed texts of the notice'));
		const title = screen.getByLabelText('Title');
		expect(title).toHaveValue('Your account: how to sign in');
		await user.clear(title);
		await user.type(title, 'Welcome to Harbour');
		await user.tab();
		const preview = screen.getByLabelText('Preview of a notice');
		await waitFor(() =>
			expect(within(preview).getByRole('heading', { level: 2 })).toHaveTextContent(
				'Welcome to Harbour',
			),
		);
		expect(settings.notice.wording.en?.texts?.title).toBe('Welcome to Harbour');

		await user.clear(title);
		await user.tab();
		await waitFor(() =>
			expect(within(preview).getByRole('heading', { level: 2 })).toHaveTextContent(
				'Your account: how to sign in',
			),
		);
		expect(title).toHaveValue('Your account: how to sign in');
		expect(noticeTemplate(settings.notice).texts.title).toBe('Your account: how to sign in');
	});

	it('refuses an address without https:// at its field, keeping what was typed', async () => {
		const settings = new AppSettings(memoryStore());
		const user = userEvent.setup();
		render(NoticeSettings, { settings });
		const field = screen.getByLabelText(/^Sign-in address/);
		await user.type(field, 'app.example.com');
		await user.tab();
		await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
		expect(field).toHaveAccessibleDescription(
			'Start the address with https://, e.g. https://app.example.com',
		);
		expect(field).toHaveValue('app.example.com');
		expect(settings.notice.signInUrl).toBe('');

		await user.clear(field);
		await user.type(field, 'https://app.example.com');
		await user.tab();
		await waitFor(() => expect(field).not.toHaveAttribute('aria-invalid'));
		expect(settings.notice.signInUrl).toBe('https://app.example.com');
	});
});
