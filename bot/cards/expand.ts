import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON: what Teams receives. */
export type AdaptiveCardJson = { readonly type: 'AdaptiveCard'; readonly version: string } & Record<string, unknown>;

/** Binds a template (a JSON file beside this one) to its data. Pure: same data, same card. */
export function expand(template: object, data: object): AdaptiveCardJson {
  return new Template(template).expand({ $root: data }) as AdaptiveCardJson;
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
