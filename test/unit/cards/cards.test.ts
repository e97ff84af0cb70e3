/**
 * @jest-environment jsdom
 */
import { CHILD_FULL_NAME, SAMPLES } from './card-samples';
import { welcomeCard } from '../../../bot/cards/cards';

// The SDK's package entry is ESM that Node cannot resolve; its UMD bundle loads fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

// jsdom has no innerText, which the SDK uses to write text; mirror it onto textContent.
Object.defineProperty(HTMLElement.prototype, 'innerText', {
  configurable: true,
  get(this: HTMLElement) {
    return this.textContent;
  },
  set(this: HTMLElement, value: string) {
    this.textContent = value;
  },
});

function parse(json: object) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i));
  return { card, events };
}

describe.each(Object.entries(SAMPLES))('card %s', (_name, json) => {
  it('parses with the Adaptive Cards SDK without errors or warnings', () => {
    const { card, events } = parse(json);
    expect(events.map((e) => e.message)).toEqual([]);
    expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
  });

  it('declares version 1.5 or lower and stays under our 28 KB budget', () => {
    expect(Number(json.version)).toBeLessThanOrEqual(1.5);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(28 * 1024);
  });

  it("carries the case reference and initials, never the child's name, and no unbound template expressions", () => {
    const text = JSON.stringify(json);
    expect(text).toContain('CP-2026-0042');
    expect(text).not.toContain(CHILD_FULL_NAME);
    expect(text).not.toContain('${');
  });

  it('renders to HTML', () => {
    const { card } = parse(json);
    const html = card.render();
    expect(html).toBeInstanceOf(HTMLElement);
    expect(html?.textContent?.length).toBeGreaterThan(10);
  });
});

describe('minutes approval card', () => {
  type WithActions = Record<string, unknown> & { actions: { verb?: string }[] };
  const manager = SAMPLES['minutes-approval-manager'] as unknown as WithActions;
  const others = SAMPLES['minutes-approval-others'] as unknown as WithActions;

  it('refreshes for the manager only, so only they see the buttons', () => {
    expect(manager.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'minutes.refresh', data: { minutesId: 'mi-1' } },
      userIds: ['29:1maria-teams-user-id'],
    });
    expect(manager.actions.map((a) => a.verb).filter(Boolean)).toEqual(['minutes.approve', 'minutes.return']);
    expect(others.actions.map((a) => a.verb).filter(Boolean)).toEqual([]);
    expect(JSON.stringify(others)).toContain('Approved by Maria Lindqvist');
  });
});

describe('agenda card', () => {
  const verbs = (card: object) => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);

  it('offers "Submit my update" and "Send apologies" only to someone who owes an update', () => {
    expect(verbs(SAMPLES.agenda!)).toEqual(['report.open', 'report.open']);
    expect(JSON.stringify(SAMPLES.agenda)).toContain('Send apologies with a written report');
    expect(verbs(SAMPLES['agenda-no-update']!)).toEqual([]);
    expect(JSON.stringify(SAMPLES['agenda-no-update'])).not.toContain('Submit my update');
  });

  it('posted in the chat, shows everyone no update buttons, says where updates are asked for, and refreshes for those who owe one', () => {
    const chat = SAMPLES['agenda-chat'] as Record<string, unknown>;
    expect(chat.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'agenda.refresh', data: { meetingId: 'mt-2' } },
      userIds: ['29:1hv-teams-user-id'],
    });
    expect(JSON.stringify((chat as { body: unknown }).body)).not.toContain('"verb"');
    expect(JSON.stringify(chat)).toContain('sent the form in their 1:1 chat with Core Groups when the chair asks for updates');
    expect(SAMPLES.agenda).not.toHaveProperty('refresh');
  });
});

describe('schedule card', () => {
  it('with no time to offer, says why instead, and offers neither a place nor a button', () => {
    const text = JSON.stringify(SAMPLES['schedule-nothing']);
    expect(text).toContain('Sam Okafor is out of office');
    expect(text).not.toContain('these are the best');
    expect(text).not.toContain('"verb"');
    expect(text).not.toContain('"Input.ChoiceSet"');
    expect(JSON.stringify(SAMPLES.schedule)).not.toContain('out of office');
  });
});

describe('update form', () => {
  it('shows errors beside the fields they belong to', () => {
    const text = JSON.stringify(SAMPLES['update-form-with-errors']);
    expect(text).toContain('is required');
    expect(text).toContain('say what is blocking it');
    expect(text).toContain('Please fix the fields marked below.');
    expect(JSON.stringify(SAMPLES['update-form'])).not.toContain('"color":"Attention"');
  });
});

describe('welcome card', () => {
  it('parses with the SDK and lists the commands', () => {
    const json = welcomeCard(['**help**: this list']);
    const { card, events } = parse(json);
    expect(events.map((e) => e.message)).toEqual([]);
    expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    expect(JSON.stringify(json)).toContain('**help**: this list');
  });
});

describe('the SDK check itself', () => {
  it('catches a broken card (an input without an id, an unknown element type)', () => {
    const { card, events } = parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text' }, { type: 'Sparkline' }] });
    const problems = [...events.map((e) => e.message), ...card.validateProperties().validationEvents.map((e) => e.message)];
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
