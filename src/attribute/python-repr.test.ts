import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from './hex.js';
import { pythonBytesRepr } from './python-repr.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('pythonBytesRepr', () => {
  // Expected strings written by hand from CPython's bytes_repr rules (Objects/bytesobject.c),
  // then confirmed with `python3 -c 'print(str(b"..."))'` (CPython 3.11).
  it.each([
    ['empty', b(), "b''"],
    ['single quote only → double-quoted', b(0x27), `b"'"`],
    ['double quote only → single-quoted, not escaped', b(0x22), `b'"'`],
    ['both quotes → single-quoted, single quote escaped', b(0x27, 0x22), `b'\\'"'`],
    ['quote inside text', b(0x61, 0x27, 0x62), `b"a'b"`],
    ['backslash', b(0x5c), "b'\\\\'"],
    ['DEL 0x7f', b(0x7f), "b'\\x7f'"],
    ['0x80', b(0x80), "b'\\x80'"],
    ['tab', b(0x09), "b'\\t'"],
    ['newline and carriage return', b(0x0a, 0x0d), "b'\\n\\r'"],
    ['NUL, 0x1f, space, tilde, 0xff', b(0x00, 0x1f, 0x20, 0x7e, 0xff), "b'\\x00\\x1f ~\\xff'"],
  ])('%s', (_name, bytes, expected) => {
    expect(pythonBytesRepr(bytes)).toBe(expected);
  });

  it('genesis coinbase scriptSig', () => {
    const hex = '04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73';
    expect(pythonBytesRepr(hexToBytes(hex))).toBe("b'\\x04\\xff\\xff\\x00\\x1d\\x01\\x04EThe Times 03/Jan/2009 Chancellor on brink of second bailout for banks'");
  });

  it('block 413,567 scriptSig (F2Pool: UTF-8 tags become \\x escapes; a backslash byte is doubled)', () => {
    // python3 -c "print(str(bytes.fromhex('037f4f…')))" (CPython 3.11)
    const hex = '037f4f0637e4b883e5bda9e7a59ee4bb99e9b1bcb81a0977156615b85cf0042d7e442a8135f6cb8500ab433c0b6fadc8538ebf7504000000f09f909f154d696e6564206279206368656e6775616e67686169000000000000000000000000000000000000';
    const expected =
      "b'\\x03\\x7fO\\x067\\xe4\\xb8\\x83\\xe5\\xbd\\xa9\\xe7\\xa5\\x9e\\xe4\\xbb\\x99\\xe9\\xb1\\xbc\\xb8\\x1a\\tw\\x15f\\x15\\xb8\\\\\\xf0\\x04-~D*\\x815\\xf6\\xcb\\x85\\x00\\xabC<\\x0bo\\xad\\xc8S\\x8e\\xbfu\\x04\\x00\\x00\\x00\\xf0\\x9f\\x90\\x9f\\x15Mined by chenguanghai" +
      '\\x00'.repeat(18) +
      "'";
    expect(pythonBytesRepr(hexToBytes(hex))).toBe(expected);
  });

  /** Inverse of the repr, written independently: parse the Python literal back to bytes. */
  function parseBytesLiteral(s: string): number[] {
    expect(s.startsWith("b'") || s.startsWith('b"')).toBe(true);
    const quote = s[1]!;
    expect(s.endsWith(quote)).toBe(true);
    const body = s.slice(2, -1);
    const out: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c === quote) throw new Error('unescaped quote');
      if (c !== '\\') {
        out.push(c.charCodeAt(0));
        continue;
      }
      const n = body[++i]!;
      const simple: Record<string, number> = { t: 9, n: 10, r: 13, '\\': 92, "'": 39 };
      if (n === 'x') {
        out.push(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (n in simple) out.push(simple[n]!);
      else throw new Error(`unexpected escape \\${n}`);
    }
    return out;
  }

  it('property: printable ASCII only, and parses back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = pythonBytesRepr(bytes);
        expect(/^[\x20-\x7e]*$/.test(r)).toBe(true);
        expect(parseBytesLiteral(r)).toEqual([...bytes]);
      }),
    );
  });
});
