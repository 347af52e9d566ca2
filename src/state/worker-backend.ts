// The draft worker as the state classes ask for it: the session's, the drafts list's, sync's and
// the remembered mappings' interfaces carried by the one client's `call(name, args)` and its
// events. The classes keep their own small interfaces so that how the client carries a call does
// not reach them, and so that component tests can wrap the real worker (to hold or record a
// call) without faking it.
import type { DraftWorkerClient } from '../worker/client.ts';
import type { RememberedMapping } from '../worker/mapping-views.ts';
import type { ChangeBody, DraftBackend } from './draft-session.svelte.ts';
import type { DraftsBackend } from './drafts-list.svelte.ts';
import type { SyncBackend } from './sync.svelte.ts';
import type { LockBackend } from './lock-backend.ts';
import type { SecretSettingsBackend } from './secret-settings.ts';

/** The mappings remembered on this device, as Settings lists and forgets them. */
export interface MappingsBackend {
	/** Newest first. */
	list(): Promise<RememberedMapping[]>;
	forget(key: string): Promise<void>;
}

export function draftBackend(client: DraftWorkerClient): DraftBackend {
	return {
		import: (file, today, onProgress, resume, options = {}) =>
			client.call(
				'import',
				{
					file,
					name: file.name,
					lastModified: file.lastModified,
					today,
					...(resume ? { resume } : {}),
					...(options.columns ? { columns: options.columns } : {}),
					...(options.replace ? { replace: options.replace } : {}),
					...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
				},
				onProgress ? { onProgress } : {},
			),
		inspect: (file, sheet) =>
			client.call('inspect', {
				file,
				name: file.name,
				...(sheet !== undefined ? { sheet } : {}),
			}),
		columns: () => client.call('columns', {}),
		cancel: () => client.cancel('import'),
		open: (draftId, today) => client.call('open', { draftId, today }),
		close: async () => {
			await client.call('close', {});
		},
		view: (filter, search) => client.call('view', { filter, search }),
		rows: async (offset, limit) => {
			const { total, rows } = await client.call('rows', { offset, limit });
			return { total, rows };
		},
		locate: async (index) => (await client.call('locate', { index })).position,
		problem: (from, field, direction) => client.call('problem', { from, field, direction }),
		change: ({ type, ...args }) => client.call<ChangeBody['type']>(type, args),
		replaceCount: (query) => client.call('replaceCount', query),
		export: (kind, draftId) => client.call('export', { kind, ...(draftId ? { draftId } : {}) }),
		notices: (choice, indexes) =>
			client.call('notices', { choice, ...(indexes ? { indexes } : {}) }),
		sync: (batch) => client.call('sync', batch ?? {}),
		onEvent: (listener) => {
			const offChanged = client.on('changed', (event) => listener({ type: 'changed', ...event }));
			const offFailed = client.on('failed', (event) => listener({ type: 'failed', ...event }));
			return () => {
				offChanged();
				offFailed();
			};
		},
	};
}

export function draftsBackend(client: DraftWorkerClient): DraftsBackend {
	return {
		duplicate: async (draftId, name) => (await client.call('duplicate', { draftId, name })).draftId,
		list: () => client.call('listDrafts', {}),
		rename: async (draftId, name) => {
			await client.call('renameDraft', { draftId, name });
		},
		export: (kind, draftId) => client.call('export', { kind, ...(draftId ? { draftId } : {}) }),
	};
}

export function syncBackend(client: DraftWorkerClient): SyncBackend {
	return {
		onSyncStatus: (listener) => client.on('syncStatus', listener),
		syncNow: async () => {
			await client.call('syncNow', {});
		},
		cancelSync: (draftId) => client.call('cancelSync', { draftId }),
	};
}

export function mappingsBackend(client: DraftWorkerClient): MappingsBackend {
	return {
		list: () => client.call('mappings', {}),
		forget: async (key) => {
			await client.call('forgetMapping', { key });
		},
	};
}

/** The passphrase lock, as LockState asks for it (the keys stay in the worker). */
export function lockBackend(client: DraftWorkerClient): LockBackend {
	return {
		status: () => client.call('lockStatus', {}),
		unlock: async (passphrase, onProgress) => {
			const off = onProgress ? client.on('lockProgress', onProgress) : () => undefined;
			try {
				return await client.call('unlock', { passphrase });
			} finally {
				off();
			}
		},
		lock: async () => {
			await client.call('lock', {});
		},
		turnOn: async (passphrase, onProgress) => {
			const off = onProgress ? client.on('lockProgress', onProgress) : () => undefined;
			try {
				await client.call('turnOnLock', { passphrase });
			} finally {
				off();
			}
		},
		turnOff: async (passphrase, onProgress) => {
			const off = onProgress ? client.on('lockProgress', onProgress) : () => undefined;
			try {
				return await client.call('turnOffLock', { passphrase });
			} finally {
				off();
			}
		},
		changePassphrase: (current, next) => client.call('changePassphrase', { current, next }),
		onLocked: (listener) => client.on('locked', () => listener()),
	};
}

/** The settings holding a secret, read and written by the worker. */
export function secretSettingsBackend(client: DraftWorkerClient): SecretSettingsBackend {
	return {
		read: (key) => client.call('secretSetting', { key }),
		save: async (key, value) => {
			await client.call('saveSecretSetting', { key, value });
		},
	};
}
