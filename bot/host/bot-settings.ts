/**
 * What the bot host needs from configuration. Absent `appId` means local mode: the Microsoft 365
 * Agents Playground and the Bot Framework Emulator send no token, so none is required.
 */
export interface BotSettings {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly tenantId?: string;
  readonly appType?: 'SingleTenant' | 'MultiTenant';
  /**
   * Overrides of the Bot Framework endpoints, for tests against a local identity provider. In
   * production they are left unset and the SDK's public cloud defaults apply.
   */
  readonly openIdMetadataUrl?: string;
  readonly tokenIssuer?: string;
}
