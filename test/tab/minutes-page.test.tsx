import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { MINUTES_SECTIONS, MinutesView } from '../../tab/src/api-types';
import { MinutesPage } from '../../tab/src/minutes-page';
import { fakeFetch } from './fake-fetch';

const empty = Object.fromEntries(MINUTES_SECTIONS.map(([k]) => [k, ''])) as MinutesView['minutes']['sections'];
const view = (over: Partial<MinutesView> = {}, minutes: Partial<MinutesView['minutes']> = {}): MinutesView => ({
  minutes: { id: 'mi-1', status: 'draft', version: 3, sections: { ...empty, attendance: 'Sam (chair), Priya (health visiting)' }, ...minutes },
  case: { id: 'c1', reference: 'CP-2026-0042', childInitials: 'LRE' },
  meetingNumber: 2,
  authorName: 'Sam Okafor',
  canEdit: true,
  canDecide: false,
  ...over,
});
const field = (label: string) => screen.getByLabelText(label) as HTMLTextAreaElement;

describe('the minutes page', () => {
  it('lets their writer edit a section and save it against the version they loaded', async () => {
    const { impl, calls } = fakeFetch({ 'GET /api/minutes/mi-1': { body: view() }, 'PUT /api/minutes/mi-1': { body: { version: 4 } } });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    expect(await screen.findByRole('heading', { name: 'Core group 2 minutes — CP-2026-0042 (LRE)' })).toBeTruthy();
    expect(field('Who attended').value).toBe('Sam (chair), Priya (health visiting)');
    fireEvent.change(field("The child's voice"), { target: { value: 'Likes her new bedroom.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    const put = calls.find((c) => c.key === 'PUT /api/minutes/mi-1');
    expect(put?.body).toEqual({ expectedVersion: 3, sections: { ...view().minutes.sections, childsVoice: 'Likes her new bedroom.' } });
  });

  it('saves unsaved changes before submitting, and shows what is missing beside each section', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/minutes/mi-1': { body: view() },
      'PUT /api/minutes/mi-1': { body: { version: 4 } },
      'POST /api/minutes/mi-1/submission': {
        status: 400,
        body: {
          error: {
            code: 'MINUTES.INCOMPLETE',
            message: 'Fill in before submitting: Review of the plan.',
            fields: [{ field: 'sections.planReview', problem: 'is required before submitting' }],
          },
        },
      },
    });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    fireEvent.change(await screen.findByLabelText('Agency updates'), { target: { value: 'All given.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));
    expect(await screen.findByText('is required before submitting')).toBeTruthy();
    expect(field('Review of the plan').getAttribute('aria-invalid')).toBe('true');
    expect(field('Agency updates').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes('Fill in before submitting'))).toBe(true);
    expect(calls.map((c) => c.key)).toEqual(['GET /api/minutes/mi-1', 'PUT /api/minutes/mi-1', 'POST /api/minutes/mi-1/submission']);
    expect(calls[2]?.body).toEqual({ expectedVersion: 4 });
  });

  it('after submitting, reads the minutes again: the badge says they wait for approval, and the returned note is gone', async () => {
    let reads = 0;
    const { impl } = fakeFetch({
      'GET /api/minutes/mi-1': () =>
        reads++ === 0
          ? { body: view({}, { status: 'returned', returnComments: 'Add the parents’ views.' }) }
          : { body: view({ canEdit: false }, { status: 'submitted', version: 4 }) },
      'POST /api/minutes/mi-1/submission': { body: { status: 'submitted', version: 4 } },
    });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    expect(await screen.findByText('Returned for changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));
    expect(await screen.findByText("Submitted. The case's manager has been sent them to approve in Teams.")).toBeTruthy();
    expect(await screen.findByText('Waiting for approval')).toBeTruthy();
    expect(screen.queryByText('Returned for changes')).toBeNull();
    expect(screen.queryByText(/Returned by the manager/)).toBeNull();
  });

  it('refuses to overwrite someone else’s save, keeps the unsaved text beside their version, and saves over theirs only when asked', async () => {
    let loads = 0;
    const { impl } = fakeFetch({
      'GET /api/minutes/mi-1': () =>
        ++loads === 1 ? { body: view() } : { body: view({}, { version: 5, sections: { ...empty, attendance: 'As Jo recorded it' } }) },
      'PUT /api/minutes/mi-1': {
        status: 409,
        body: { error: { code: 'STORE.CONFLICT', message: 'Someone else changed these minutes while you were working on them.' } },
      },
    });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    fireEvent.change(await screen.findByLabelText('Recent events'), { target: { value: 'Moved school.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed these minutes');
    // Nothing typed is thrown away: their version is shown beside each section that differs.
    expect(await screen.findByRole('group', { name: 'Who attended: the version someone else saved' })).toBeTruthy();
    expect(field('Recent events').value).toBe('Moved school.');
    expect(screen.getByRole('group', { name: 'Recent events: the version someone else saved' }).textContent).toContain('(empty)');
    fireEvent.click(screen.getByRole('button', { name: 'Use their version of “Who attended”' }));
    expect(field('Who attended').value).toBe('As Jo recorded it');
    expect(field('Recent events').value).toBe('Moved school.');
    fireEvent.click(screen.getByRole('button', { name: 'Discard mine and load theirs' }));
    await waitFor(() => expect(field('Recent events').value).toBe(''));
  });

  it('saves the person’s version over the other one only when they choose to, against the version they were shown', async () => {
    let puts = 0;
    const { impl, calls } = fakeFetch({
      'GET /api/minutes/mi-1': () =>
        puts === 0 ? { body: view() } : { body: view({}, { version: 5, sections: { ...empty, attendance: 'As Jo recorded it' } }) },
      'PUT /api/minutes/mi-1': () =>
        ++puts === 1
          ? { status: 409, body: { error: { code: 'STORE.CONFLICT', message: 'Someone else changed these minutes while you were working on them.' } } }
          : { body: { version: 6 } },
    });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    fireEvent.change(await screen.findByLabelText('Recent events'), { target: { value: 'Moved school.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save my version over theirs' }));
    expect(await screen.findByText('Saved your version.')).toBeTruthy();
    const puts2 = calls.filter((c) => c.key === 'PUT /api/minutes/mi-1').map((c) => c.body as { expectedVersion: number; sections: Record<string, string> });
    expect(puts2.map((p) => p.expectedVersion)).toEqual([3, 5]);
    expect(puts2[1]?.sections.recentEvents).toBe('Moved school.');
  });

  it('shows submitted minutes read-only, with the decision for the case’s manager', async () => {
    const { impl } = fakeFetch({ 'GET /api/minutes/mi-1': { body: view({ canEdit: false, canDecide: true }, { status: 'submitted' }) } });
    render(<MinutesPage api={apiClient(devCredentials('maria'), impl)} minutesId="mi-1" />);
    expect(await screen.findByRole('region', { name: 'Who attended' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Who attended' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
  });

  it('after the manager returns them here, reads them again: the badge says returned, with their comments', async () => {
    let reads = 0;
    const { impl } = fakeFetch({
      'GET /api/minutes/mi-1': () =>
        reads++ === 0
          ? { body: view({ canEdit: false, canDecide: true }, { status: 'submitted' }) }
          : { body: view({ canEdit: false, canDecide: false }, { status: 'returned', returnComments: 'Add the parents’ views.', version: 4 }) },
      'POST /api/minutes/mi-1/decision': { body: { status: 'returned' } },
    });
    render(<MinutesPage api={apiClient(devCredentials('maria'), impl)} minutesId="mi-1" />);
    expect(await screen.findByText('Waiting for approval')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Comments/ }), { target: { value: 'Add the parents’ views.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with comments' }));
    expect(await screen.findByText('Returned to the author with your comments.')).toBeTruthy();
    expect(await screen.findByText('Returned for changes')).toBeTruthy();
    expect(screen.getByText('Returned by the manager: Add the parents’ views.')).toBeTruthy();
  });

  it('shows the manager’s comments on returned minutes', async () => {
    const { impl } = fakeFetch({ 'GET /api/minutes/mi-1': { body: view({}, { status: 'returned', returnComments: 'Add the school’s view.' }) } });
    render(<MinutesPage api={apiClient(devCredentials('sam'), impl)} minutesId="mi-1" />);
    expect(await screen.findByText('Returned by the manager: Add the school’s view.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Submit for approval' })).toBeTruthy();
  });
});
