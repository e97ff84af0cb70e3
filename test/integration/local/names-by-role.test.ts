import { agendaCard } from '../../../bot/cards/cards';
import { agendaView } from '../../../bot/views';
import { openStore } from '../../../src/adapters/store/open-store';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { calendarDeliveries } from '../../../src/app/calendar-sync';
import { agendaData } from '../../../src/app/card-data';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting } from '../../../src/app/meetings';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { nameBesideReference } from '../../../src/domain/case/members';
import { builtInRegistry } from '../../../src/domain/policy';
import { CalendarEventInput, CalendarPort } from '../../../src/ports/calendar';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';

/*
 * Minimisation: beside the case reference, the agenda card and the calendar invitation name the
 * family by role and initials, never by full name (a parent's name next to the reference says whose
 * child it is); professionals keep their names, since colleagues need to know who is coming.
 */
describe('names by role on agendas and invitations', () => {
  it('names a parent "Parent or carer (AR)" and the child "The child"; a professional by name', () => {
    expect(nameBesideReference({ role: 'parent-carer' }, { displayName: 'Alex Reed' })).toBe('Parent or carer (AR)');
    expect(nameBesideReference({ role: 'child' }, { displayName: 'Lily Rose Example' })).toBe('The child');
    expect(nameBesideReference({ role: 'professional' }, { displayName: 'Priya Desai' })).toBe('Priya Desai');
    expect(nameBesideReference({ role: 'chair' }, { displayName: 'Sam Okafor' })).toBe('Sam Okafor');
  });

  it("keeps the parent's full name off the agenda card and the invitation, which still goes to the parent's address", async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const clock = fixedClock('2027-01-04T09:00:00.000Z');
    const ctx: AppContext = { store, clock, profiles: builtInRegistry, officeAddress: 'Civic Centre, Market Square, Anytown AN1 1AA' };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    const meeting = (await store.transaction((tx) => tx.meetings.forCase(caseId))).sort((a, b) => a.number - b.number)[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });

    const links = { caseUrl: (id: string) => `https://tab.example/#/cases/${id}`, minutesUrl: (id: string) => `https://tab.example/#/minutes/${id}` };
    const card = JSON.stringify(agendaCard(agendaView(await agendaData(ctx, meeting.id), links, { inChat: true }, undefined, clock.now())));
    expect(card).toContain('CP-2026-0042');
    expect(card).toContain('Parent or carer (AR)');
    expect(card).toContain('Priya Desai (health visiting)');
    expect(card).not.toMatch(/Alex|Reed/);
    // Where to go, on the agenda and the invitation alike: the office's address.
    expect(card).toContain('Council office: Civic Centre, Market Square, Anytown AN1 1AA');

    const created: CalendarEventInput[] = [];
    const calendar: CalendarPort = {
      freeBusy: async () => [],
      createEvent: async (input) => {
        created.push(input);
        return { eventId: 'event-1' };
      },
      updateEvent: async () => undefined,
      cancelEvent: async () => undefined,
    };
    await deliverBatch({ store, clock, deliver: calendarDeliveries(ctx, calendar), kinds: ['calendar'], workerId: 'cal' });
    expect(created).toHaveLength(1);
    const invitation = created[0]!;
    expect(invitation.location).toBe('Council office: Civic Centre, Market Square, Anytown AN1 1AA');
    expect(JSON.stringify({ ...invitation, attendees: invitation.attendees.map((a) => ({ ...a, email: '' })) })).not.toMatch(/Alex|Reed/);
    expect(invitation.attendees.find((a) => a.email === PEOPLE.parent.email)).toMatchObject({ displayName: 'Parent or carer (AR)', type: 'required' });
    expect(invitation.attendees.find((a) => a.email === PEOPLE.hv.email)?.displayName).toBe('Priya Desai');
    expect(await (store as KyselyStore).db.selectFrom('outbox').select('status').where('kind', '=', 'calendar').execute()).toEqual([{ status: 'delivered' }]);
    await store.close();
  });
});
