import { isDomainError } from '../domain/errors';
import { StoreTx } from '../ports/store';

/**
 * What a use case answers when the same person sends the same change twice (a double click, a
 * Teams or browser retry): nothing is changed a second time, and the record as it now stands comes
 * back marked as already recorded, rather than refused as "someone else changed this".
 */
export type Recorded<T> = T & { readonly alreadyRecorded?: true };

export const alreadyRecorded = <T extends object>(current: T): Recorded<T> => ({ ...current, alreadyRecorded: true });

/**
 * Who made the last change (one of `actions`) to an entity, from the audit trail. Read only on the
 * rare path where a save finds its version stale, so reading the case's trail is affordable.
 */
export async function lastChangedBy(tx: StoreTx, caseId: string, entityId: string, actions: readonly string[]): Promise<string | undefined> {
  const rows = (await tx.audit.forCase(caseId)).filter((r) => r.entityId === entityId && actions.includes(r.action) && r.allowed !== false);
  return rows.sort((a, b) => a.seq - b.seq).at(-1)?.actorId;
}

/** The same instant, however it was written ("…T10:00:00Z" and "…T10:00:00.000Z" are one time). */
export const sameInstant = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);

/**
 * Runs a versioned save, and once more if it lost a race: two clicks sent at the same moment both
 * read the same version, and the store refuses the second write. Run again, it finds the first
 * click's save and is answered as a repeat (or, if the change differs, refused as a conflict).
 */
export async function onceMoreIfRaced<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (e) {
    if (isDomainError(e) && e.code === 'STORE.CONFLICT') return save();
    throw e;
  }
}
