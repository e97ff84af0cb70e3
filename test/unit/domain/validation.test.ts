import { CreateCaseInput } from '../../../src/domain/case/core-group-case';
import { DomainError } from '../../../src/domain/errors';
import { ReportContent } from '../../../src/domain/report/agency-report';
import { parseOrThrow } from '../../../src/domain/validation';

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

// A field path ("members.2.person.displayName", "whatHasChanged") is for programs, never for the person reading the message.
const namesNoField = (error: DomainError): void => {
  expect(error.fields.length).toBeGreaterThan(0);
  for (const f of error.fields) for (const part of f.field.split('.')) if (!/^\d+$/.test(part)) expect(error.message).not.toContain(part);
};

describe('a form that fails validation', () => {
  it('an empty update says how many answers need attention, naming no field, and keeps each path in fields', () => {
    const error = caught(() =>
      parseOrThrow(
        ReportContent,
        { attendance: 'attending', whatHasChanged: '', workingWell: '', worries: ' ', needsToHappen: '', actions: [], safetyScale: 4 },
        'REPORT.INVALID',
        'the update',
      ),
    );
    expect(error.message).toBe('4 answers in the update need attention: see each one marked.');
    namesNoField(error);
    expect(error.fields.map((f) => f.field)).toEqual(['whatHasChanged', 'workingWell', 'worries', 'needsToHappen']);
  });

  it('a new case with a blank child and a nameless member names neither field path', () => {
    const member = (displayName: string, role: string) => ({ person: { displayName, email: `${role}@example.org` }, agency: 'childrens-social-care', role });
    const error = caught(() =>
      parseOrThrow(
        CreateCaseInput,
        {
          reference: 'CP-1',
          childName: '',
          childInitials: 'AB',
          profileId: 'england',
          icpcDate: '2026-02-30',
          members: [member('Sam', 'chair'), member('Ann', 'manager'), member('', 'professional')],
        },
        'CASE.INVALID',
        'the new case',
      ),
    );
    expect(error.message).toBe('3 answers in the new case need attention: see each one marked.');
    namesNoField(error);
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: 'childName', problem: 'is required' },
        { field: 'members.2.person.displayName', problem: 'is required' },
        // The tab's date box shows the person's own format (dd/mm/yyyy), so the problem names none.
        { field: 'icpcDate', problem: 'must be a real date' },
      ]),
    );
  });

  it('one problem is said in the singular', () => {
    const error = caught(() =>
      parseOrThrow(
        ReportContent,
        { attendance: 'attending', whatHasChanged: 'a', workingWell: 'b', worries: 'c', needsToHappen: 'd', actions: [], safetyScale: 11 },
        'REPORT.INVALID',
        'the update',
      ),
    );
    expect(error.message).toBe('1 answer in the update needs attention: see the one marked.');
  });
});
