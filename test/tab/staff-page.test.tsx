import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { apiClient, devCredentials } from '../../tab/src/api';
import { StaffEntry } from '../../tab/src/api-types';
import { StaffPage } from '../../tab/src/staff-page';
import { fakeFetch } from './fake-fetch';

const LIST: StaffEntry[] = [
  { email: 'maria.lindqvist@anytown.example', displayName: 'Maria Lindqvist', roles: ['team-manager', 'administrator'], updatedAt: '2027-01-04T09:00:00.000Z' },
  { email: 'sam.okafor@anytown.example', displayName: 'Sam Okafor', roles: ['social-worker'], updatedAt: '2027-01-04T09:00:00.000Z' },
];

describe('the staff list, as its administrator keeps it', () => {
  it('lists people by name with their roles in words, and adds a colleague as a social worker', async () => {
    let list = LIST;
    const { impl, calls } = fakeFetch({
      'GET /api/staff': () => ({ body: list }),
      'PUT /api/staff/dev.patel%40anytown.example': () => {
        list = [...LIST, { email: 'dev.patel@anytown.example', roles: ['social-worker'], updatedAt: '2027-01-04T09:05:00.000Z' }];
        return { body: { email: 'dev.patel@anytown.example', roles: ['social-worker'] } };
      },
    });
    render(<StaffPage api={apiClient(devCredentials('maria'), impl)} />);
    expect(await screen.findByText('Sam Okafor (sam.okafor@anytown.example)')).toBeTruthy();
    expect(screen.getByText('Team manager, Core Groups administrator')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Work email/ }), { target: { value: 'dev.patel@anytown.example' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /^Social worker: can chair a case/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved: dev.patel@anytown.example is Social worker.')).toBeTruthy();
    expect(calls.find((c) => c.key.startsWith('PUT'))?.body).toEqual({ roles: ['social-worker'] });
    // The list is read again and shows them.
    await waitFor(() => expect(screen.getByText('dev.patel@anytown.example')).toBeTruthy());
    expect(document.body.textContent).not.toMatch(/social-worker|team-manager|roles\.0/);
  });

  it('shows a refusal beside the roles in words, and the message above the button', async () => {
    const { impl } = fakeFetch({
      'GET /api/staff': { body: LIST },
      'PUT /api/staff/maria.lindqvist%40anytown.example': {
        status: 409,
        body: {
          error: {
            code: 'STAFF.OWN_ADMINISTRATOR',
            message: 'You cannot take away your own administrator role: ask another administrator.',
            fields: [{ field: 'roles', problem: 'must keep Core Groups administrator for yourself' }],
          },
        },
      },
    });
    render(<StaffPage api={apiClient(devCredentials('maria'), impl)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change Maria Lindqvist' }));
    // The form, below the list, is brought to them.
    expect(document.activeElement?.textContent).toBe('Change maria.lindqvist@anytown.example');
    fireEvent.click(screen.getByRole('checkbox', { name: /^Core Groups administrator/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('You cannot take away your own administrator role: ask another administrator.')).toBeTruthy();
    expect(screen.getByText('Must keep Core Groups administrator for yourself.')).toBeTruthy();
  });
});
