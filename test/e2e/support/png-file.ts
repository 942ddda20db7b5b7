/** Minimal PNG check: the 8-byte signature and the IHDR width and height. */
export interface PngSize {
  width: number;
  height: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height of a PNG; throws when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): PngSize {
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b))
    throw new Error('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk !== 'IHDR') throw new Error(`not a PNG file (first chunk ${chunk})`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
