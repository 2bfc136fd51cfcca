/** Parsers of single option values: each checks its value and names the flag in its one-line error. */
import { UsageError } from '../errors.js';
import { didYouMean } from './suggest.js';

/** A whole-number option, checked against its range; the error names the flag. */
export function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A decimal option, checked against its range; the error names the flag. */
export function decimal(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

export function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${raw}")${didYouMean(raw, allowed)}`);
}

/**
 * The items of a comma-separated option. An empty item ("1,,2", "1,2,") is refused rather than
 * skipped: a stray comma is more often a value typed wrong than one meant to be left out.
 */
export function list(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.every((s) => s.length === 0)) return [];
  if (items.some((s) => s.length === 0))
    throw new UsageError(`${flag} has an empty item between commas (got "${raw}")`);
  return items;
}
