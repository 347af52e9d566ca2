// What the draft screen tells the pro besides the data: the last error (with the worker's reason,
// which decides how the app reacts) and the sentence for the live region that screen readers
// announce after an action ("3 rows fixed.").
import { WorkerError, type FailureReason } from '../worker/client.ts';

export class SessionMessages {
	#error = $state('');
	#errorReason = $state<FailureReason | null>(null);
	#announcement = $state('');

	get error(): string {
		return this.#error;
	}

	get errorReason(): FailureReason | null {
		return this.#errorReason;
	}

	get announcement(): string {
		return this.#announcement;
	}

	/** An exception from the worker or storage, shown as it is worded. */
	fail(error: unknown): void {
		this.show(
			error instanceof Error ? error.message : String(error),
			error instanceof WorkerError ? error.reason : 'error',
		);
	}

	show(message: string, reason: FailureReason): void {
		this.#error = message;
		this.#errorReason = reason;
	}

	clearError(): void {
		this.#error = '';
		this.#errorReason = null;
	}

	announce(text: string): void {
		this.#announcement = text;
	}
}
