/** Who is calling, as proven by a token (production) or chosen in dev sign-in (local mode only). */
export interface Principal {
  /** Microsoft Entra object id (`oid`); in local mode, the demo person's id. */
  readonly objectId: string;
  readonly tenantId?: string;
  readonly name?: string;
  readonly email?: string;
  readonly via: 'teams-sso' | 'dev-sign-in';
}

/** Turns a request's credentials into a principal, or throws DomainError('unauthenticated'). */
export interface Authenticator {
  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Principal>;
}
