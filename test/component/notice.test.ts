// The printed credential notice and its sheets: client data shown as text and never as markup,
// the credentials and QR code present, notices laid out a page at a time.
import { render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import Notice from '../../src/ui/notices/Notice.svelte';
import NoticeSheets from '../../src/ui/notices/NoticeSheets.svelte';
import {
	defaultNoticeTemplate,
	type NoticeClient,
	type NoticeTemplate,
} from '../../src/notices/template.ts';

const LOGO =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const HOSTILE = '<img src=x onerror=alert(1)>';

const template: NoticeTemplate = {
	...defaultNoticeTemplate(),
	practiceName: 'Harbour Physio',
	logo: LOGO,
	signInUrl: 'https://app.example.com/sign-in',
	support: 'front desk, 555 0100',
};

/**
 * jsdom has no layout and its stand-in ResizeObserver never reports: this one reports when the
 * test says an element changed size, as a browser does after a layout, with the element's content
 * height (scrollHeight) and box height (clientHeight) set to what that layout would give.
 */
function fakeLayout() {
	const observers = new Set<{
		report: ResizeObserverCallback;
		self: ResizeObserver;
		on: Set<Element>;
	}>();
	let reports = 0;
	const Quiet = globalThis.ResizeObserver;
	globalThis.ResizeObserver = class implements ResizeObserver {
		readonly #entry;
		constructor(report: ResizeObserverCallback) {
			this.#entry = { report, self: this, on: new Set<Element>() };
			observers.add(this.#entry);
		}
		observe(target: Element): void {
			this.#entry.on.add(target);
		}
		unobserve(target: Element): void {
			this.#entry.on.delete(target);
		}
		disconnect(): void {
			this.#entry.on.clear();
			observers.delete(this.#entry);
		}
	};
	return {
		get reports() {
			return reports;
		},
		/** Elements observed right now, over every observer. */
		watched: () => [...observers].reduce((n, o) => n + o.on.size, 0),
		resize(target: HTMLElement, size: { content: number; box: number }): void {
			Object.defineProperty(target, 'scrollHeight', { configurable: true, value: size.content });
			Object.defineProperty(target, 'clientHeight', { configurable: true, value: size.box });
			for (const o of observers) {
				if (!o.on.has(target)) continue;
				reports++;
				o.report([{ target } as unknown as ResizeObserverEntry], o.self);
			}
		},
		restore(): void {
			globalThis.ResizeObserver = Quiet;
		},
	};
}

function client(index: number, overrides: Partial<NoticeClient> = {}): NoticeClient {
	return {
		index,
		row: index + 2,
		first_name: 'Maria',
		last_name: 'Lopez',
		email_address: `maria.${index}@example.com`,
		initial_password: 'Kx7#pQ0O',
		...overrides,
	};
}

describe('Notice', () => {
	it('shows markup in client data as literal text, never as elements', () => {
		const { container } = render(Notice, {
			client: client(0, { first_name: HOSTILE }),
			template,
		});
		const images = container.querySelectorAll('img');
		expect(images).toHaveLength(1);
		expect(images[0]).toHaveAttribute('src', LOGO);
		expect(images[0]).toHaveAttribute('alt', 'Harbour Physio logo');
		expect(screen.getByText(`${HOSTILE} Lopez`)).toBeInTheDocument();
		expect(screen.getByText(`Hello ${HOSTILE}, Harbour Physio`, { exact: false })).toBeVisible();
		expect(container.innerHTML).not.toContain('<img src="x"');
	});

	it('shows the email, the password and the row it came from', () => {
		const { container } = render(Notice, { client: client(3), template });
		const notice = screen.getByTestId('notice');
		expect(notice).toHaveAttribute('data-row', '5');
		expect(within(notice).getByRole('heading', { name: 'Sign in with' })).toBeInTheDocument();
		const email = container.querySelector('dd.email');
		expect(email).toHaveTextContent('maria.3@example.com');
		const password = screen.getByRole('img', { name: /^capital K, small x, digit 7, hash;/ });
		const typed = [...password.querySelectorAll('.char')].map((c) => c.textContent).join('');
		expect(typed).toBe('Kx7#pQ0O');
		expect(password).toHaveTextContent('zero');
		expect(password).toHaveTextContent('capital O');
		expect(screen.getByRole('heading', { name: 'Your account: how to sign in' })).toBeVisible();
		expect(screen.getByText(/Keep this notice private/)).toBeInTheDocument();
		// The default message already ends with the support contact: the footer does not repeat it.
		expect(screen.getAllByText(/front desk, 555 0100/)).toHaveLength(1);
	});

	it('puts the support contact in the footer when the message does not give it', () => {
		render(Notice, { client: client(0), template: { ...template, message: 'Welcome.' } });
		expect(screen.getByText('Questions? front desk, 555 0100')).toBeInTheDocument();
	});

	it('marks a notice whose message is cut short by the space it was given, and only then', async () => {
		const layout = fakeLayout();
		try {
			render(Notice, { client: client(0), template, compact: true });
			const notice = screen.getByTestId('notice');
			const box = notice.querySelector<HTMLElement>('.message');
			expect(box).not.toBeNull();
			// The browser's first report, right after the first layout: the message fits its box.
			layout.resize(box!, { content: 80, box: 80 });
			await tick();
			expect(layout.reports).toBe(1);
			expect(notice).not.toHaveAttribute('data-clipped');
			// A smaller share of the page (four to a sheet): the message no longer fits.
			layout.resize(box!, { content: 500, box: 80 });
			await tick();
			expect(notice).toHaveAttribute('data-clipped', 'message');
			// Room again (one to a sheet): the mark goes away.
			layout.resize(box!, { content: 500, box: 520 });
			await tick();
			expect(layout.reports).toBe(3);
			expect(notice).not.toHaveAttribute('data-clipped');
		} finally {
			layout.restore();
		}
	});

	it('stops watching the message once the notice is gone', () => {
		const layout = fakeLayout();
		try {
			const { unmount } = render(Notice, { client: client(0), template, compact: true });
			expect(layout.watched()).toBe(1);
			unmount();
			expect(layout.watched()).toBe(0);
		} finally {
			layout.restore();
		}
	});

	it('prints the QR code and the address when a sign-in address is set', () => {
		const { container } = render(Notice, { client: client(0), template });
		const qr = screen.getByRole('img', { name: /QR code for the sign-in page/ });
		expect(qr.tagName.toLowerCase()).toBe('svg');
		expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M0 0h7v1h-7z/);
		expect(screen.getByText('Scan to open the sign-in page')).toBeInTheDocument();
		expect(container.querySelector('.url')).toHaveTextContent(template.signInUrl);
	});

	it('leaves the QR code and logo out when they are not set', () => {
		const { container } = render(Notice, {
			client: client(0),
			template: { ...template, signInUrl: '', logo: null },
		});
		expect(container.querySelector('svg')).toBeNull();
		expect(container.querySelector('img')).toBeNull();
		expect(screen.queryByText('Scan to open the sign-in page')).toBeNull();
	});

	it('refuses a logo that is not a raster data URL even if the template was never parsed', () => {
		const { container } = render(Notice, {
			client: client(0),
			template: { ...template, logo: 'javascript:alert(1)' },
		});
		expect(container.querySelector('img')).toBeNull();
	});

	it('says so when the address is too long for a QR code', () => {
		render(Notice, {
			client: client(0),
			template: { ...template, signInUrl: `https://example.com/${'x'.repeat(3000)}` },
		});
		expect(screen.getByText(/too long for a QR code/)).toBeInTheDocument();
	});
});

describe('NoticeSheets', () => {
	it('lays five notices two to a page on three sheets, with cut lines', () => {
		const notices = Array.from({ length: 5 }, (_, i) => client(i));
		const { container } = render(NoticeSheets, {
			notices,
			template,
			perPage: 2,
			pageSize: 'a4',
		});
		const sheets = container.querySelectorAll('section.sheet');
		expect(sheets).toHaveLength(3);
		expect(
			[...sheets].map((s) => within(s as HTMLElement).getAllByTestId('notice').length),
		).toEqual([2, 2, 1]);
		expect(screen.getAllByTestId('notice').map((n) => n.dataset.row)).toEqual([
			'2',
			'3',
			'4',
			'5',
			'6',
		]);
		expect(sheets[0]?.querySelectorAll('.cut')).toHaveLength(1);
		expect(sheets[0]).toHaveAccessibleName('Page 1');
	});

	it('adds sheets without replacing the ones already laid out', async () => {
		const notices = Array.from({ length: 4 }, (_, i) => client(i));
		const { container, rerender } = render(NoticeSheets, {
			notices,
			template,
			perPage: 4,
			pageSize: 'letter',
		});
		const first = container.querySelector('section.sheet');
		expect(first).toHaveClass('letter');
		expect(first?.querySelectorAll('.cut')).toHaveLength(2);
		await rerender({ notices: [...notices, client(4)] });
		const sheets = container.querySelectorAll('section.sheet');
		expect(sheets).toHaveLength(2);
		expect(sheets[0]).toBe(first);
	});

	it('puts one full-size notice on each page when asked for one per page', () => {
		const { container } = render(NoticeSheets, {
			notices: [client(0), client(1)],
			template,
			perPage: 1,
			pageSize: 'a4',
		});
		expect(container.querySelectorAll('section.sheet')).toHaveLength(2);
		expect(container.querySelectorAll('.cut')).toHaveLength(0);
		expect(container.querySelector('.notice.compact')).toBeNull();
	});
});
