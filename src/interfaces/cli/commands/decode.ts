/**
 * @module `nakamoto decode block <file|->`: decode one raw block (binary, or hex text — detected)
 * and print its header, coinbase text, outputs, payout addresses and merged-mining markers.
 */
import type { Command } from 'commander';
import type { CoinbaseDetail, CoinbaseInfo } from '../../../domain/block.js';
import { UsageError } from '../../../domain/errors.js';
import { decodeBlock } from '../../../decode/bitcoin/block.js';
import { decodeCoinbaseBlock } from '../../../decode/bitcoin/coinbase.js';
import { fromHex } from '../../../decode/bitcoin/hex.js';
import { attributeBlock, RULE_SET_NAMES } from '../../../attribute/index.js';
import { loadRuleSet } from '../../../sources/attribution-rules/load.js';
import { readBytes } from '../../../sources/files/read-file.js';
import type { CliIo } from '../io.js';
import { parseFormat, renderRows, type Row } from '../output.js';

export interface DecodeCommandOptions {
  /**
   * Pool attribution hook, for the attribution stage to supply: its result is printed as
   * `attribution`. Without it no pool is reported (the decoder does not guess one).
   */
  readonly attribute?: (coinbase: CoinbaseInfo) => unknown;
  /** Read all of standard input (for `-`); defaults to process.stdin. */
  readonly readStdin?: () => Promise<Uint8Array>;
}

async function readProcessStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function isHexText(b: Uint8Array): boolean {
  let digits = 0;
  for (const c of b) {
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (hex) digits++;
    else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return digits > 0;
}

/** Raw bytes as given, or parsed hex when the input is hex text (whitespace allowed, optional 0x). */
export function blockBytesFromInput(raw: Uint8Array, input: string): Uint8Array {
  let text = raw;
  if (raw.length >= 2 && raw[0] === 0x30 && (raw[1] === 0x78 || raw[1] === 0x58)) text = raw.subarray(2);
  if (!isHexText(text)) return raw;
  const hex = new TextDecoder().decode(text).replace(/\s+/g, '');
  return fromHex(hex, input);
}

/** Said instead of a height when the block does not carry one (`height: null` in JSON). */
export const UNKNOWN_HEIGHT = 'unknown without chain context (a pre-BIP34 block does not state its height; the genesis block is height 0)';

export function blockSummary(bytes: Uint8Array, input: string, full: boolean, attribute?: (c: CoinbaseInfo) => unknown): Record<string, unknown> {
  const fast = full ? null : decodeCoinbaseBlock(bytes, { input });
  const whole = full ? decodeBlock(bytes, { input }) : null;
  const { header, txCount, coinbase } = (whole ?? fast)!;
  const cb: CoinbaseDetail = coinbase;
  const out: Record<string, unknown> = {
    hash: header.hash,
    height: cb.height,
    ...(cb.height === null ? { heightNote: UNKNOWN_HEIGHT } : {}),
    time: new Date(header.timeSec * 1000).toISOString(),
    txCount,
    version: header.version,
    prevHash: header.prevHash,
    merkleRoot: header.merkleRoot,
    bits: header.bits.toString(16).padStart(8, '0'),
    nonce: header.nonce,
    difficulty: header.difficulty,
    coinbaseTxid: cb.txid,
    coinbaseText: cb.scriptSigText,
    coinbaseHex: cb.scriptSigHex,
    outputs: cb.outputs.map((o) => ({ ...o, valueSats: o.valueSats.toString() })),
    payoutAddresses: cb.payoutAddresses,
    mergedMining: cb.mergedMining,
    witnessCommitment: cb.witnessCommitmentHex,
  };
  if (whole) {
    Object.assign(out, {
      sizeBytes: whole.sizeBytes,
      strippedSizeBytes: whole.strippedSizeBytes,
      weight: whole.weight,
      inputCount: whole.inputCount,
      outputCount: whole.outputCount,
      merkleRootValid: whole.merkleRootValid,
    });
  }
  if (attribute) Object.assign(out, attribute({ ...cb, timeSec: header.timeSec }) ?? {});
  return out;
}

/** `{ pool: 'Foundry USA', method: 'tag' }` → "pool Foundry USA, method tag" (nulls left out). */
function objectText(o: Record<string, unknown>): string {
  return Object.entries(o)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`)
    .join(', ');
}

function tableRows(s: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  for (const [field, value] of Object.entries(s)) {
    if (field === 'heightNote') continue;
    if (field === 'height' && value === null) {
      rows.push({ field, value: UNKNOWN_HEIGHT });
    } else if (field === 'outputs') {
      (value as { valueSats: string; type: string; address: string | null; data?: string }[]).forEach((o, i) => {
        rows.push({ field: `output ${i}`, value: `${o.valueSats} sats ${o.type} ${o.address ?? o.data ?? ''}`.trimEnd() });
      });
    } else if (field === 'mergedMining') {
      const ms = value as { offset: number; auxMerkleRootHex: string }[];
      rows.push({ field, value: ms.map((m) => `@${m.offset} ${m.auxMerkleRootHex}`).join('; ') });
    } else if (Array.isArray(value)) {
      // Arrays of objects (e.g. the attribution matches) as readable text, never "[object Object]".
      rows.push({ field, value: value.map((v) => (v !== null && typeof v === 'object' ? objectText(v as Record<string, unknown>) : String(v))).join('; ') });
    } else if (value !== null && typeof value === 'object') {
      rows.push({ field, value: objectText(value as Record<string, unknown>) });
    } else {
      // Text, so the value column stays left-aligned and numbers keep full precision.
      rows.push({ field, value: value === null ? '' : String(value as string | number | boolean) });
    }
  }
  return rows;
}

/** The attribution hook backed by a rule set: pool (with method and rule-set version), owner, and every match. */
async function ruleSetAttribution(rules: string, io: CliIo): Promise<(c: CoinbaseInfo) => unknown> {
  const rs = await loadRuleSet(rules, { env: io.env, cwd: io.cwd });
  return (c) => {
    const a = attributeBlock(c, rs);
    return {
      pool: { name: a.pool.name, slug: a.pool.slug, method: a.method, rule: a.matchedRule, ruleSet: `${a.ruleSet.kind}@${a.ruleSet.version}` },
      entity: { name: a.entity.name, method: a.entityMethod },
      matches: a.matches.map((m) => ({ pool: m.pool.name, slug: m.pool.slug, method: m.method, rule: m.rule })),
    };
  };
}

export function register(program: Command, io: CliIo, options: DecodeCommandOptions = {}): void {
  const decode = program.command('decode').description('Decode raw chain data.');
  decode
    .command('block')
    .description('Decode one raw block (binary or hex text, `-` for stdin): header, coinbase text, outputs, payout addresses, merged mining.')
    .argument('<file>', 'block file (consensus serialization, binary or hex), or - for stdin')
    .option('--format <format>', 'table or json', 'table')
    .option('--full', 'walk every transaction: sizes, weight and merkle root check', false)
    .option('--rules <name|path>', `attribution rule set: ${RULE_SET_NAMES.join(', ')} or a path (\`none\` to skip attribution)`, 'mempool')
    .action(async (file: string, opts: { format: string; full: boolean; rules: string }) => {
      const format = parseFormat(opts.format);
      if (format === 'csv') throw new UsageError('invalid format: csv (decode block prints table or json)');
      const input = file === '-' ? '<stdin>' : file;
      const raw = file === '-' ? await (options.readStdin ?? readProcessStdin)() : await readBytes(file);
      const attribute = options.attribute ?? (opts.rules === 'none' ? undefined : await ruleSetAttribution(opts.rules, io));
      const summary = blockSummary(blockBytesFromInput(raw, input), input, opts.full, attribute);
      if (format === 'json') io.stdout(JSON.stringify(summary, null, 2) + '\n');
      else io.stdout(renderRows(tableRows(summary), ['field', 'value'], 'table'));
    });
}
