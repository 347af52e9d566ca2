// The shape of the worker's handler map: one function per command, its argument and result
// types taken from the command's schemas in protocol.ts.
import type { Args, CommandName, Result } from '../protocol.ts';

/** The call being handled: its id names it in progress events and in `cancel`. */
export interface CallInfo {
	id: number;
}

export type Handler<K extends CommandName> = (args: Args<K>, call: CallInfo) => Promise<Result<K>>;

export type Handlers = { [K in CommandName]: Handler<K> };
