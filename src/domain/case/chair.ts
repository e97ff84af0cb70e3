import { PolicyProfile } from '../policy/profile';
import { CoreGroupCase } from './core-group-case';

/**
 * Who chairs the core group. The social worker (case co-ordinator) does, except in Northern Ireland
 * when they are in their Assessed Year in Employment: then their manager must (seed 002).
 */
export function chairOf(
  c: Pick<CoreGroupCase, 'socialWorkerId' | 'managerId' | 'socialWorkerInAye'>,
  profile: Pick<PolicyProfile, 'region'>,
): { personId: string; why: string } {
  if (c.socialWorkerInAye && profile.region === 'northern-ireland') {
    return {
      personId: c.managerId,
      why: 'The social worker is in their Assessed Year in Employment, so their manager must chair (Northern Ireland Core Group Regional Policy and Procedures).',
    };
  }
  return { personId: c.socialWorkerId, why: 'The social worker, as case co-ordinator, chairs the core group.' };
}
