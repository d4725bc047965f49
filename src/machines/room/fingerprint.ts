/**
 * FNV-1a with 64 bits over a string's UTF-16 code units, in 16 hex digits: a fingerprint (of a
 * moment, of a decision as a phone is shown it), not a secret. Worked in four 16-bit parts, so the
 * core needs neither BigInt arithmetic per character nor Node's crypto. 32 bits were too few: two
 * moments with the same fingerprint (about one pair in four billion, more among many) made a page
 * keep the one before.
 */
export function fingerprint(text: string): string {
  // The offset basis 0xcbf29ce484222325, lowest part first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // Times the prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64: each part times 0x1b3, and the
    // lowest two parts shifted up 40 bits (two parts and 8 bits); every sum stays below 2^31.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + ((h0 & 0xffff) << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + ((h1 & 0xffff) << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(h3)}${hex(h2)}${hex(h1)}${hex(h0)}`;
}
