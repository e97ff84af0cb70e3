/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock takes only the OfficeApp names from office-addin-manifest, which also loads
// @microsoft/app-manifest and its ES-module-only dependencies (Jest runs CommonJS). Those names,
// as office-addin-manifest 3.0.0 defines them, and nothing else.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));

type Callback = (result: { status: string; value?: unknown; error?: { message: string } }) => void;

/** What the add-in did to the appointment, for tests to read. */
export interface MailboxState {
  start: Date;
  end: Date;
  subject: string;
  required: unknown[];
  optional: unknown[];
  body?: { html: string; options: unknown };
  categories: string[];
  props: Record<string, unknown>;
  notifications: Record<string, { type: string; message: string }>;
  saves: number;
  converted: [string, string][];
  handlers: Record<string, () => void>;
}

/** The id Outlook gives a saved appointment (EWS form), and what convertToRestId makes of it. */
export const SAVED_ITEM_ID = 'AAMkADU2/OWMy+ZjQ1AAA=';
export const REST_ITEM_ID = 'AAMkADU2-OWMy_ZjQ1AAA=';

/**
 * An Outlook appointment in compose mode (the organiser's) as an office-addin-mock OfficeMockObject
 * standing in for the global `Office`: start and end, attendees, subject, body, categories, custom
 * properties, notification messages, saveAsync and convertToRestId, recording what was set.
 */
export function mockOutlook(initial: { start: string; end: string; props?: Record<string, unknown> }) {
  const state: MailboxState = {
    start: new Date(initial.start),
    end: new Date(initial.end),
    subject: '',
    required: [],
    optional: [],
    categories: [],
    props: { ...initial.props },
    notifications: {},
    saves: 0,
    converted: [],
    handlers: {},
  };
  const ok = (cb: Callback, value?: unknown) => cb({ status: 'succeeded', value });
  const time = (which: 'start' | 'end') => ({
    getAsync: (cb: Callback) => ok(cb, state[which]),
    setAsync: (d: Date, cb: Callback) => {
      state[which] = d;
      ok(cb);
    },
  });
  const office = new OfficeMockObject({
    host: 'outlook',
    EventType: { AppointmentTimeChanged: 'olkAppointmentTimeChanged' },
    CoercionType: { Html: 'html' },
    MailboxEnums: {
      RestVersion: { v2_0: 'v2.0' },
      ItemNotificationMessageType: { ErrorMessage: 'errorMessage', InformationalMessage: 'informationalMessage' },
    },
    context: {
      mailbox: {
        convertToRestId: (id: string, version: string) => {
          state.converted.push([id, version]);
          return id.replace(/\//g, '-').replace(/\+/g, '_');
        },
        item: {
          start: time('start'),
          end: time('end'),
          subject: { setAsync: (s: string, cb: Callback) => ((state.subject = s), ok(cb)) },
          requiredAttendees: { setAsync: (list: unknown[], cb: Callback) => ((state.required = list), ok(cb)) },
          optionalAttendees: { setAsync: (list: unknown[], cb: Callback) => ((state.optional = list), ok(cb)) },
          body: { setAsync: (html: string, options: unknown, cb: Callback) => ((state.body = { html, options }), ok(cb)) },
          categories: { addAsync: (list: string[], cb: Callback) => ((state.categories = [...new Set([...state.categories, ...list])]), ok(cb)) },
          notificationMessages: {
            replaceAsync: (key: string, message: { type: string; message: string }, cb: Callback) => ((state.notifications[key] = message), ok(cb)),
            removeAsync: (key: string, cb: Callback) => {
              delete state.notifications[key];
              ok(cb);
            },
          },
          loadCustomPropertiesAsync: (cb: Callback) => {
            const pending: Record<string, unknown> = { ...state.props };
            ok(cb, {
              get: (k: string) => pending[k],
              set: (k: string, v: unknown) => void (pending[k] = v),
              remove: (k: string) => void delete pending[k],
              getAll: () => ({ ...pending }),
              saveAsync: (done: Callback) => {
                state.props = { ...pending };
                ok(done);
              },
            });
          },
          saveAsync: (cb: Callback) => {
            state.saves += 1;
            ok(cb, SAVED_ITEM_ID);
          },
          addHandlerAsync: (type: string, handler: () => void, cb: Callback) => ((state.handlers[type] = handler), ok(cb)),
        },
      },
    },
  });
  /** The organiser moves the appointment in the form: Outlook raises AppointmentTimeChanged. */
  const moveTo = (start: string, end: string) => {
    state.start = new Date(start);
    state.end = new Date(end);
    state.handlers.olkAppointmentTimeChanged?.();
  };
  return { office: office as unknown as typeof Office, state, moveTo };
}
