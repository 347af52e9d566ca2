// The command map's types at the call site: a result is inferred from the command's name, and a
// wrong name or argument is a type error (checked by svelte-check/tsc over the test folder; the
// `@ts-expect-error` lines fail the type check if the error ever goes away).
import { describe, expectTypeOf, it } from 'vitest';
import type { DraftWorkerClient } from '../../../src/worker/client.ts';
import type { Args, ChangeCommand, Result } from '../../../src/worker/protocol.ts';
import type { DraftState, RowView } from '../../../src/worker/views.ts';

declare const client: DraftWorkerClient;

describe('worker command types', () => {
	it('infers each result from the command name', () => {
		expectTypeOf<Awaited<ReturnType<typeof client.call<'view'>>>>().toEqualTypeOf<DraftState>();
		expectTypeOf<Result<'rows'>['rows']>().toEqualTypeOf<RowView[]>();
		expectTypeOf<Result<'locate'>>().toEqualTypeOf<{ position: number }>();
		expectTypeOf<Args<'edit'>['index']>().toEqualTypeOf<number>();
		// The commands that change the draft are read off their result schema.
		expectTypeOf<ChangeCommand>().toEqualTypeOf<
			| 'edit'
			| 'fix'
			| 'editCells'
			| 'setValue'
			| 'replace'
			| 'addRow'
			| 'deleteRows'
			| 'dateOrder'
			| 'undo'
			| 'redo'
			| 'passwords'
			| 'markPrinted'
			| 'removePasswords'
		>();
	});

	it('refuses a wrong argument or an unknown command', () => {
		const check = () => {
			// @ts-expect-error: `index` is a number.
			void client.call('edit', { index: '3', set: {} });
			// @ts-expect-error: a filter that does not exist.
			void client.call('view', { filter: 'everything', search: '' });
			// @ts-expect-error: `rows` needs a limit.
			void client.call('rows', { offset: 0 });
			// @ts-expect-error: no such command.
			void client.call('format', {});
		};
		expectTypeOf(check).toBeFunction();
	});
});
