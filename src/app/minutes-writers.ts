import { Minutes, writersOf } from '../domain/minutes/minutes';
import { StoreTx } from '../ports/store';

/** Who wrote any part of these minutes, from every saved version. */
export async function minutesWriters(tx: StoreTx, minutes: Minutes): Promise<string[]> {
  return writersOf(minutes, await tx.minutes.versions(minutes.id));
}
