// A new version of Roster waits for the pro: the prompt says so (in the pro's language), "Reload
// now" lets the new version take over, "Later" puts it away until the next version.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UpdatePrompt from '../../src/ui/UpdatePrompt.svelte';
import { AppUpdate, type RegisterUpdates } from '../../src/state/app-update.svelte.ts';
import { loadMessages } from '../../src/i18n/messages.ts';

function started(): { update: AppUpdate; newVersion: () => void; apply: ReturnType<typeof vi.fn> } {
	const update = new AppUpdate();
	let onNeedRefresh: (() => void) | undefined;
	const apply = vi.fn(() => Promise.resolve());
	const register: RegisterUpdates = (options) => {
		onNeedRefresh = options.onNeedRefresh;
		return apply;
	};
	update.start(register, () => undefined);
	return { update, newVersion: () => onNeedRefresh?.(), apply };
}

afterEach(async () => {
	await loadMessages('en');
});

describe('update prompt', () => {
	it('shows only once a new version waits, and Reload now hands over to it', async () => {
		const { update, newVersion, apply } = started();
		expect(update.showing).toBe(false);
		newVersion();
		expect(update.showing).toBe(true);
		render(UpdatePrompt, { update });
		expect(screen.getByRole('status')).toHaveTextContent(
			'A new version of Roster is ready. Your drafts are saved: reloading loses nothing.',
		);
		await userEvent.click(screen.getByRole('button', { name: 'Reload now' }));
		expect(apply).toHaveBeenCalledWith(true);
		expect(screen.getByRole('button', { name: 'Reload now' })).toBeDisabled();
	});

	it('Later puts it away until the next version', async () => {
		const { update, newVersion } = started();
		newVersion();
		render(UpdatePrompt, { update });
		await userEvent.click(screen.getByRole('button', { name: 'Later' }));
		expect(update.showing).toBe(false);
		newVersion();
		expect(update.showing).toBe(true);
	});

	it('speaks French when the pro does', async () => {
		await loadMessages('fr');
		const { update, newVersion } = started();
		newVersion();
		render(UpdatePrompt, { update });
		// Read raw: toHaveTextContent folds the no-break space French puts before ":".
		expect(screen.getByRole('status').textContent).toContain(
			'Une nouvelle version de Roster est prête. Vos brouillons sont enregistrés\u00a0: recharger ne fait rien perdre.',
		);
		expect(screen.getByRole('button', { name: 'Recharger' })).toBeVisible();
		expect(screen.getByRole('button', { name: 'Plus tard' })).toBeVisible();
	});
});
