import { DomainError } from '../../domain/errors';
import { Authenticator } from './principal';

/**
 * Local mode only (config refuses it in production): the tab sends the demo person it is acting as
 * in `X-Dev-User`. Only people the caller lists are accepted, so a typo is an error, not a new user.
 */
export function devSignInAuthenticator(isKnownPerson: (id: string) => Promise<boolean>): Authenticator {
  return {
    async authenticate(headers) {
      const raw = headers['x-dev-user'];
      const id = Array.isArray(raw) ? raw[0] : raw;
      if (!id) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'Sign-in failed: choose a demo user (dev sign-in, local mode).');
      if (!(await isKnownPerson(id))) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', `Sign-in failed: there is no demo user "${id}".`);
      return { objectId: id, via: 'dev-sign-in' };
    },
  };
}
