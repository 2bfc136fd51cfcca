import { seededBytes } from '../bytes.js';
import { seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, TaskContext, Workload } from '../types.js';

/** Bytes hashed per task (about 3 / 12 / 40 / 150 ms on a 2020s core). */
const BYTES: Record<SizeName, number> = { xs: 256 << 10, s: 1 << 20, m: 4 << 20, l: 15 << 20 };
/** Bytes generated and hashed at a time. */
const PIECE = 64 << 10;
/** Blocks between checkpoints: 64 × 64 bytes, about 20 µs. */
const BLOCKS_PER_CHECKPOINT = 64;

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function compress(state: Uint32Array, w: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    w[i] =
      ((block[o] as number) << 24) |
      ((block[o + 1] as number) << 16) |
      ((block[o + 2] as number) << 8) |
      (block[o + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15] as number;
    const w2 = w[i - 2] as number;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** SHA-256 in plain JavaScript (FIPS 180-4), fed in pieces like `hashlib.sha256().update()`. */
export class Sha256 {
  private readonly state = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly w = new Uint32Array(64);
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private length = 0;

  /** Hashes `data`, calling the checkpoint every 64 blocks. */
  update(data: Uint8Array, checkpoint: () => void = () => {}): this {
    this.length += data.length;
    let offset = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < 64) return this;
      compress(this.state, this.w, this.pending, 0);
      this.pendingLength = 0;
    }
    for (let block = 0; offset + 64 <= data.length; offset += 64, block++) {
      if (block % BLOCKS_PER_CHECKPOINT === 0) checkpoint();
      compress(this.state, this.w, data, offset);
    }
    this.pending.set(data.subarray(offset));
    this.pendingLength = data.length - offset;
    return this;
  }

  digest(): Uint8Array {
    // Padding: the rest, 0x80, zeros, and the length in bits as a 64-bit big-endian number.
    const rest = this.pendingLength;
    const tail = new Uint8Array(rest < 56 ? 64 : 128);
    tail.set(this.pending.subarray(0, rest));
    tail[rest] = 0x80;
    const bits = this.length * 8;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(tail.length - 4, bits >>> 0);
    for (let offset = 0; offset < tail.length; offset += 64) compress(this.state, this.w, tail, offset);
    const digest = new Uint8Array(32);
    const out = new DataView(digest.buffer);
    for (let i = 0; i < 8; i++) out.setUint32(i * 4, this.state[i] as number);
    return digest;
  }
}

/** SHA-256 of `data` in one call. */
export function sha256(data: Uint8Array, checkpoint?: () => void): Uint8Array {
  return new Sha256().update(data, checkpoint).digest();
}

export interface Sha256Input {
  seed: number;
  bytes: number;
}

/** The first four bytes of a digest, as the task's checksum. */
export function digestChecksum(digest: Uint8Array): number {
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

export const sha256Js: Workload<Sha256Input> = {
  ...described('sha256'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, bytes: BYTES[size] }));
  },
  run({ seed, bytes }: Sha256Input, ctx: TaskContext) {
    // Generated and hashed 64 KiB at a time, so a task never holds its whole input in memory.
    const hash = new Sha256();
    for (let done = 0, piece = 0; done < bytes; done += PIECE, piece++) {
      hash.update(seededBytes(seed + piece, Math.min(PIECE, bytes - done)), ctx.checkpoint);
    }
    return digestChecksum(hash.digest());
  },
};
