/**
 * @module Python's `repr(bytes)` (what `str(codecs.decode(hex, 'hex'))` returns), reproduced
 * byte for byte as CPython's `bytes_repr` (Objects/bytesobject.c) writes it: the EDI matches
 * its coinbase tags as substrings of this text.
 *
 * - Quote: `'`, unless the bytes contain `'` and no `"`, then `"`.
 * - `\\` and the chosen quote are escaped with a backslash; the other quote is not.
 * - 0x09, 0x0a, 0x0d → `\t`, `\n`, `\r`; other bytes < 0x20 or ≥ 0x7f → `\xhh` (lower-case hex).
 * - Everything else (0x20–0x7e) is the ASCII character itself.
 */

export function pythonBytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}
