// What must be set before notices may print: a notice without the practice's name or the sign-in
// address tells a client to sign in somewhere it never names.
import { m } from '../i18n/messages.ts';
import type { NoticeTemplate } from './template.ts';
import { signInUrlProblem } from './sign-in-address.ts';

export interface PrintBlocker {
	/** The template field to fill (Settings focuses it). */
	field: 'practiceName' | 'signInUrl';
	/** What is wrong, as the print screen says it (in the app's language). */
	message: string;
}

/** Everything that keeps notices from printing, in the order Settings shows the fields. */
export function printBlockers(template: Pick<NoticeTemplate, 'practiceName' | 'signInUrl'>) {
	const out: PrintBlocker[] = [];
	if (template.practiceName.trim() === '')
		out.push({
			field: 'practiceName',
			message: m.notices_guard_no_practice(),
		});
	const address = template.signInUrl.trim();
	if (address === '')
		out.push({
			field: 'signInUrl',
			message: m.notices_guard_no_address(),
		});
	else {
		const problem = signInUrlProblem(address);
		if (problem)
			out.push({ field: 'signInUrl', message: m.notices_guard_address_problem({ problem }) });
	}
	return out;
}

/** The id of each field in the notice settings, so the print screen can take the pro to it. */
export const SETTINGS_FIELD_IDS: Readonly<Record<PrintBlocker['field'], string>> = {
	practiceName: 'notice-practice-name',
	signInUrl: 'notice-sign-in-url',
};
