/**
 * Credentials: what the server (an edge function holding an org issuer key)
 * signs at enrolment and the phone embeds in every code it shows.
 * Byte layout: docs/code-protocol.md, "Credential".
 */
import { z } from 'zod';
import { ByteReader, ByteWriter, CodeFormatError, asciiBytes, bytesToUuid, concatBytes } from './encoding.ts';
import { signEd25519 } from './keys.ts';

export const CREDENTIAL_VERSION = 1;

/** Domain separation tag prefixed to the issuer-signed bytes. */
export const CREDENTIAL_SIGNATURE_TAG = asciiBytes('YIMA-CREDENTIAL-V1\0');

/** Scope bits (uint32). Bits 7..31 are reserved and must be 0 today. */
export const Scope = {
  door: 1 << 0,
  pay: 1 << 1,
  meeting: 1 << 2,
  bus: 1 << 3,
  visitor: 1 << 4,
  event: 1 << 5,
  canteen: 1 << 6,
} as const;
export type ScopeName = keyof typeof Scope;
export const ALL_SCOPES = Object.values(Scope).reduce((a, b) => a | b, 0);

export function scopesFromNames(names: readonly ScopeName[]): number {
  return names.reduce((acc, n) => acc | Scope[n], 0) >>> 0;
}

export function scopeNames(bits: number): ScopeName[] {
  return (Object.keys(Scope) as ScopeName[]).filter((n) => (bits & Scope[n]) !== 0);
}

export const CredentialKind = { member: 1, visitor: 2 } as const;
export type CredentialKindName = keyof typeof CredentialKind;

const FLAG_DEVICE_KEY = 1 << 0;
const FLAG_SITE = 1 << 1;
const FLAG_VISIT_WINDOW = 1 << 2;
const KNOWN_FLAGS = FLAG_DEVICE_KEY | FLAG_SITE | FLAG_VISIT_WINDOW;

export const DEFAULT_STEP_SECONDS = 30;
/** The length of the fixed part, before the optional fields and the signature. */
export const CREDENTIAL_FIXED_LENGTH = 88;
export const SIGNATURE_LENGTH = 64;

const uuid = z.guid().transform((s) => s.toLowerCase());
const u32 = z.number().int().min(0).max(0xffff_ffff);

/** The signed content of a credential. Times are unix seconds (uint32). */
export const credentialFieldsSchema = z
  .object({
    kind: z.enum(['member', 'visitor']),
    issuerKeyId: u32,
    orgId: uuid,
    /** Member id; for a visitor, the visitor record id. */
    memberId: uuid,
    /** Card id; for a visitor, the visit (invitation) id. */
    cardId: uuid,
    credentialId: uuid,
    scopes: u32.refine((s) => (s & ~ALL_SCOPES) === 0, 'unknown scope bits'),
    notBefore: u32,
    expiresAt: u32,
    /** Offline spending cap in integer fen (uint32, so at most ¥42,949,672.95). */
    offlineCapFen: u32,
    stepSeconds: z.number().int().min(1).max(255).default(DEFAULT_STEP_SECONDS),
    devicePublicKey: z
      .custom<Uint8Array>((k) => k instanceof Uint8Array && k.length === 32, 'a 32-byte Ed25519 public key')
      .optional(),
    siteId: uuid.optional(),
    visitWindow: z.object({ from: u32, until: u32 }).optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string): void => ctx.addIssue({ code: 'custom', message });
    if (c.expiresAt <= c.notBefore) issue('expiresAt must be after notBefore');
    if (c.visitWindow && c.visitWindow.until <= c.visitWindow.from) issue('visit window is empty');
    if (c.kind === 'member') {
      if (!c.devicePublicKey) issue('a member credential needs a device public key');
      if (c.siteId || c.visitWindow) issue('site and visit window are for visitors only');
    } else if (!c.devicePublicKey) {
      // A static visitor pass can be screenshotted and replayed, so it must be
      // pinned to a window and may never pay.
      if (!c.visitWindow) issue('a static visitor pass (no device key) needs a visit window');
      if ((c.scopes & Scope.pay) !== 0) issue('a static visitor pass cannot carry the pay scope');
    }
  });
export type CredentialFieldsInput = z.input<typeof credentialFieldsSchema>;
export type CredentialFields = z.output<typeof credentialFieldsSchema>;

/** A parsed credential with the exact bytes it came from. */
export interface ParsedCredential {
  fields: CredentialFields;
  /** Everything before the issuer signature. */
  body: Uint8Array;
  signature: Uint8Array;
  /** body || signature: what a code embeds and the device signs over. */
  bytes: Uint8Array;
}

/** Serialise the signed body (no signature). Validates the fields first. */
export function encodeCredentialBody(input: CredentialFieldsInput): Uint8Array {
  const c = credentialFieldsSchema.parse(input);
  const flags =
    (c.devicePublicKey ? FLAG_DEVICE_KEY : 0) | (c.siteId ? FLAG_SITE : 0) | (c.visitWindow ? FLAG_VISIT_WINDOW : 0);
  const w = new ByteWriter(160)
    .u8(CREDENTIAL_VERSION)
    .u8(CredentialKind[c.kind])
    .u8(flags)
    .u32(c.issuerKeyId)
    .uuid(c.orgId)
    .uuid(c.memberId)
    .uuid(c.cardId)
    .uuid(c.credentialId)
    .u32(c.scopes)
    .u32(c.notBefore)
    .u32(c.expiresAt)
    .u32(c.offlineCapFen)
    .u8(c.stepSeconds);
  if (c.devicePublicKey) w.bytes(c.devicePublicKey, 32);
  if (c.siteId) w.uuid(c.siteId);
  if (c.visitWindow) w.u32(c.visitWindow.from).u32(c.visitWindow.until);
  return w.finish();
}

/** The exact message the issuer signs: tag || body. */
export function credentialSignatureInput(body: Uint8Array): Uint8Array {
  return concatBytes(CREDENTIAL_SIGNATURE_TAG, body);
}

/**
 * Build and sign a credential (server side). Returns body || signature.
 * The caller is responsible for `issuerKeyId` matching the secret key
 * (`keyIdFromPublicKey(publicKeyFromSecretKey(sk))`).
 */
export function signCredential(input: CredentialFieldsInput, issuerSecretKey: Uint8Array): Uint8Array {
  const body = encodeCredentialBody(input);
  const signature = signEd25519(credentialSignatureInput(body), issuerSecretKey);
  return concatBytes(body, signature);
}

/**
 * Read one credential from `reader` (it is self-delimiting: the flags say
 * which optional fields follow). Throws CodeFormatError: `bad_version` for an
 * unknown credential version, `malformed` for anything else that is off.
 * Does NOT check the signature.
 */
export function readCredential(reader: ByteReader): ParsedCredential {
  const start = reader.position;
  const version = reader.u8();
  if (version !== CREDENTIAL_VERSION) throw new CodeFormatError('bad_version', `credential version ${version}`);
  const kindByte = reader.u8();
  const kind = kindByte === CredentialKind.member ? 'member' : kindByte === CredentialKind.visitor ? 'visitor' : null;
  if (!kind) throw new CodeFormatError('malformed', `credential kind ${kindByte}`);
  const flags = reader.u8();
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new CodeFormatError('malformed', `unknown flags ${flags}`);
  const raw = {
    kind,
    issuerKeyId: reader.u32(),
    orgId: reader.uuid(),
    memberId: reader.uuid(),
    cardId: reader.uuid(),
    credentialId: reader.uuid(),
    scopes: reader.u32(),
    notBefore: reader.u32(),
    expiresAt: reader.u32(),
    offlineCapFen: reader.u32(),
    stepSeconds: reader.u8(),
    // Optional fields in flag-bit order; absent ones stay absent (not undefined).
    ...(flags & FLAG_DEVICE_KEY ? { devicePublicKey: reader.bytes(32).slice() } : {}),
    ...(flags & FLAG_SITE ? { siteId: bytesToUuid(reader.bytes(16)) } : {}),
    ...(flags & FLAG_VISIT_WINDOW ? { visitWindow: { from: reader.u32(), until: reader.u32() } } : {}),
  };
  const body = reader.slice(start);
  const signature = reader.bytes(SIGNATURE_LENGTH);
  // Same rules as when signing, so a verifier never accepts what the server
  // could not have built (e.g. a member without a device key).
  const parsed = credentialFieldsSchema.safeParse(raw);
  if (!parsed.success) throw new CodeFormatError('malformed', parsed.error.issues[0]?.message ?? 'invalid credential');
  return { fields: parsed.data, body, signature, bytes: reader.slice(start) };
}

/** Parse a standalone credential (e.g. the enrolment response). */
export function parseCredential(bytes: Uint8Array): ParsedCredential {
  const reader = new ByteReader(bytes);
  const credential = readCredential(reader);
  reader.expectEnd();
  return credential;
}
