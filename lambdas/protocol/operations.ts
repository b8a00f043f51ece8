/**
 * Operation names and their SDK input/output types, derived from an AWS SDK aggregated client
 * (`Kinesis`, `Firehose`), so an action table keyed by a misspelt operation, or holding the wrong
 * action for an operation, fails to compile.
 */
import type { ActionContext } from '../runtime/context';

/** An aggregated client method's last overload is `(args, options, cb: (err, data?: Output) => void)`. */
type InputOutput<M> = M extends (args: infer I, options: any, cb: (err: any, data?: infer O) => void) => void ? { input: I; output: O } : never;

/** `{ PutRecord: { input; output } , … }` for every operation method of `Client` that `Base` does not have. */
export type Operations<Client, Base> = {
  [K in Exclude<keyof Client, keyof Base> & string as Capitalize<K>]: InputOutput<Client[K]>;
};

/** What an action resolves to: the SDK output without `$metadata`, or nothing for an empty output. */
type Result<O> = keyof Omit<O, '$metadata'> extends never ? void : Omit<O, '$metadata'>;

export type TypedAction<Op extends { input: unknown; output: unknown }> = (input: Op['input'], ctx: ActionContext) => Promise<Result<Op['output']>>;

/** Actions for some of a client's operations, each typed by its operation. */
export type ActionTable<Ops> = { [K in keyof Ops]?: Ops[K] extends { input: unknown; output: unknown } ? TypedAction<Ops[K]> : never };
