// The backup container's public face: the format is described here, the code lives in
// container-write.ts (writing, read-back check), container-read.ts (header, verify, extract) and
// container-io.ts (file plumbing both share).
export { CHUNK_SIZE, FORMAT_VERSION, MAGIC, type BackupHeader, type BackupManifest } from './container-format';
export { BACKUP_CORRUPT_CODE, backupCorrupt } from './container-io';
export { checkWritten, MANIFEST_SLOT, writeContainer, type ManifestInput, type WriteContainerOptions, type WrittenPieces } from './container-write';
export { extractContainer, keyFromRecovery, readHeader, readManifest, verifyContainer } from './container-read';

/**
 * The encrypted backup file.
 *
 *   "COFFERBK" | u16 version (2) | u32 header length | header JSON | SHA-256 of all before it | chunk* (u32 length, ciphertext, tag)
 *
 * (Version 1, still read, has no checksum: its chunks follow the header JSON directly.)
 * The header is readable without a key (ids, the recovery KDF and public key, the sealed
 * database key) so the recovery key alone can restore the file. Everything else is one payload,
 * u32 manifest length | manifest JSON | snapshot bytes, encrypted in 1 MiB chunks with AES-256-GCM
 * under HKDF-SHA256(database key, header salt). Each chunk's associated data is
 * SHA-256(magic to the end of the header JSON: the stored checksum) | u32 index | final flag, and its nonce is the
 * header's random prefix | u32 index (the STREAM construction): a changed header, a reordered,
 * dropped or added chunk, or a file cut at a chunk boundary all fail to authenticate.
 *
 * The checksum is not a secret and proves nothing against someone who rewrites the header (the
 * chunks do that); it tells accidental damage from a wrong recovery key, which would otherwise
 * look the same, so nobody is told their correct key is wrong.
 *
 * Readers never act on unauthenticated plaintext: verify decrypts everything and only hashes it;
 * extract writes the snapshot in a second pass after verify succeeded, and re-authenticates
 * every chunk as it goes because the file may change between the passes.
 */
