/**
 * Colour-vision checks for the map palettes: simulation of deuteranopia and protanopia
 * (Machado, Oliveira & Fernandes 2009, severity 1.0, in linear RGB) and the CIE76 colour
 * difference in CIELAB (D65). Tests use these to prove the categorical scheme stays
 * distinguishable for the most common colour-vision deficiencies.
 */

export type Rgb = readonly [number, number, number];
export type ColourDeficiency = 'deuteranopia' | 'protanopia' | 'none';

const MATRICES: Record<Exclude<ColourDeficiency, 'none'>, readonly number[]> = {
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
};

/** "#d55e00" → [213, 94, 0]. */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

const toLinear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (l: number): number => {
  const c = Math.min(1, Math.max(0, l));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** How a colour looks with the given deficiency (sRGB 0–255). */
export function simulate(rgb: Rgb, deficiency: ColourDeficiency): Rgb {
  if (deficiency === 'none') return rgb;
  const m = MATRICES[deficiency];
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  return [
    fromLinear(m[0]! * r + m[1]! * g + m[2]! * b),
    fromLinear(m[3]! * r + m[4]! * g + m[5]! * b),
    fromLinear(m[6]! * r + m[7]! * g + m[8]! * b),
  ];
}

/** sRGB → CIELAB (D65). */
export function toLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 ΔE between two hex colours as seen with a deficiency. */
export function colourDifference(a: string, b: string, deficiency: ColourDeficiency = 'none'): number {
  const la = toLab(simulate(parseHex(a), deficiency));
  const lb = toLab(simulate(parseHex(b), deficiency));
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}
