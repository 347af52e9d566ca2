// Which notices a print run puts on paper once the pro has chosen between "Print after sending"
// (only clients the platform has created: their printed password works) and "Print anyway"
// (everyone asked for, the unsent ones at the risk of a password that does not work yet).
import { z } from 'zod';
import { NoticeClientSchema } from '../core/fields.ts';
import { SYNC_STATES } from '../core/credentials.ts';

/** A notice as the worker gives it for printing: the client, and where the row is with the platform. */
export const PrintNoticeSchema = NoticeClientSchema.extend({ sync: z.enum(SYNC_STATES) });
export type PrintNotice = z.infer<typeof PrintNoticeSchema>;

export const SENDING_CHOICES = ['after-sending', 'anyway'] as const;
export type SendingChoice = (typeof SENDING_CHOICES)[number];

/**
 * The platform created this client's account with the password printed here. Any other state
 * (not sent, being sent, refused) means the password may never work, or not yet.
 */
export function isCreated(notice: Pick<PrintNotice, 'sync'>): boolean {
	return notice.sync === 'synced';
}

/** The notices to print under the chosen rule, in the order given. */
export function noticesToPrint<T extends Pick<PrintNotice, 'sync'>>(
	notices: readonly T[],
	choice: SendingChoice,
): T[] {
	return choice === 'anyway' ? [...notices] : notices.filter(isCreated);
}

/** The notices whose client the platform has not created yet (what the screen marks). */
export function notCreated<T extends Pick<PrintNotice, 'sync'>>(notices: readonly T[]): T[] {
	return notices.filter((n) => !isCreated(n));
}
