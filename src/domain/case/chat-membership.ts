import { Member, Person, takesPart } from './members';

/** Someone in a Teams chat, as far as this rule needs to know them. */
export interface ChatParticipant {
  readonly entraObjectId?: string;
  readonly name?: string;
}

export interface ChatMembership<P extends ChatParticipant> {
  /** People in the chat who are current, non-excluded members of the case, by person id. */
  readonly members: ReadonlyMap<string, P>;
  /** People in the chat who are not: anyone from outside the tenant, or not (or no longer) on the case. */
  readonly outsiders: readonly P[];
}

/**
 * Splits a chat's roster into the case's members and everyone else. A core group chat may carry the
 * agenda only while everyone in it is a current member: an excluded member or someone who has left
 * must not see what the group is doing, and a guest has no place in it at all.
 */
export function chatMembership<P extends ChatParticipant>(roster: readonly P[], members: readonly Member[], people: readonly Person[]): ChatMembership<P> {
  const current = new Set(members.filter(takesPart).map((m) => m.personId));
  const byObjectId = new Map(people.filter((p) => p.entraObjectId && current.has(p.id)).map((p) => [p.entraObjectId as string, p.id]));
  const inChat = new Map<string, P>();
  const outsiders: P[] = [];
  for (const participant of roster) {
    const personId = participant.entraObjectId ? byObjectId.get(participant.entraObjectId) : undefined;
    if (personId) inChat.set(personId, participant);
    else outsiders.push(participant);
  }
  return { members: inChat, outsiders };
}
