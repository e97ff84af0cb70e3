import { ChatMember, DeliveryError, Messenger } from '../../src/ports/messenger';

/** A Messenger that records what would reach Teams, and can be told to fail like Teams does. */
export class RecordingMessenger implements Messenger {
  readonly sent: { personId: string; card: object; summary: string }[] = [];
  readonly posted: { conversationId: string; card: object; summary: string }[] = [];
  /** Each chat's roster as Teams would list it; a chat missing here is one the bot was removed from. */
  readonly rosters = new Map<string, ChatMember[]>();
  failures: DeliveryError[] = [];
  /** Holds a person's deliveries until the promise settles, as a slow connector would. */
  slow = new Map<string, Promise<void>>();

  async sendToPerson(personId: string, card: object, summary: string) {
    await this.slow.get(personId);
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ personId, card, summary });
    return { activityId: `act-${this.sent.length + this.posted.length}` };
  }

  async sendToChat(conversationId: string, card: object, summary: string) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posted.push({ conversationId, card, summary });
    return { activityId: `act-${this.sent.length + this.posted.length}` };
  }

  async chatRoster(conversationId: string) {
    const roster = this.rosters.get(conversationId);
    if (!roster) throw new DeliveryError(`the bot is not in ${conversationId}`, 404);
    return roster;
  }
}
