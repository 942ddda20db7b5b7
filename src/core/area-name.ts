/**
 * Comparing area names as people write them: case, accents, hyphens, apostrophes, dots and
 * whitespace do not count — "Nieuw-Einde" ≡ "nieuw einde", "'s-Gravenhage" ≡ "s gravenhage",
 * "Súdwest-Fryslân" ≡ "Sudwest Fryslan".
 */
export function normaliseAreaName(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
