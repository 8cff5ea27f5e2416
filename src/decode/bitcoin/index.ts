/**
 * @module Public surface of the Bitcoin block decoder (pure; hashing via node:crypto).
 */
export { ByteReader, MAX_COMPACT_SIZE } from './byte-reader.js';
export { decodeCoinbaseBlock, readCoinbaseTransaction, type CoinbaseBlock, type DecodeOptions } from './coinbase.js';
export { decodeBlock, type DecodedBlock, type FullDecodeOptions } from './block.js';
export { readHeader, HEADER_BYTES, difficultyFromBits, targetFromBits, workFromBits, meetsTarget } from './header.js';
export { describeScript, type ScriptDescription, type ScriptType } from './script-type.js';
export { base58check, segwitAddress, pubKeyHashAddress, MAINNET, TESTNET, REGTEST, type AddressNetwork } from './address.js';
export { bip34Height } from './coinbase-height.js';
export { findMergedMiningMarkers } from './merged-mining.js';
export { merkleRoot } from './merkle.js';
export { toHex, toHexReversed, fromHex, hashFromHex, printableAscii } from './hex.js';
export { sha256d, hash160 } from './hash.js';
export { selectBestChain, NULL_HASH, type BestChain, type ChainBlock, type ChainHeader, type ChainStart } from './best-chain.js';
export { xorInPlace, effectiveXorKey, indexOfMagic, XOR_KEY_BYTES } from './blk-record.js';
export { buildBlock, buildCoinbaseTx, heightPush, type CoinbaseSpec, type HeaderSpec } from './build-block.js';
