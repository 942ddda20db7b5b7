import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api-client.js';
import { errorText } from '../../web/src/i18n/error-text.js';

describe('errorText(error, lang): an error in the viewer’s words', () => {
  const unknownArea = new ApiError(
    404,
    'AREA_NOT_FOUND',
    'gemeente GM9999 has no buurten on division 2019; GET /api/gemeenten lists the gemeenten',
  );

  it('gives the codes a viewer meets words of their own, with the code, in Dutch and English', () => {
    expect(errorText(unknownArea, 'nl')).toBe(
      'Dit gebied is onbekend, of geen van zijn buurten ligt op de kaartindeling. Kies een gebied op de startpagina. (foutcode AREA_NOT_FOUND)',
    );
    expect(errorText(unknownArea, 'en')).toBe(
      'This area is unknown, or none of its buurten is on the map division. Choose an area on the start page. (error code AREA_NOT_FOUND)',
    );
    expect(errorText(new ApiError(410, 'SHARE_LINK_EXPIRED', 'share link expired'), 'nl')).toBe(
      'Deze deellink is verlopen. (foutcode SHARE_LINK_EXPIRED)',
    );
  });

  it('keeps the API’s message for codes whose message names what to fix (a field, a limit)', () => {
    const usage = new ApiError(400, 'USAGE', 'password: must be at least 12 characters');
    expect(errorText(usage, 'nl')).toBe('password: must be at least 12 characters (foutcode USAGE)');
  });

  it('says the server cannot be reached when fetch fails, and passes other errors on as they are', () => {
    expect(errorText(new TypeError('Failed to fetch'), 'nl')).toBe(
      'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    );
    expect(errorText(new TypeError("Cannot read properties of undefined (reading 'x')"), 'en')).toBe(
      "Cannot read properties of undefined (reading 'x')",
    );
    expect(errorText('plain', 'en')).toBe('plain');
  });
});
