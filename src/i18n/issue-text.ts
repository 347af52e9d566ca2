// An issue as the pro reads it, in the app's language: core emits stable codes with their
// parameters (src/core/issues.ts), and this renders the message and the title from them.
// (Placeholder until the core/messages work lands: English from core.)
import type { Issue, IssueCode } from '../core/issues.ts';
import { ISSUE_TITLES } from '../core/issues.ts';

/** The issue's message ("Row 4: …") in the app's language. */
export function issueText(issue: Issue): string {
	return issue.message;
}

/** The short title of a kind of issue ("Email not valid"), in the app's language. */
export function issueTitle(code: IssueCode): string {
	return ISSUE_TITLES[code];
}
