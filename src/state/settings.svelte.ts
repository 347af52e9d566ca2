// Settings kept on this device: how temporary passwords are made, the notice template, and how
// notices are laid out on paper. Read once at start; each change is saved at once.
import { z } from 'zod';
import {
	cryptoRandom,
	DEFAULT_PASSWORD_OPTIONS,
	generatePassword,
	normalizePasswordOptions,
	PasswordOptionsSchema,
	strengthBits,
	type PasswordOptions,
} from '../core/password.ts';
import {
	DEFAULT_NOTICE_TEMPLATE,
	NoticeTemplateSchema,
	type NoticeTemplate,
} from '../notices/template.ts';
import type { SettingsRepository } from '../storage/settings.ts';

export const PaperSchema = z.object({
	pageSize: z.enum(['a4', 'letter']),
	perPage: z.union([z.literal(1), z.literal(2), z.literal(4)]),
});
export type Paper = z.infer<typeof PaperSchema>;
export const DEFAULT_PAPER: Paper = { pageSize: 'a4', perPage: 1 };

const KEYS = { password: 'passwordOptions', notice: 'noticeTemplate', paper: 'noticePaper' };

export class AppSettings {
	password = $state<PasswordOptions>({ ...DEFAULT_PASSWORD_OPTIONS });
	notice = $state<NoticeTemplate>({ ...DEFAULT_NOTICE_TEMPLATE });
	paper = $state<Paper>({ ...DEFAULT_PAPER });
	/** A password the current settings could make, to show what they mean. */
	example = $state('');
	/** Set when a setting could not be saved (the device is full…). */
	error = $state('');
	#repo: SettingsRepository;

	constructor(repo: SettingsRepository) {
		this.#repo = repo;
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
		const [password, notice, paper] = await Promise.all([
			this.#read(KEYS.password, PasswordOptionsSchema),
			this.#read(KEYS.notice, NoticeTemplateSchema),
			this.#read(KEYS.paper, PaperSchema),
		]);
		if (password) this.password = password;
		if (notice) this.notice = notice;
		if (paper) this.paper = paper;
	}

	async #read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
		// A stored value from an older version that no longer parses falls back to the default.
		return this.#repo.get(key, (v) => schema.safeParse(v).data).catch(() => undefined);
	}

	async setPassword(change: Partial<PasswordOptions>): Promise<void> {
		const next = normalizePasswordOptions({ ...this.password, ...change });
		// At least one kind of character: unticking the last one is refused.
		if (!PasswordOptionsSchema.safeParse(next).success) return;
		this.password = next;
		this.newExample();
		await this.#save(KEYS.password, next);
	}

	async setNotice(change: Partial<NoticeTemplate>): Promise<string | null> {
		const next = { ...this.notice, ...change };
		const parsed = NoticeTemplateSchema.safeParse(next);
		if (!parsed.success) return parsed.error.issues[0]?.message ?? 'That value cannot be used.';
		this.notice = parsed.data;
		await this.#save(KEYS.notice, parsed.data);
		return null;
	}

	async resetMessage(): Promise<void> {
		await this.setNotice({ message: DEFAULT_NOTICE_TEMPLATE.message });
	}

	async setPaper(change: Partial<Paper>): Promise<void> {
		this.paper = { ...this.paper, ...change };
		await this.#save(KEYS.paper, $state.snapshot(this.paper));
	}

	async #save(key: string, value: unknown): Promise<void> {
		try {
			await this.#repo.set(key, $state.snapshot(value));
			this.error = '';
		} catch (error) {
			this.error = `Settings not saved: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
}
