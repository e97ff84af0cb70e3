/** What the outbox knows of a message when it decides what may be delivered side by side. */
export interface Laned {
  readonly id: string;
  readonly payload: Record<string, unknown>;
  readonly caseId?: string;
}

/**
 * The lane a message travels in. Messages in one lane are delivered in the order they were queued,
 * one at a time: cards to one person or one chat (so an agenda never arrives after its reminder),
 * and a case's fan-outs and calendar writes (an event is created before it is moved). Different
 * lanes go side by side, so one slow or retrying recipient holds up no one else.
 */
export function laneOf(message: Laned): string {
  for (const field of RECIPIENT_FIELDS) {
    const value = message.payload[field];
    if (typeof value === 'string') return `${field}:${value}`;
  }
  if (message.caseId) return `case:${message.caseId}`;
  return `message:${message.id}`;
}

/** The payload fields that name whom (or which chat) a message is for, as the use cases queue them. */
const RECIPIENT_FIELDS = ['personId', 'memberId', 'managerId', 'authorId', 'to', 'conversationId'] as const;

/** Messages grouped by lane, each lane in the order given, lanes in order of their first message. */
export function intoLanes<T extends Laned>(messages: readonly T[]): T[][] {
  const lanes = new Map<string, T[]>();
  for (const m of messages) {
    const key = laneOf(m);
    const lane = lanes.get(key);
    if (lane) lane.push(m);
    else lanes.set(key, [m]);
  }
  return [...lanes.values()];
}
