import { formatLong } from '../domain/calendar/local-date';
import { MinutesSections } from '../domain/minutes/minutes';
import { Mailer } from '../ports/mailer';
import { DeliveryError } from '../ports/messenger';
import { ClaimedMessage } from '../ports/store';
import { AppContext } from './context';
import { recordCirculationDelivered } from './minutes';
import { Deliver } from './outbox-worker';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SECTION_TITLES: Record<keyof MinutesSections, string> = {
  attendance: 'Attendance',
  apologies: 'Apologies',
  agenciesExpectedButAbsent: 'Agencies expected but not present',
  recentEvents: 'Recent events',
  agencyUpdates: 'Agency updates',
  childsVoice: "The child's voice",
  childsVoiceHowGathered: "How the child's voice was gathered",
  parentsViews: "Parents' views",
  parentsViewsHowGathered: "How parents' views were sought",
  planReview: 'Review of the plan',
  newActions: 'New actions',
  concernsAndDissent: 'Concerns and dissent',
  reviewRecommendation: 'Recommendation to the review conference',
  nextMeeting: 'Next meeting',
};

/**
 * Approved minutes for people the bot cannot reach (parents, carers, anyone outside the tenant): a
 * short covering mail with the minutes attached as HTML. Someone excluded by the conference gets only
 * a note that the core group met, never the minutes.
 */
export function mailDeliveries(ctx: AppContext, mailer: Mailer, from: string): Deliver {
  return async (m: ClaimedMessage) => {
    const minutesId = m.payload.minutesId;
    const personId = m.payload.personId;
    if (typeof minutesId !== 'string' || typeof personId !== 'string') throw new DeliveryError('payload has no minutesId or personId', undefined, undefined, true);
    const data = await ctx.store.transaction(async (tx) => {
      const minutes = await tx.minutes.byId(minutesId);
      const meeting = minutes && (await tx.meetings.byId(minutes.meetingId));
      const c = minutes && (await tx.cases.byId(minutes.caseId));
      const person = await tx.people.byId(personId);
      return minutes && meeting && c && person ? { minutes, meeting, c, person } : undefined;
    });
    if (!data) throw new DeliveryError('the minutes or the recipient no longer exist', undefined, undefined, true);
    const { minutes, meeting, c, person } = data;
    const heldOn = meeting.heldOn ? formatLong(meeting.heldOn) : 'recently';
    const restricted = m.topic === 'minutes.circulate.restricted';
    const document = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Core group ${meeting.number} minutes</title><h1>Core group ${meeting.number} — ${esc(c.reference)} (${esc(c.childInitials)})</h1><p>Held ${heldOn}.</p>${(Object.keys(SECTION_TITLES) as (keyof MinutesSections)[])
      .filter((k) => minutes.sections[k].trim() !== '')
      .map((k) => `<h2>${SECTION_TITLES[k]}</h2><p>${esc(minutes.sections[k]).replace(/\n/g, '<br>')}</p>`)
      .join('')}</html>`;
    await mailer.send({
      from,
      to: [{ name: person.displayName, address: person.email }],
      subject: `Core group ${meeting.number} — ${c.reference} (${c.childInitials})${restricted ? '' : ': minutes'}`,
      html: restricted
        ? `<p>Dear ${esc(person.displayName)},</p><p>The core group met on ${heldOn}. Your social worker will share with you what the child protection conference agreed you should receive.</p>`
        : `<p>Dear ${esc(person.displayName)},</p><p>The minutes of the core group held on ${heldOn} are attached. Please read them, and contact your social worker if anything is wrong or if you disagree.</p>`,
      ...(restricted ? {} : { attachments: [{ filename: `core-group-${meeting.number}-minutes.html`, contentType: 'text/html; charset=utf-8', content: document }] }),
      idempotencyKey: m.idempotencyKey,
    });
    await recordCirculationDelivered(ctx, { minutesId, personId, channel: 'mail' });
  };
}
