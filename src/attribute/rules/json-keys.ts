/**
 * @module Top-level keys of a JSON object text in FILE order. `JSON.parse` reorders
 * integer-like keys ("7" before "a"), Python's `json.load` does not; EDI identifiers are
 * matched in file order, so the order is read from the text itself. Duplicate keys keep their
 * first position (as a Python dict does; the value is the last one, as in both languages).
 */

/** Assumes `text` is valid JSON whose top level is an object (call after JSON.parse succeeded). */
export function topLevelKeys(text: string): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  let i = text.indexOf('{') + 1;
  let depth = 1;
  let expectKey = true;
  while (i < text.length && depth > 0) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      if (depth === 1 && expectKey) {
        const key = JSON.parse(text.slice(start, i)) as string;
        if (!seen.has(key)) {
          seen.add(key);
          keys.push(key);
        }
        expectKey = false;
      }
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return keys;
}
