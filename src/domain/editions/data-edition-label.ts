/**
 * A data edition's label in the reader's language. The store names its editions in Dutch
 * ("editie 2026-1", storage/data-edition-sql.ts); in English that reads "edition 2026-1". Other
 * labels (given by an operator) stay as they are.
 */
export function dataEditionLabel(label: string, lang: 'nl' | 'en'): string {
  return lang === 'en' ? label.replace(/^editie (\d{4}-\d+)$/, 'edition $1') : label;
}
