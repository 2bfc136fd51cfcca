/** Folds a value into a 32-bit checksum (FNV-1a over the value's 32-bit words). */
export function mix(hash: number, value: number): number {
  let h = hash >>> 0;
  const lo = value >>> 0;
  const hi = Math.floor(value / 0x1_0000_0000) >>> 0;
  for (const word of [lo, hi]) {
    h = Math.imul(h ^ word, 0x0100_0193) >>> 0;
  }
  return h;
}

/** The FNV-1a offset basis: where every checksum starts. */
export const CHECKSUM_SEED = 0x811c_9dc5;

/** Checksum of a string (FNV-1a over its UTF-16 code units). */
export function mixString(hash: number, text: string): number {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x0100_0193) >>> 0;
  }
  return h;
}
