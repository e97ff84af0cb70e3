import { ManifestSettings } from '../../../manifest/build-manifest';

/** A deployment's settings, invented. */
export const SETTINGS: ManifestSettings = {
  appId: '6d3f0c5e-8d64-4d1e-9a7c-2c3f4b5a6d7e',
  botId: '11111111-1111-4111-8111-111111111111',
  baseUrl: 'https://coregroups.anytown.gov.uk',
  ssoClientId: '33333333-3333-4333-8333-333333333333',
  appIdUri: 'api://coregroups.anytown.gov.uk/33333333-3333-4333-8333-333333333333',
  version: '0.1.0',
};
