import { chairOf } from '../../../src/domain/case/chair';
import { initialsOf } from '../../../src/domain/case/core-group-case';
import { collectionStatus } from '../../../src/domain/report/agency-report';

describe('case rules', () => {
  const c = { socialWorkerId: 'sw', managerId: 'mgr', socialWorkerInAye: true };

  it('has the manager chair in Northern Ireland when the social worker is in their AYE', () => {
    expect(chairOf(c, { region: 'northern-ireland' }).personId).toBe('mgr');
    expect(chairOf(c, { region: 'england-and-wales' }).personId).toBe('sw');
    expect(chairOf({ ...c, socialWorkerInAye: false }, { region: 'northern-ireland' }).personId).toBe('sw');
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
