import crypto from 'node:crypto';

/**
 * Deterministic chance for the simulation: every draw is a hash of the seed and of what it is about
 * (customer, message, week, kind of behaviour), never a sequence. The same seed gives the same draws
 * whatever order the engine happens to process customers in.
 */
export type Chance = {
  /** A number in [0, 1) for these keys. */
  draw(...keys: Array<string | number>): number;
  /** True with probability `p` for these keys. */
  happens(p: number, ...keys: Array<string | number>): boolean;
  /** An integer in [min, max] for these keys. */
  between(min: number, max: number, ...keys: Array<string | number>): number;
  /** One of `items` for these keys. */
  pick<T>(items: readonly T[], ...keys: Array<string | number>): T;
};

export function seededChance(seed: string): Chance {
  const draw = (...keys: Array<string | number>) => {
    const digest = crypto
      .createHash('sha256')
      .update([seed, ...keys].join('\u0000'))
      .digest();
    return digest.readUInt32BE(0) / 0x1_0000_0000;
  };
  return {
    draw,
    happens: (p, ...keys) => p > 0 && draw(...keys) < p,
    between: (min, max, ...keys) => min + Math.floor(draw(...keys) * (max - min + 1)),
    pick: (items, ...keys) => items[Math.floor(draw(...keys) * items.length)],
  };
}

/** A name-based UUID (version 5 layout) from the seed and a name: stable ids for generated rows. */
export function seededUuid(seed: string, name: string): string {
  const hex = crypto.createHash('sha1').update(`stammkunde/simulation/${seed}/${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
