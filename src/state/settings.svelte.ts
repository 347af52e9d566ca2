// Settings kept on this device: how temporary passwords are made, the notice template, how
// notices are laid out on paper, the passphrase lock's idle time and whether its offer was
// dismissed, and the column mappings remembered from past imports (kept by
// the draft worker, read when Settings shows them). Read once at start; each change is saved at
// once.
import { z } from 'zod';
import {
	cryptoRandom,
	DEFAULT_PASSWORD_OPTIONS,
	generatePassword,
	MAX_GENERATED_LENGTH,
	MIN_GENERATED_LENGTH,
	PasswordOptionsSchema,
	strengthBits,
	type PasswordOptions,
} from '../core/password.ts';
import {
	applyNoticeChange,
	DEFAULT_NOTICE_SETTINGS,
	NoticeSettingsSchema,
	type NoticeChange,
	type NoticeSettings,
} from '../notices/notice-settings.ts';
import { signInUrlProblem } from '../notices/sign-in-address.ts';
import type { SettingsStore } from '../storage/settings.ts';
import type { RememberedMapping } from '../worker/mapping-views.ts';
import { m } from '../i18n/messages.ts';
import type { Locale } from '../i18n/locales.ts';

/** The remembered column mappings, as the draft worker keeps them. */
export interface RememberedMappingsBackend {
	list(): Promise<RememberedMapping[]>;
	forget(key: string): Promise<void>;
}

export const PaperSchema = z.object({
	pageSize: z.enum(['a4', 'letter']),
	perPage: z.union([z.literal(1), z.literal(2), z.literal(4)]),
});
export type Paper = z.infer<typeof PaperSchema>;
export const DEFAULT_PAPER: Paper = { pageSize: 'a4', perPage: 1 };

/** Minutes without activity before the passphrase lock closes the drafts. */
export const DEFAULT_LOCK_IDLE_MINUTES = 5;
export const MIN_LOCK_IDLE_MINUTES = 1;
export const MAX_LOCK_IDLE_MINUTES = 60;
const IdleMinutesSchema = z.number().int().min(MIN_LOCK_IDLE_MINUTES).max(MAX_LOCK_IDLE_MINUTES);

const KEYS = {
	password: 'passwordOptions',
	notice: 'noticeTemplate',
	paper: 'noticePaper',
	idle: 'lockIdleMinutes',
	offer: 'lockOfferDismissed',
};

export class AppSettings {
	password = $state<PasswordOptions>({ ...DEFAULT_PASSWORD_OPTIONS });
	notice = $state<NoticeSettings>({ ...DEFAULT_NOTICE_SETTINGS });
	paper = $state<Paper>({ ...DEFAULT_PAPER });
	lockIdleMinutes = $state(DEFAULT_LOCK_IDLE_MINUTES);
	/** The pro put away "Shared tablet? Lock these drafts…": it is not offered again. */
	lockOfferDismissed = $state(false);
	/** The stored settings have been read (the lock's offer waits for its dismissal). */
	loaded = $state(false);
	/** A password the current settings could make, to show what they mean. */
	example = $state('');
	/** Set when a setting could not be saved (the device is full…). */
	error = $state('');
	/** The mappings remembered on this device, newest first (null: not read yet). */
	remembered = $state.raw<RememberedMapping[] | null>(null);
	#repo: SettingsStore;
	#mappings: RememberedMappingsBackend | null;

	constructor(repo: SettingsStore, mappings: RememberedMappingsBackend | null = null) {
		this.#repo = repo;
		this.#mappings = mappings;
	}

	/** True where the app can list remembered mappings (not in every test). */
	get remembersMappings(): boolean {
		return this.#mappings !== null;
	}

	/** Reads the remembered mappings (each time Settings shows them: an import may add one). */
	async loadRemembered(): Promise<void> {
		if (!this.#mappings) return;
		try {
			const list = await this.#mappings.list();
			this.remembered = [...list].sort((a, b) => b.savedAt - a.savedAt);
		} catch (error) {
			this.error = m.shell_settings_remembered_unread({ error: messageOf(error) });
		}
	}

	/** Forgets one mapping: the next file with that header row is mapped from scratch. */
	async forgetMapping(key: string): Promise<void> {
		if (!this.#mappings) return;
		try {
			await this.#mappings.forget(key);
			this.error = '';
		} catch (error) {
			this.error = m.shell_settings_not_forgotten({ error: messageOf(error) });
		}
		await this.loadRemembered();
	}

	/** Estimated strength of the passwords the current settings make, in bits. */
	get strength(): number {
		return strengthBits(this.password);
	}

	/** Makes a new example password (after each change of the password settings). */
	newExample(): void {
		this.example = generatePassword(cryptoRandom, this.password);
	}

	async load(): Promise<void> {
		const [password, notice, paper, idle, offer] = await Promise.all([
			this.#read(KEYS.password, PasswordOptionsSchema),
			this.#read(KEYS.notice, NoticeSettingsSchema),
			this.#read(KEYS.paper, PaperSchema),
			this.#read(KEYS.idle, IdleMinutesSchema),
			this.#read(KEYS.offer, z.boolean()),
		]);
		if (password) this.password = password;
		if (notice) this.notice = notice;
		if (paper) this.paper = paper;
		if (idle) this.lockIdleMinutes = idle;
		if (offer) this.lockOfferDismissed = offer;
		this.loaded = true;
	}

	async #read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
		// A stored value from an older version that no longer parses falls back to the default.
		return this.#repo.get(key, (v) => schema.safeParse(v).data).catch(() => undefined);
	}

	/**
	 * Changes how passwords are made; a change that cannot be used is refused with the reason, to
	 * show at the field (the settings kept are the ones before it).
	 */
	async setPassword(change: Partial<PasswordOptions>): Promise<string | null> {
		const next = { ...this.password, ...change };
		const problem = passwordOptionsProblem(next, this.password.length);
		if (problem) return problem;
		const parsed = PasswordOptionsSchema.safeParse(next);
		if (!parsed.success) return m.shell_settings_bad_value();
		this.password = parsed.data;
		this.newExample();
		await this.#save(KEYS.password, parsed.data);
		return null;
	}

	/**
	 * Changes the notice template (the message and texts of one language), or says why not. A new
	 * sign-in address must be https (older saved ones still load); a text left empty goes back to
	 * the language's default.
	 */
	async setNotice(change: NoticeChange): Promise<string | null> {
		if (change.signInUrl !== undefined) {
			const problem = signInUrlProblem(change.signInUrl);
			if (problem) return problem;
		}
		const next = applyNoticeChange(this.notice, change);
		const parsed = NoticeSettingsSchema.safeParse(next);
		if (!parsed.success) return parsed.error.issues[0]?.message ?? m.notices_error_unusable();
		this.notice = parsed.data;
		await this.#save(KEYS.notice, parsed.data);
		return null;
	}

	/** The default message of `locale` (the app's language when not said). */
	async resetMessage(locale?: Locale): Promise<void> {
		await this.setNotice({ locale, message: '' });
	}

	async setPaper(change: Partial<Paper>): Promise<void> {
		this.paper = { ...this.paper, ...change };
		await this.#save(KEYS.paper, $state.snapshot(this.paper));
	}

	/**
	 * Minutes before the lock closes; a value out of 1–60 is refused with what to type (the field
	 * then shows the minutes kept).
	 */
	async setLockIdleMinutes(minutes: number): Promise<string | null> {
		const parsed = IdleMinutesSchema.safeParse(minutes);
		if (!parsed.success)
			return m.shell_settings_idle_range({
				min: String(MIN_LOCK_IDLE_MINUTES),
				max: String(MAX_LOCK_IDLE_MINUTES),
			});
		this.lockIdleMinutes = parsed.data;
		await this.#save(KEYS.idle, parsed.data);
		return null;
	}

	async dismissLockOffer(): Promise<void> {
		this.lockOfferDismissed = true;
		await this.#save(KEYS.offer, true);
	}

	async #save(key: string, value: unknown): Promise<void> {
		try {
			await this.#repo.set(key, $state.snapshot(value));
			this.error = '';
		} catch (error) {
			this.error = m.shell_settings_not_saved({ error: messageOf(error) });
		}
	}
}

/** Why password settings cannot be used, in the pro's words (null: they can). */
export function passwordOptionsProblem(options: PasswordOptions, kept: number): string | null {
	const still = m.shell_pw_still({ kept: String(kept) });
	const min = String(MIN_GENERATED_LENGTH);
	const max = String(MAX_GENERATED_LENGTH);
	const { length } = options;
	if (!Number.isFinite(length)) return m.shell_pw_enter_length({ min, max, still });
	if (!Number.isInteger(length)) return m.shell_pw_whole({ min, max, still });
	if (length < MIN_GENERATED_LENGTH) return m.shell_pw_too_short({ min, still });
	if (length > MAX_GENERATED_LENGTH) return m.shell_pw_too_long({ max, still });
	if (!options.upper && !options.lower && !options.digits && !options.symbols)
		return m.shell_pw_one_kind();
	return null;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
