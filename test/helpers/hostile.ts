import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile input: values of the wrong type, strings that are huge or
 * full of unicode edge cases, nesting deep enough to hurt a recursive parser, keys that poison
 * prototypes, binary attachments; and mutations of a valid payload that put any of them at any
 * place in it.
 */

/** Pieces of text that have broken software before. */
export const UNICODE_EDGES = [
  '\uD800', // a lone high surrogate
  '\uDFFF', // a lone low surrogate
  '\uDBFF\uDFFF', // the last code point, a valid pair
  '\u202E', // right-to-left override ("Trojan source")
  '\u2066', // left-to-right isolate
  '\u202Dabc\u202C',
  '\u0000', // NUL
  '\u0007\u001B[31m', // bell and an ANSI escape
  '\u007F\u0085\u009F', // DEL and C1 controls
  '\uFEFF', // byte-order mark
  '\u200B\u200C\u200D', // zero-width space and joiners
  '\u200F', // right-to-left mark (legitimate in Arabic text)
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  '👨‍👩‍👧‍👦', // a family emoji (joined sequence)
  'مرحبا بكم في مكتب الخدمة', // Arabic
  'Ｗ００１', // full-width look-alikes of a ticket
  '\r\n\t',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '../../etc/passwd',
];

export const unicodeString = fc
  .array(fc.oneof(fc.constantFrom(...UNICODE_EDGES), fc.string({ maxLength: 8 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** Keys that a careless merge would turn into prototype pollution. */
export const POISON_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
];

/** An object with a key of its own named `__proto__` (as JSON.parse makes one), holding `value`. */
export function ownKey(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const deep = fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** Up to 60 000 characters of up to 3 bytes: under the frame limit (256 KiB), which limits.test.ts covers. */
const huge = fc
  .tuple(fc.integer({ min: 5_000, max: 60_000 }), fc.constantFrom('x', 'é', '\u202E', 'ذ', '0'))
  .map(([n, c]) => c.repeat(n));

/** Anything a socket can carry where something else was expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      maxDepth: 3,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withBoxedValues: true,
    }),
  },
  { weight: 2, arbitrary: unicodeString },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: deep },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...POISON_KEYS), fc.jsonValue())
      .map(([k, v]) => ownKey(k, { polluted: v })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      -1,
      1e308,
      -0,
      2 ** 53,
      0.5,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      ' ',
      'null',
      'true',
      '[]',
      '{}',
    ),
  },
);

/** How a valid payload is spoilt. */
export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'extra'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'text'; readonly at: number; readonly text: string }
  | { readonly kind: 'whole'; readonly value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...POISON_KEYS), fc.string({ maxLength: 12 })),
      value: hostileValue,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text: unicodeString }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
);

type Json = Record<string, unknown> | unknown[];

/** Every object in a payload (the payload first) and every place in it that holds a value. */
function places(root: Json): { objects: Json[]; slots: [Json, string | number][] } {
  const objects: Json[] = [];
  const slots: [Json, string | number][] = [];
  const walk = (node: Json) => {
    objects.push(node);
    for (const [key, value] of Object.entries(node)) {
      slots.push([node, Array.isArray(node) ? Number(key) : key]);
      if (value !== null && typeof value === 'object') walk(value as Json);
    }
  };
  walk(root);
  return { objects, slots };
}

/** A copy of `valid` spoilt by `m`. A `text` mutation may leave it valid; the others rarely do. */
export function spoil(valid: Record<string, unknown>, m: Mutation): unknown {
  if (m.kind === 'whole') return m.value;
  const payload = structuredClone(valid);
  const { objects, slots } = places(payload);
  if (m.kind === 'extra') {
    const target = objects[m.at % objects.length]!;
    // JSON carries no named keys on an array (and `length` cannot be redefined): an extra element.
    if (Array.isArray(target)) {
      target.push(m.value);
      return payload;
    }
    Object.defineProperty(target, m.key, {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return payload;
  }
  if (m.kind === 'replace') {
    const [node, key] = slots[m.at % slots.length]!;
    (node as Record<string | number, unknown>)[key] = m.value;
    return payload;
  }
  const strings = slots.filter(
    ([node, key]) => typeof (node as Record<string | number, unknown>)[key] === 'string',
  );
  if (strings.length === 0) return payload;
  const [node, key] = strings[m.at % strings.length]!;
  (node as Record<string | number, unknown>)[key] = m.text;
  return payload;
}
