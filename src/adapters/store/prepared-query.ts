import type { Compilable, CompiledQuery, Kysely, SqliteDatabase } from 'kysely';
import { Dialect } from './migrations';
import { Database } from './schema';

/** What a prepared query can be given for each value: text, a number, or null (a column left empty). */
export type Bindable = string | number | null;

/** Runs a prepared query in a transaction (or on the database) with this call's values. */
export interface Prepared<A extends readonly Bindable[], R> {
  (db: Kysely<Database>, dialect: Dialect, ...values: A): Promise<PreparedResult<R>>;
  /** The compiled query with this call's values, for a connection the caller already holds (see HeldConnection). */
  bind(db: Kysely<Database>, dialect: Dialect, ...values: A): CompiledQuery<R>;
}

/** Runs a compiled query on the connection a transaction holds, without Kysely's executor around it. */
export type HeldConnection = <R>(query: CompiledQuery<R>) => PreparedResult<R>;

/**
 * SQLite's one connection, as a transaction holding it runs a prepared query: straight on
 * better-sqlite3, as Kysely's own SQLite driver does (a statement that returns rows is read, any other
 * is run), but without the layers Kysely puts around every query (its executor, the connection
 * provider, the plugins' transforms and the promises between them): those were half the cost of a
 * prepared query, and a card submit runs a dozen.
 */
export function sqliteHeldConnection(db: SqliteDatabase): HeldConnection {
  return <R>(query: CompiledQuery<R>) => {
    const statement = db.prepare(query.sql);
    if (statement.reader) return { rows: statement.all(query.parameters) as R[], changed: 0 };
    return { rows: [], changed: Number(statement.run(query.parameters).changes) };
  };
}

/** What a prepared query answers: its rows, and for a write how many rows it changed. */
export interface PreparedResult<R> {
  readonly rows: R[];
  readonly changed: number;
}

/** Where in the compiled query's parameters this call's values go (by their order in the builder's arguments). */
interface Compiled<R> {
  readonly query: CompiledQuery<R>;
  readonly slots: readonly number[];
}

/** Stands for the value of argument `i` while the query is built: no real value looks like it. */
const mark = (i: number) => `\u0000prepared-value-${i}\u0000`;

/**
 * A query of fixed shape, built and compiled by Kysely once per dialect, then run with each call's
 * values in place of the ones it was built with. Kysely builds and compiles a query afresh on every
 * run: its immutable builder and compiler were about a seventh of a simulated year's CPU and of a
 * card submit's. Only the store's most frequent queries are prepared; a query whose shape depends on
 * its values (an `in` list, an optional filter) is built each time as before.
 *
 * The builder is called once with stand-ins for its arguments; each stand-in must reach the query
 * exactly once, as a bound value (not in the SQL's text), or the first run throws.
 */
export function prepared<A extends string[], R>(build: (db: Kysely<Database>, ...values: A) => Compilable<R>): Prepared<A, R> {
  return preparedTyped(build);
}

/**
 * As `prepared`, for a query some of whose values may be a number or null: each value's type is
 * written where the query is. (Left to inference, a value typed `string | null` would be taken as
 * text, and null refused where the query is run.)
 */
export function preparedTyped<A extends Bindable[], R>(build: (db: Kysely<Database>, ...values: A) => Compilable<R>): Prepared<A, R>;
// The stand-ins are as many strings as the first call's values: the implementation sees them as a list.
export function preparedTyped<R>(build: (db: Kysely<Database>, ...values: Bindable[]) => Compilable<R>): Prepared<Bindable[], R> {
  const byDialect = new Map<Dialect, Compiled<R>>();
  const compile = (db: Kysely<Database>, count: number): Compiled<R> => {
    const marks = Array.from({ length: count }, (_, i) => mark(i));
    const query = build(db, ...marks).compile();
    const { sql, parameters } = query;
    const slots = marks.map((m) => {
      const at = parameters.indexOf(m);
      if (at < 0 || parameters.indexOf(m, at + 1) >= 0 || sql.includes(m))
        throw new Error(`A prepared query must bind each of its values once; value ${marks.indexOf(m) + 1} of "${sql}" is not.`);
      return at;
    });
    return { query, slots };
  };
  const bind = (db: Kysely<Database>, dialect: Dialect, ...values: Bindable[]): CompiledQuery<R> => {
    let compiled = byDialect.get(dialect);
    if (!compiled) byDialect.set(dialect, (compiled = compile(db, values.length)));
    if (values.length !== compiled.slots.length) throw new Error(`A prepared query takes ${compiled.slots.length} values, not ${values.length}.`);
    const parameters = [...compiled.query.parameters];
    compiled.slots.forEach((at, i) => (parameters[at] = values[i]));
    // The compiled query as it is, with this call's values: nothing is built or compiled again.
    return { ...compiled.query, parameters };
  };
  const run = async (db: Kysely<Database>, dialect: Dialect, ...values: Bindable[]): Promise<PreparedResult<R>> => {
    const result = await db.executeQuery<R>(bind(db, dialect, ...values));
    return { rows: result.rows, changed: Number(result.numAffectedRows ?? 0n) };
  };
  return Object.assign(run, { bind });
}
