// The passphrase lock, the drafts list and the secret settings: what needs the keys, which only
// this worker holds. Turning the lock on or off runs in the change queue (no edit is written
// half-way through it) and tells other tabs, whose pages reload into the new state.
import { LockedError } from '../../storage/vault.ts';
import { migrateRecords } from '../../storage/lock-migration.ts';
import type { DraftContext } from '../context.ts';
import type { Handlers } from './types.ts';
import { m } from '../../i18n/messages.ts';

type LockHandlers = Pick<
	Handlers,
	| 'lockStatus'
	| 'unlock'
	| 'lock'
	| 'turnOnLock'
	| 'turnOffLock'
	| 'changePassphrase'
	| 'listDrafts'
	| 'renameDraft'
	| 'secretSetting'
	| 'saveSecretSetting'
>;

/** A lock left half-way (a tab closed while encrypting or decrypting) is finished on unlock. */
async function finishMigration(ctx: DraftContext): Promise<void> {
	const vault = ctx.vault;
	if (!vault?.unlocked) return;
	const progress = (p: { phase: 'encrypting' | 'decrypting'; done: number; total: number }) =>
		ctx.emit('lockProgress', p);
	if (vault.state === 'encrypting') {
		await migrateRecords(ctx.repo.db, vault, 'encrypting', progress);
		await vault.setState('on');
	} else if (vault.state === 'decrypting') {
		await migrateRecords(ctx.repo.db, vault, 'decrypting', progress);
		await vault.turnOff();
	}
}

/** Forgets the open draft and every key: what the page shows next comes from a reload. */
function dropEverything(ctx: DraftContext): void {
	ctx.open = null;
	ctx.vault?.lock();
}

export function lockHandlers(ctx: DraftContext): LockHandlers {
	const requireVault = () => {
		if (!ctx.vault) throw new Error(m.shell_lock_unavailable());
		return ctx.vault;
	};
	ctx.lockChannel?.listen(() => {
		dropEverything(ctx);
		void ctx.vault?.reload().catch(() => undefined);
		ctx.emit('locked', {});
	});
	return {
		lockStatus: async () => {
			const vault = ctx.vault;
			if (!vault) return { enabled: false, unlocked: true, migrating: null };
			await vault.reload();
			const state = vault.state;
			return {
				enabled: vault.enabled,
				unlocked: !vault.locked,
				migrating: state === 'encrypting' || state === 'decrypting' ? state : null,
			};
		},

		unlock: ({ passphrase }) =>
			ctx.serial(async () => {
				const vault = requireVault();
				await vault.reload();
				if (!(await vault.unlock(passphrase))) return false;
				await finishMigration(ctx);
				// What waited in the outbox while locked can go now.
				void ctx.engine?.wake();
				return true;
			}),

		lock: () =>
			ctx.serial(async () => {
				// An import stops where it is (its saved rows stay; the same file finishes it later).
				for (const controller of ctx.running.values()) controller.abort();
				dropEverything(ctx);
				ctx.lockChannel?.post();
				return null;
			}),

		turnOnLock: ({ passphrase }) =>
			ctx.serial(async () => {
				const vault = requireVault();
				if (ctx.running.size > 0) throw new Error(m.shell_lock_import_running());
				await vault.reload();
				if (vault.enabled) throw new Error(m.shell_lock_already_on());
				// Other tabs stop writing in clear: their pages reload, locked.
				ctx.lockChannel?.post();
				await vault.turnOn(passphrase, ctx.clock());
				await finishMigration(ctx);
				return null;
			}),

		turnOffLock: ({ passphrase }) =>
			ctx.serial(async () => {
				const vault = requireVault();
				await vault.reload();
				if (!vault.enabled) return true;
				if (!(await vault.unlock(passphrase))) return false;
				ctx.lockChannel?.post();
				await vault.setState('decrypting');
				await finishMigration(ctx);
				return true;
			}),

		changePassphrase: ({ current, next }) =>
			ctx.serial(async () => requireVault().changePassphrase(current, next)),

		listDrafts: async () => {
			if (ctx.vault?.locked) throw new LockedError();
			const drafts = await ctx.repo.list();
			return drafts.map((d) => ({
				id: d.id,
				name: d.name,
				status: d.status,
				fileRows: d.fileRows,
				updatedAt: d.updatedAt,
				// Kept in clear: rows, issues, and where they stand with the platform and notices.
				counts: d.counts,
			}));
		},

		renameDraft: async ({ draftId, name }) => {
			const trimmed = name.trim();
			if (trimmed === '') return null;
			await ctx.repo.update(draftId, { name: trimmed, updatedAt: ctx.clock() });
			if (ctx.open?.meta.id === draftId) ctx.open.meta = { ...ctx.open.meta, name: trimmed };
			return null;
		},

		secretSetting: async ({ key }) => (await ctx.settings.get(key, (v) => v)) ?? null,

		saveSecretSetting: async ({ key, value }) => {
			await ctx.settings.set(key, value);
			return null;
		},
	};
}
