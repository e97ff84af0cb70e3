import { createHash } from 'node:crypto';
import { ChainCheck } from '../../ports/store';

/** The stored fields of an audit row that its hash covers, as the database holds them. */
export interface AuditRowForHash {
  readonly at: string;
  readonly actor_id: string;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly case_id: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly allowed: number | string;
}

/**
 * A row's link in the chain: SHA-256 over the previous row's hash and the row's own fields in a
 * fixed order. Changing, deleting or inserting any row breaks every link after it.
 */
export function auditHash(prevHash: string, row: AuditRowForHash): string {
  const fields = [prevHash, row.at, row.actor_id, row.action, row.entity, row.entity_id, row.case_id, row.before, row.after, Number(row.allowed)];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

type StoredRow = AuditRowForHash & { readonly seq: number | string; readonly prev_hash: string | null; readonly hash: string | null };

/**
 * Checks the chain a page of rows at a time (the trail can be millions of rows): feed each page in
 * order; it stops at the first broken link.
 */
export function chainVerifier(): { feed(rows: readonly StoredRow[]): boolean; result(): ChainCheck } {
  let prev = '';
  let count = 0;
  let broken: ChainCheck['broken'];
  return {
    feed(rows) {
      for (const row of rows) {
        if (broken) return false;
        count++;
        const seq = Number(row.seq);
        if ((row.prev_hash ?? '') !== prev)
          broken = { seq, problem: 'its link to the row before does not match (a row before it was removed, added or changed)' };
        else if (row.hash !== auditHash(prev, row)) broken = { seq, problem: 'its contents do not match its hash (the row was changed)' };
        else prev = row.hash;
      }
      return !broken;
    },
    result: () => ({ rows: count, ...(broken ? { broken } : {}) }),
  };
}
