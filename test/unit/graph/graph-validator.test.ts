import { CSDL_SHA256, loadCsdl, readCsdl, sha256 } from '../../support/graph-stand-in/csdl-model';
import { validateAction, validateAgainst } from '../../support/graph-stand-in/validate';

/** The stand-in is only as strict as this validator: prove it refuses what Graph refuses. */
describe('Graph request validation against the official metadata', () => {
  const model = loadCsdl();
  const event = {
    subject: 'Core group 2 — CP-2026-0042 (LRE)',
    body: { contentType: 'html', content: '<p>Agenda</p>' },
    start: { dateTime: '2027-01-26T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2027-01-26T11:30:00', timeZone: 'UTC' },
    location: { displayName: 'Family home — address shared separately' },
    attendees: [{ emailAddress: { address: 'priya.desai@nhs.example', name: 'Priya Desai' }, type: 'required' }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    categories: ['Core group'],
    transactionId: 'core-group-mt-2',
    singleValueExtendedProperties: [{ id: 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CoreGroupsMeetingId', value: 'mt-2' }],
  };

  it('is the metadata its README names, carried in the repository', () => {
    expect(sha256(readCsdl())).toBe(CSDL_SHA256);
    expect(model.types.get('microsoft.graph.event')?.properties.has('transactionId')).toBe(true);
  });

  it('accepts a well-formed event', () => {
    expect(validateAgainst(model, 'microsoft.graph.event', event)).toEqual([]);
  });

  it('refuses an unknown property, naming it', () => {
    expect(validateAgainst(model, 'microsoft.graph.event', { ...event, childName: 'Lily' })).toEqual([
      "childName: 'childName' is not a property of microsoft.graph.event",
    ]);
    expect(validateAgainst(model, 'microsoft.graph.event', { ...event, location: { displayName: 'x', room: '3' } })).toEqual([
      "location.room: 'room' is not a property of microsoft.graph.location",
    ]);
  });

  it('refuses a wrong JSON type, naming the property', () => {
    expect(validateAgainst(model, 'microsoft.graph.event', { ...event, isOnlineMeeting: 'yes' })).toEqual(['isOnlineMeeting: expected Edm.Boolean, got "yes"']);
    expect(validateAgainst(model, 'microsoft.graph.event', { ...event, attendees: { emailAddress: {} } })[0]).toMatch(/^attendees: expected an array/);
  });

  it('refuses an enum value the metadata does not list', () => {
    const problems = validateAgainst(model, 'microsoft.graph.event', { ...event, attendees: [{ ...event.attendees[0], type: 'mandatory' }] });
    expect(problems).toEqual([expect.stringMatching(/^attendees\[0\]\.type: 'mandatory' is not a member of microsoft.graph.attendeeType/)]);
  });

  it('checks action parameters (getSchedule, sendMail) and required ones', () => {
    expect(
      validateAction(model, 'microsoft.graph.calendar/microsoft.graph.getSchedule', {
        schedules: ['a@x'],
        startTime: { dateTime: '2027-01-26T00:00:00', timeZone: 'UTC' },
        endTime: { dateTime: '2027-01-27T00:00:00', timeZone: 'UTC' },
        availabilityViewInterval: 30,
      }),
    ).toEqual([]);
    expect(validateAction(model, 'microsoft.graph.calendar/microsoft.graph.getSchedule', { schedules: 'a@x' })).toEqual([
      'schedules: expected an array of Edm.String',
    ]);
    expect(validateAction(model, 'microsoft.graph.user/microsoft.graph.sendMail', { saveToSentItems: true })).toEqual(['message: is required']);
    const attachment = { '@odata.type': '#microsoft.graph.fileAttachment', name: 'minutes.html', contentType: 'text/html', contentBytes: 'PGgxPg==' };
    expect(
      validateAction(model, 'microsoft.graph.user/microsoft.graph.sendMail', {
        message: { subject: 's', body: { contentType: 'html', content: 'c' }, toRecipients: [{ emailAddress: { address: 'a@x' } }], attachments: [attachment] },
      }),
    ).toEqual([]);
    expect(
      validateAction(model, 'microsoft.graph.user/microsoft.graph.sendMail', { message: { subject: 's', attachments: [{ ...attachment, contentBytes: 42 }] } }),
    ).toEqual(['message.attachments[0].contentBytes: expected Edm.Binary, got 42']);
  });
});
