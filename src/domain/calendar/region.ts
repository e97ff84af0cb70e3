/** The three UK bank-holiday divisions, named as GOV.UK names them. */
export const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_NAMES: Record<Region, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export const isRegion = (value: string): value is Region => (REGIONS as readonly string[]).includes(value);
