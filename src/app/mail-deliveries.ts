import { escapeHtml, MARKING } from '../domain/html-text';
import { formatLong } from '../domain/calendar/local-date';
import { MinutesSections, SECTION_TITLES } from '../domain/minutes/minutes';
import { Mailer } from '../ports/mailer';
import { DeliveryError } from '../ports/messenger';
import { Claimed, DeliveryMap, TopicMessage } from '../ports/outbox-topics';
import { AppContext } from './context';
import { recordCirculationDelivered } from './minutes';
import { Deliver, deliverTopics } from './outbox-worker';

/**
 * Approved minutes for people the bot cannot reach (parents, carers, anyone outside the tenant): a
 * short covering mail with the minutes attached as HTML. Someone excluded by the conference gets only
 * a note that the core group met, never the minutes.
 */
export function mailDeliveries(ctx: AppContext, mailer: Mailer, from: string): Deliver {
  const deliveries: DeliveryMap<'mail'> = {
    'minutes.circulate.mail': (m) => circulate(m, false),
    'minutes.circulate.restricted': (m) => circulate(m, true),
    'delivery.at-risk': async (m) => {
      const person = await ctx.store.transaction((tx) => tx.people.byId(m.payload.personId));
      if (!person) throw new DeliveryError('the chair no longer exists', undefined, undefined, true);
      await mailer.send({
        from,
        to: [{ name: person.displayName, address: person.email }],
        subject: m.payload.subject,
        html: m.payload.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(''),
        idempotencyKey: m.idempotencyKey,
      });
    },
  };
  async function circulate(m: Claimed<TopicMessage<'mail', 'minutes.circulate.mail' | 'minutes.circulate.restricted'>>, restricted: boolean): Promise<void> {
    const { minutesId, personId } = m.payload;
    const data = await ctx.store.transaction(async (tx) => {
      const minutes = await tx.minutes.byId(minutesId);
      const meeting = minutes && (await tx.meetings.byId(minutes.meetingId));
      const c = minutes && (await tx.cases.byId(minutes.caseId));
      const person = await tx.people.byId(personId);
      const socialWorker = c && (await tx.people.byId(c.socialWorkerId));
      return minutes && meeting && c && person ? { minutes, meeting, c, person, socialWorker } : undefined;
    });
    if (!data) throw new DeliveryError('the minutes or the recipient no longer exist', undefined, undefined, true);
    const { minutes, meeting, c, person, socialWorker } = data;
    const heldOn = meeting.heldOn ? formatLong(meeting.heldOn) : 'recently';
    // Protective marking on the mail and on every page of the minutes, as the Government Security
    // Classifications ask of child-protection records, and whom to contact.
    const marking = `<p style="font-weight:bold">${MARKING}</p>`;
    const contact = socialWorker ? `<p>Your social worker: ${escapeHtml(socialWorker.displayName)}, ${escapeHtml(socialWorker.email)}.</p>` : '';
    const document = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${MARKING}: core group ${meeting.number} minutes</title><style>@page { @top-center { content: "${MARKING}" } @bottom-center { content: "${MARKING}" } } body { font-family: Arial, sans-serif }</style>${marking}<h1>Core group ${meeting.number} — ${escapeHtml(c.reference)} (${escapeHtml(c.childInitials)})</h1><p>Held ${heldOn}.</p>${(
      Object.keys(SECTION_TITLES) as (keyof MinutesSections)[]
    )
      .filter((k) => minutes.sections[k].trim() !== '')
      .map((k) => `<h2>${SECTION_TITLES[k]}</h2><p>${escapeHtml(minutes.sections[k]).replace(/\n/g, '<br>')}</p>`)
      .join('')}${marking}</html>`;
    await mailer.send({
      from,
      to: [{ name: person.displayName, address: person.email }],
      subject: `${MARKING}: core group ${meeting.number} — ${c.reference} (${c.childInitials})${restricted ? '' : ': minutes'}`,
      html: restricted
        ? `${marking}<p>Dear ${escapeHtml(person.displayName)},</p><p>The core group met on ${heldOn}. Your social worker will share with you what the child protection conference agreed you should receive.</p>${contact}`
        : `${marking}<p>Dear ${escapeHtml(person.displayName)},</p><p>The minutes of the core group held on ${heldOn} are attached. Please read them, keep them safe and do not pass them on, and contact your social worker if anything is wrong or if you disagree.</p>${contact}`,
      ...(restricted
        ? {}
        : { attachments: [{ filename: `core-group-${meeting.number}-minutes.html`, contentType: 'text/html; charset=utf-8', content: document }] }),
      classification: MARKING,
      idempotencyKey: m.idempotencyKey,
    });
    await recordCirculationDelivered(ctx, { minutesId, personId, channel: 'mail' });
  }
  return deliverTopics(deliveries, 'mail');
}
