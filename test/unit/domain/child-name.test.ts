import { withoutChildName } from '../../../src/domain/case/child-name';

describe("a card's text never carries the child's name", () => {
  const rows: [string, string, string][] = [
    ['Lily Rose Example said she feels safe.', 'Lily Rose Example', 'LRE said she feels safe.'],
    ['LILY ROSE EXAMPLE', 'Lily Rose Example', 'LRE'],
    ["Lily's drawing put the partner outside.", 'Lily Rose Example', "LRE's drawing put the partner outside."],
    ['The Example household has a new boiler.', 'Lily Rose Example', 'The LRE household has a new boiler.'],
    ['Lily\nRose Example', 'Lily Rose Example', 'LRE'],
    ['Zoë-Mae visited; Zoë-Mae Ng and Mae.', 'Zoë-Mae Ng', 'ZMN visited; ZMN and ZMN.'],
    // Only whole words, as written with the capital: ordinary words stay.
    ['A rose garden; Lilypad nursery.', 'Lily Rose Example', 'A rose garden; Lilypad nursery.'],
    ['Seen at home (no concerns).', 'Lily Rose Example', 'Seen at home (no concerns).'],
  ];
  it.each(rows)('%j', (text, name, expected) => {
    const initials = name === 'Zoë-Mae Ng' ? 'ZMN' : 'LRE';
    expect(withoutChildName(text, name, initials)).toBe(expected);
  });
});
