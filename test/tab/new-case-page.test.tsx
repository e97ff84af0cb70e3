import { fireEvent, render, screen } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { NewCasePage } from '../../tab/src/new-case-page';
import { fakeFetch } from './fake-fetch';

/** The message a Fluent Field shows beside its control (aria-describedby points at it). */
const describedBy = (el: HTMLElement): string =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('opening a case', () => {
  it('sends the date box’s day as YYYY-MM-DD, and shows each refusal beside its field as a sentence, never a field name', async () => {
    const { impl, calls } = fakeFetch({
      'GET /api/profiles': { body: { profiles: [{ id: 'england', name: 'England' }] } },
      'GET /api/me': { body: { person: { id: 'sam', displayName: 'Sam Okafor', email: 'sam@x.example' } } },
      'POST /api/cases': {
        status: 400,
        body: {
          error: {
            code: 'CASE.INVALID',
            message: '3 answers in the new case need attention: see each one marked.',
            fields: [
              { field: 'childName', problem: 'is required' },
              { field: 'icpcDate', problem: 'must be a real date' },
              { field: 'members.1.person.displayName', problem: 'is required' },
            ],
          },
        },
      },
    });
    render(<NewCasePage api={apiClient(devCredentials('sam'), impl)} />);
    const date = await screen.findByLabelText(/Date of the initial conference/);
    fireEvent.change(date, { target: { value: '2026-12-18' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    expect(await screen.findByText('3 answers in the new case need attention: see each one marked.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/cases')?.body).toMatchObject({ icpcDate: '2026-12-18' });
    expect(describedBy(screen.getByRole('textbox', { name: /Child's full name/ }))).toContain('Required.');
    expect(describedBy(date)).toContain('Must be a real date.');
    const names = screen.getAllByRole('textbox', { name: /^Name/ });
    expect(describedBy(names[1]!)).toContain('Required.');
    expect(describedBy(names[0]!)).not.toContain('Required.');
    expect(document.body.textContent).not.toMatch(/childName|icpcDate|members\.|displayName|is required|YYYY/);
  });
});
