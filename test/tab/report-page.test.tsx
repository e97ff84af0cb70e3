import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { ReportContent, ReportForm } from '../../tab/src/api-types';
import { ReportPage } from '../../tab/src/report-page';
import { fakeFetch } from './fake-fetch';

const api = (impl: typeof fetch) => apiClient(devCredentials('priya'), impl);

const form = (over: Partial<ReportForm['report']> = {}): ReportForm => ({
  case: { id: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE' },
  meeting: { id: 'mt1', number: 1, status: 'booked', due: '2027-01-06', startsAt: '2027-01-05T10:00:00Z' },
  report: { id: 'r1', memberId: 'm-priya', status: 'requested', version: 0, onBehalf: false, ...over },
  actions: [
    { id: 'a1', what: 'Weekly health visitor home visits', agency: 'health-visiting' },
    { id: 'a2', what: 'Referral to the parenting group', agency: 'health-visiting' },
  ],
  editable: true,
  owner: { displayName: 'Priya Desai', agency: 'health visiting', role: 'professional' },
});

const SAFETY = /How safe is the child now/;
const select = (name: RegExp) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const fillText = () => {
  for (const name of [/What has changed/, /What is working well/, /What are you worried about/, /What needs to happen next/])
    fireEvent.change(screen.getByRole('textbox', { name }), { target: { value: 'Something said.' } });
};
/** The message a Fluent Field shows beside its control (aria-describedby points at it). */
const describedBy = (el: HTMLElement): string =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe("a professional's update form", () => {
  it('starts with attendance, each action’s progress and the safety scale unanswered', async () => {
    const { impl } = fakeFetch({ 'GET /api/reports/r1': { body: form() } });
    render(<ReportPage api={api(impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    expect(screen.getAllByRole('radio').filter((r) => (r as HTMLInputElement).checked)).toEqual([]);
    expect(select(/Progress: Weekly health visitor/).value).toBe('');
    expect(select(/Progress: Referral to the parenting group/).value).toBe('');
    expect(select(SAFETY).value).toBe('');
    expect(screen.getByText('Not submitted yet.')).toBeTruthy();
  });

  it('will not send an untouched judgement: each unanswered one is marked beside its field, and nothing is sent', async () => {
    const { impl, calls } = fakeFetch({ 'GET /api/reports/r1': { body: form() } });
    render(<ReportPage api={api(impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    fillText();
    fireEvent.click(screen.getByRole('button', { name: 'Submit my update' }));
    expect(await screen.findByText('4 answers need attention: see each one marked.')).toBeTruthy();
    expect(screen.getByText('Say whether you will attend.')).toBeTruthy();
    expect(describedBy(select(SAFETY))).toContain('Choose a number from 0 (not safe at all) to 10.');
    expect(select(SAFETY).getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(select(/Progress: Weekly health visitor/))).toContain('Choose how this action is going.');
    expect(describedBy(select(/Progress: Referral to the parenting group/))).toContain('Choose how this action is going.');
    expect(calls.map((c) => c.key)).not.toContain('PUT /api/reports/r1');
  });

  it('sends what was chosen, and the header then says it was submitted and when', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/reports/r1': { body: form() },
      'PUT /api/reports/r1': { body: { id: 'r1', status: 'submitted', version: 1, submittedAt: '2027-01-04T09:30:00Z' } },
    });
    render(<ReportPage api={api(impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    fillText();
    fireEvent.click(screen.getByRole('radio', { name: /No, I send apologies/ }));
    fireEvent.change(select(/Progress: Weekly health visitor/), { target: { value: 'done' } });
    fireEvent.change(select(/Progress: Referral to the parenting group/), { target: { value: 'not-started' } });
    fireEvent.change(select(SAFETY), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit my update' }));
    expect(await screen.findByText(/Submitted: the chair has your update/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'PUT /api/reports/r1')?.body).toMatchObject({
      content: {
        attendance: 'apologies',
        safetyScale: 3,
        actions: [
          { actionId: 'a1', progress: 'done' },
          { actionId: 'a2', progress: 'not-started' },
        ],
      },
    });
    expect(screen.queryByText('Not submitted yet.')).toBeNull();
    expect(screen.getByText(/^Submitted Mon 4 Jan 2027, 09:30 \(version 1\)/)).toBeTruthy();
  });

  it('speaks of the owner, not "I" and "my", when business support writes it for them', async () => {
    const { impl } = fakeFetch({
      'GET /api/reports/r1': { body: { ...form(), onBehalf: true } },
      'PUT /api/reports/r1': { body: { id: 'r1', status: 'submitted', version: 1, submittedAt: '2027-01-04T09:30:00Z' } },
    });
    render(<ReportPage api={apiClient(devCredentials('jo'), impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    expect(screen.getByRole('radiogroup', { name: /Will Priya Desai attend\?/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Yes, they will attend' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Priya Desai’s agency’s actions in the plan' })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /I will attend|I send apologies/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Submit my update' })).toBeNull();
    fillText();
    fireEvent.click(screen.getByRole('radio', { name: 'Yes, they will attend' }));
    fireEvent.change(select(/Progress: Weekly health visitor/), { target: { value: 'done' } });
    fireEvent.change(select(/Progress: Referral to the parenting group/), { target: { value: 'done' } });
    fireEvent.change(select(SAFETY), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit Priya Desai’s update' }));
    expect(await screen.findByText(/^Submitted for Priya Desai: the chair has their update/)).toBeTruthy();
  });

  it('opens a saved update with its own answers', async () => {
    const saved: ReportContent = {
      attendance: 'attending',
      whatHasChanged: 'a',
      workingWell: 'b',
      worries: 'c',
      needsToHappen: 'd',
      actions: [{ actionId: 'a2', progress: 'blocked', comment: 'No places until March' }],
      safetyScale: 0,
    };
    const { impl } = fakeFetch({
      'GET /api/reports/r1': {
        body: {
          ...form({ status: 'submitted', version: 2, submittedAt: '2027-01-03T16:05:00Z' }),
          report: { ...form().report, status: 'submitted', version: 2, submittedAt: '2027-01-03T16:05:00Z', content: saved },
        },
      },
    });
    render(<ReportPage api={api(impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    expect((screen.getByRole('radio', { name: /Yes, I will attend/ }) as HTMLInputElement).checked).toBe(true);
    expect(select(SAFETY).value).toBe('0');
    expect(select(/Progress: Referral to the parenting group/).value).toBe('blocked');
    expect(select(/Progress: Weekly health visitor/).value).toBe('');
    expect(screen.getByText(/^Submitted Sun 3 Jan 2027, 16:05 \(version 2\)/)).toBeTruthy();
  });

  it('shows a problem the server found as a sentence beside the field, never a field name', async () => {
    const { impl } = fakeFetch({
      'GET /api/reports/r1': { body: form() },
      'PUT /api/reports/r1': {
        status: 400,
        body: {
          error: {
            code: 'REPORT.INVALID',
            message: '2 answers in the update need attention: see each one marked.',
            fields: [
              { field: 'worries', problem: 'is required' },
              { field: 'actions.1.comment', problem: 'must be 2000 characters or fewer' },
            ],
          },
        },
      },
    });
    render(<ReportPage api={api(impl)} reportId="r1" />);
    await screen.findByText(/This is the update from/);
    fillText();
    fireEvent.click(screen.getByRole('radio', { name: /Yes, I will attend/ }));
    fireEvent.change(select(/Progress: Weekly health visitor/), { target: { value: 'done' } });
    fireEvent.change(select(/Progress: Referral to the parenting group/), { target: { value: 'on-track' } });
    fireEvent.change(select(SAFETY), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit my update' }));
    await waitFor(() => expect(screen.getByText('2 answers in the update need attention: see each one marked.')).toBeTruthy());
    expect(describedBy(screen.getByRole('textbox', { name: /What are you worried about/ }))).toContain('Say what you are worried about.');
    expect(screen.getByText('Must be 2000 characters or fewer.')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/worries|actions\.1|is required/);
  });
});
