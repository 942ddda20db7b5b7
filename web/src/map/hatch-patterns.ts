/**
 * Hatch patterns that mark buurten without a usable value, so they differ from data classes by
 * more than colour: diagonal lines = no value, cross-hatch = suppressed (geheim), dots = too
 * few residents. Drawn once on a small canvas and reused by the map, the legend and the PNG export.
 */

export const SPECIAL_CLASS_IDS = ['missing', 'suppressed', 'too-few-residents'] as const;
export type SpecialClassId = (typeof SPECIAL_CLASS_IDS)[number];

/** Class ids of the veerkracht classifications that mean the same as a special class. */
const ALIASES: Record<string, SpecialClassId> = {
  'onvoldoende-gegevens': 'missing',
  'te-weinig-inwoners': 'too-few-residents',
  // kinds of missing (src/api MissingKindSchema): all without a value, told apart in the legend
  'no-score': 'missing',
  'not-published': 'missing',
  'not-loaded': 'missing',
  'not-in-source': 'missing',
  'population-unknown': 'missing',
  'no-comparison': 'missing',
};

/** The hatch pattern of a class without a usable value, or undefined for a data class. */
export function findPatternKind(classId: string): SpecialClassId | undefined {
  if ((SPECIAL_CLASS_IDS as readonly string[]).includes(classId)) return classId as SpecialClassId;
  return ALIASES[classId];
}

export const PATTERN_SIZE = 8;
const INK = 'rgba(40, 40, 40, 0.75)';

/** Draws the pattern's strokes (no background) into a square of `size` pixels. */
export function drawPattern(ctx: CanvasRenderingContext2D, kind: SpecialClassId, size: number): void {
  ctx.save();
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineWidth = Math.max(1, size / 8);
  switch (kind) {
    case 'missing':
      ctx.beginPath();
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-size / 2, size / 2);
      ctx.lineTo(size / 2, -size / 2);
      ctx.moveTo(size / 2, size * 1.5);
      ctx.lineTo(size * 1.5, size / 2);
      ctx.stroke();
      break;
    case 'suppressed':
      ctx.beginPath();
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
      ctx.stroke();
      break;
    case 'too-few-residents':
      ctx.beginPath();
      ctx.arc(size / 4, size / 4, size / 8, 0, Math.PI * 2);
      ctx.arc((size * 3) / 4, (size * 3) / 4, size / 8, 0, Math.PI * 2);
      ctx.fill();
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown pattern ${String(never)}`);
    }
  }
  ctx.restore();
}

/** A canvas with the pattern over an optional background colour. */
export function patternCanvas(kind: SpecialClassId, size: number, background?: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, size, size);
  }
  drawPattern(ctx, kind, size);
  return canvas;
}

/** The pattern as RGBA pixels, for MapLibre's addImage. */
export function patternImageData(kind: SpecialClassId, size: number): ImageData {
  return patternCanvas(kind, size).getContext('2d')!.getImageData(0, 0, size, size);
}

/** A CSS background for a legend swatch: the colour with the pattern on top. */
export function swatchBackground(color: string, classId: string): string {
  const kind = findPatternKind(classId);
  if (!kind) return color;
  return `${color} url(${patternCanvas(kind, 12, color).toDataURL()}) repeat`;
}
