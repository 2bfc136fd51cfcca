import { seededRandom } from '../src/support/random.js';

/** `length` pseudo-random bytes from a seed: the same bytes in every thread and every run. */
export function seededBytes(seed: number, length: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 4) {
    const word = (random() * 0x1_0000_0000) >>> 0;
    bytes[i] = word;
    bytes[i + 1] = word >>> 8;
    bytes[i + 2] = word >>> 16;
    bytes[i + 3] = word >>> 24;
  }
  return bytes;
}
