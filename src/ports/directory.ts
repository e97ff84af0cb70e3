/** Someone in the organisation's directory (Microsoft Entra ID). */
export interface DirectoryUser {
  readonly entraObjectId: string;
  readonly displayName: string;
  readonly email: string;
}

/** Finds people when a case is opened (is this professional in our tenant?) and a social worker's manager. */
export interface Directory {
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  managerOf(entraObjectId: string): Promise<DirectoryUser | undefined>;
}
