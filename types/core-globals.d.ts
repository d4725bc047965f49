// Globals the core may use because every browser and Node provide them (WHATWG Encoding).
// Only src/machines/tsconfig.json includes this file: the core is checked without the DOM and
// Node types, so that anything else (process, Buffer, document…) fails to compile there.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
