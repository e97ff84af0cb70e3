import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as JSON: what Teams receives. */
export type AdaptiveCardJson = { readonly type: 'AdaptiveCard'; readonly version: string } & Record<string, unknown>;

// A Template parses every ${...} in its JSON when it is made (an ANTLR parse per expression, most of
// the cost of building a card); the library documents that one instance can be bound again and again.
const prepared = new WeakMap<object, Template>();

/** Binds a template (a JSON file beside this one) to its data. Pure: same data, same card. */
export function expand(template: object, data: object): AdaptiveCardJson {
  let t = prepared.get(template);
  if (!t) {
    t = new Template(template);
    prepared.set(template, t);
  }
  return t.expand({ $root: data }) as AdaptiveCardJson;
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
