import { ChatMember, DeliveryError, MayPost, Messenger } from '../../src/ports/messenger';

/** A Messenger that records what would reach Teams, and can be told to fail like Teams does. */
export class RecordingMessenger implements Messenger {
  readonly sent: { personId: string; card: object; summary: string }[] = [];
  readonly posted: { conversationId: string; card: object; summary: string }[] = [];
  /** Cards replaced in place (a retried send that had already reached Teams). */
  readonly updated: { conversationId: string; activityId: string; card: object }[] = [];
  /** Each chat's roster as Teams would list it; a chat missing here is one the bot was removed from. */
  readonly rosters = new Map<string, ChatMember[]>();
  failures: DeliveryError[] = [];
  /** Holds a person's deliveries until the promise settles, as a slow connector would. */
  slow = new Map<string, Promise<void>>();

  async sendToPerson(personId: string, card: object, summary: string, mayPost?: MayPost) {
    await this.slow.get(personId);
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (mayPost && !(await mayPost(`personal:${personId}`))) return { conversationId: `personal:${personId}` };
    this.sent.push({ personId, card, summary });
    return { conversationId: `personal:${personId}`, activityId: `act-${this.sent.length + this.posted.length}` };
  }

  async sendToChat(conversationId: string, card: object, summary: string) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posted.push({ conversationId, card, summary });
    return { conversationId, activityId: `act-${this.sent.length + this.posted.length}` };
  }

  async updateCard(conversationId: string, activityId: string, card: object) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.updated.push({ conversationId, activityId, card });
  }

  async chatRoster(conversationId: string) {
    const roster = this.rosters.get(conversationId);
    if (!roster) throw new DeliveryError(`the bot is not in ${conversationId}`, 404);
    return roster;
  }
}
