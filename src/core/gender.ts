// Gender written the way a file's own language writes it: single letters by the column's
// convention (inferred from the set of letters the column uses, as the date order is), and words.
/** The single-letter conventions: male letter / female letter. */
export const GENDER_CONVENTIONS = ['H/F', 'H/M', 'm/w', 'M/V', 'M/F'] as const;
export type GenderConvention = (typeof GENDER_CONVENTIONS)[number];
