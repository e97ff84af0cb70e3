import { chairOf } from '../../../src/domain/case/chair';
import { CreateCaseInput, initialsOf } from '../../../src/domain/case/core-group-case';
import { aCase } from '../../fixtures/builders';
import { collectionStatus } from '../../../src/domain/report/agency-report';

describe('case rules', () => {
  const c = { socialWorkerId: 'sw', managerId: 'mgr', socialWorkerInAye: true };

  it('has the manager chair in Northern Ireland when the social worker is in their AYE', () => {
    expect(chairOf(c, { region: 'northern-ireland' }).personId).toBe('mgr');
    expect(chairOf(c, { region: 'england-and-wales' }).personId).toBe('sw');
    expect(chairOf({ ...c, socialWorkerInAye: false }, { region: 'northern-ireland' }).personId).toBe('sw');
  });

  it('opens a case only for an ICPC in the years the policy engine plans', () => {
    expect(CreateCaseInput.safeParse(aCase({ icpcDate: '2026-12-18' })).success).toBe(true);
    const far = CreateCaseInput.safeParse(aCase({ icpcDate: '9999-12-31' }));
    expect(far.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['icpcDate', 'must be a date from 2000-01-01 to 2100-12-31']]);
  });

  it('makes initials for cards from a name', () => {
    expect(initialsOf('amelia  jane Smith')).toBe('AJS');
  });

  it("tracks each report's collection status against the meeting's start", () => {
    const starts = '2027-01-05T10:00:00.000Z';
    expect(collectionStatus({ status: 'requested' }, starts, '2027-01-05T09:59:59Z')).toBe('requested');
    expect(collectionStatus({ status: 'requested' }, starts, '2027-01-05T10:00:00Z')).toBe('missing');
    expect(collectionStatus({ status: 'submitted', submittedAt: '2027-01-04T16:00:00Z' }, starts, '2027-01-06T10:00:00Z')).toBe('submitted');
    expect(collectionStatus({ status: 'submitted', submittedAt: '2027-01-05T10:30:00Z' }, starts, '2027-01-06T10:00:00Z')).toBe('late');
    expect(collectionStatus({ status: 'requested' }, undefined, '2027-01-06T10:00:00Z')).toBe('requested');
  });
});
