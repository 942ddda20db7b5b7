import { describe, expect, it } from 'vitest';
import type { DrawCollection } from '../../web/src/map/map-features.js';
import { labelFeatures, placeLabels } from '../../web/src/map/map-labels.js';
import { gemeenteBorders } from '../../web/src/map/region-borders.js';

/** Unit squares in a row: x..x+1, gemeente per square. */
function squares(gemeenten: string[], names?: string[]): DrawCollection {
  return {
    type: 'FeatureCollection',
    features: gemeenten.map((gemeente, x) => ({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, 0],
            [x + 1, 0],
            [x + 1, 1],
            [x, 1],
            [x, 0],
          ],
        ],
      },
      properties: {
        code: `BU${x}`,
        name: names?.[x] ?? `Buurt ${x}`,
        gemeente,
        value: null,
        classIndex: null,
        classId: 'c0',
        label: '',
        flags: [],
        inhabitants: null,
        _color: '#fff',
      },
    })),
  };
}

describe('buurt names on the map', () => {
  it('anchors a name inside its buurt, also for a U-shaped one whose centroid lies outside', () => {
    const [square] = labelFeatures(squares(['GM1']));
    expect(square!.anchor[0]).toBeCloseTo(0.5);
    expect(square!.anchor[1]).toBeCloseTo(0.5);
    const u: DrawCollection = squares(['GM1']);
    u.features[0]!.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [anchor] = labelFeatures(u).map((f) => f.anchor);
    const [x, y] = anchor!;
    const inArm = (x < 1 || x > 2) && y >= 0 && y <= 3;
    expect(inArm || y < 1).toBe(true);
  });

  it('shows a name only where it fits, never two overlapping, the selected buurt always', () => {
    const features = labelFeatures(
      squares(['GM1', 'GM1', 'GM1'], ['Kort', 'Een heel lange buurtnaam', 'Midden']),
    );
    const measure = (text: string) => text.length * 7;
    // 1 degree = 60 px: "Kort" (28 px) fits, the long name (168 px) does not.
    const project = (lng: number, lat: number): [number, number] => [lng * 60, 200 - lat * 60];
    const placed = placeLabels(features, project, { width: 400, height: 400 }, measure, null);
    expect(placed.map((p) => p.name).sort()).toEqual(['Kort', 'Midden']);
    const withSelected = placeLabels(features, project, { width: 400, height: 400 }, measure, 'BU1');
    expect(withSelected.find((p) => p.selected)?.name).toBe('Een heel lange buurtnaam');
    // it now overlaps both neighbours, which give way
    expect(withSelected).toHaveLength(1);
    // zoomed out nothing fits
    const far = (lng: number, lat: number): [number, number] => [lng * 5, 200 - lat * 5];
    expect(placeLabels(features, far, { width: 400, height: 400 }, measure, null)).toEqual([]);
  });
});

describe('gemeente borders in a region view', () => {
  it('keeps the edges a gemeente does not share with its own buurten', () => {
    const borders = gemeenteBorders(squares(['GM1', 'GM1', 'GM2']))!;
    expect(borders.features.map((f) => f.properties.gemeente)).toEqual(['GM1', 'GM2']);
    // GM1 is a 2×1 rectangle: 6 unit edges on its outline, the shared middle edge dropped
    expect(borders.features[0]!.geometry.coordinates).toHaveLength(6);
    expect(borders.features[1]!.geometry.coordinates).toHaveLength(4);
  });
  it('draws none for a single gemeente', () => {
    expect(gemeenteBorders(squares(['GM1', 'GM1']))).toBeNull();
  });
});
