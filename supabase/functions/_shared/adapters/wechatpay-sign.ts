// WeChat Pay API v3 (微信支付 APIv3) cryptography, shared by the adapter
// (wechatpay.adapter.ts) and the local fake (tests/fakes/wechatpay.fake.ts).
// Runtime-neutral: only WebCrypto (crypto.subtle), TextEncoder/TextDecoder,
// atob/btoa; runs in Deno edge functions and in Node.
//
// Official docs, section names (pay.weixin.qq.com/doc/v3/merchant):
//   签名生成 (signing requests): message = "METHOD\nURL\ntimestamp\nnonce\nbody\n",
//     RSASSA-PKCS1-v1_5 SHA-256 with the merchant API private key (商户API证书私钥),
//     base64, sent as
//     Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",signature="..",timestamp="..",serial_no=".."
//     (URL = absolute path with query, body = "" for GET).
//   签名验证 (verifying responses and callbacks): message = "timestamp\nnonce\nbody\n"
//     from the headers Wechatpay-Timestamp, Wechatpay-Nonce and the raw body,
//     checked against Wechatpay-Signature with 微信支付公钥 (the WeChat Pay
//     public key, id "PUB_KEY_ID_..." in Wechatpay-Serial).
//   回调通知 / 证书和回调报文解密: resource.ciphertext is AES-256-GCM with the
//     APIv3 key (32 ASCII bytes), IV = resource.nonce (ASCII), AAD =
//     resource.associated_data, base64(ciphertext || 16-byte tag).
//   小程序调起支付 (wx.requestPayment): paySign signs "appId\ntimeStamp\nnonceStr\npackage\n"
//     with the merchant private key, signType "RSA".
//   敏感信息加密 (e.g. 添加分账接收方 name): RSAES-OAEP (SHA-1, MGF1-SHA-1) with
//     微信支付公钥, base64; the request then carries Wechatpay-Serial.
import { AdapterError } from './adapter-error.ts';

export const WECHATPAY_AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Largest allowed distance between a response/callback timestamp and our clock (签名验证: 5 minutes). */
export const WECHATPAY_MAX_CLOCK_SKEW_S = 300;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SIGN_ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const OAEP_ALG = { name: 'RSA-OAEP', hash: 'SHA-1' } as const;
const NONCE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// ---------------------------------------------------------------------------
// Encoding helpers

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

export function bytesToBase64(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes base64; throws TypeError on anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A random alphanumeric string (nonce_str, Wechatpay-Nonce, AES-GCM nonce). */
export function wechatpayNonce(length = 32): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      // Bytes >= 248 (= 4 * 62) are dropped so every character is equally likely.
      if (byte < 248 && out.length < length) out += NONCE_CHARS[byte % 62];
    }
  }
  return out;
}

/** Unix seconds as WeChat Pay writes them (a decimal string). */
export function unixSeconds(date: Date = new Date()): string {
  return String(Math.floor(date.getTime() / 1000));
}

// ---------------------------------------------------------------------------
// Keys

/** The DER bytes inside a PEM block (any label), or throws TypeError naming what is wrong. */
export function pemToDer(pem: string, expectedLabel?: string): Uint8Array<ArrayBuffer> {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) throw new TypeError('not a PEM block (expected -----BEGIN ...----- / -----END ...-----)');
  if (expectedLabel && match[1] !== expectedLabel) {
    throw new TypeError(`expected a PEM "${expectedLabel}" block, got "${match[1]}"`);
  }
  return base64ToBytes(match[2]!);
}

function pemFromDer(der: ArrayBuffer, label: string): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The merchant API private key (apiclient_key.pem, PKCS#8 "PRIVATE KEY") for
 * signing requests and paySign. A PKCS#1 "RSA PRIVATE KEY" must be converted
 * first: openssl pkcs8 -topk8 -nocrypt -in old.pem -out apiclient_key.pem
 */
export async function importMerchantPrivateKey(pem: string): Promise<CryptoKey> {
  if (pem.includes('BEGIN RSA PRIVATE KEY')) {
    throw new TypeError('the merchant private key is PKCS#1 ("RSA PRIVATE KEY"); convert it with `openssl pkcs8 -topk8 -nocrypt` to a PKCS#8 "PRIVATE KEY"');
  }
  return crypto.subtle.importKey('pkcs8', pemToDer(pem, 'PRIVATE KEY'), SIGN_ALG, false, ['sign']);
}

/** 微信支付公钥 (pub_key.pem, SPKI "PUBLIC KEY") for verifying responses and callbacks. */
export async function importWechatpayPublicKey(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', pemToDer(pem, 'PUBLIC KEY'), SIGN_ALG, false, ['verify']);
}

/** The same 微信支付公钥, for encrypting sensitive fields (RSA-OAEP SHA-1). */
export async function importWechatpayEncryptionKey(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', pemToDer(pem, 'PUBLIC KEY'), OAEP_ALG, false, ['encrypt']);
}

/** Generates an RSA-2048 pair as PEM (PKCS#8 private, SPKI public): for tests and the fake. */
export async function generateRsaKeyPairPem(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const pair = await crypto.subtle.generateKey(
    { ...SIGN_ALG, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  return {
    privateKeyPem: pemFromDer(await crypto.subtle.exportKey('pkcs8', pair.privateKey), 'PRIVATE KEY'),
    publicKeyPem: pemFromDer(await crypto.subtle.exportKey('spki', pair.publicKey), 'PUBLIC KEY'),
  };
}

type KeyInput = CryptoKey | string;

async function signingKey(key: KeyInput): Promise<CryptoKey> {
  return typeof key === 'string' ? importMerchantPrivateKey(key) : key;
}

async function verifyingKey(key: KeyInput): Promise<CryptoKey> {
  return typeof key === 'string' ? importWechatpayPublicKey(key) : key;
}

// ---------------------------------------------------------------------------
// Signatures

/** RSASSA-PKCS1-v1_5 SHA-256 of the UTF-8 message, base64. */
export async function rsaSha256Sign(privateKey: KeyInput, message: string): Promise<string> {
  return bytesToBase64(await crypto.subtle.sign(SIGN_ALG, await signingKey(privateKey), utf8(message)));
}

/** False for a wrong signature and for one that is not even base64. */
export async function rsaSha256Verify(publicKey: KeyInput, message: string, signatureBase64: string): Promise<boolean> {
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64ToBytes(signatureBase64);
  } catch {
    return false;
  }
  if (signature.length === 0) return false;
  return crypto.subtle.verify(SIGN_ALG, await verifyingKey(publicKey), signature, utf8(message));
}

/** 签名生成: the string a request signature covers. pathWithQuery is the URL's absolute path and query ("/v3/...?mchid=..."). */
export function requestSignatureMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** 签名验证: the string a response or callback signature covers. */
export function responseSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export interface BuildAuthorizationInput {
  mchId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  serialNo: string;
  /** Merchant private key, imported or PEM. */
  privateKey: KeyInput;
  method: string;
  pathWithQuery: string;
  /** "" for GET. */
  body: string;
  /** Unix seconds; now by default. */
  timestamp?: string;
  nonce?: string;
}

/** The Authorization header value for one request (签名生成). */
export async function buildAuthorization(input: BuildAuthorizationInput): Promise<string> {
  const timestamp = input.timestamp ?? unixSeconds();
  const nonce = input.nonce ?? wechatpayNonce();
  const signature = await rsaSha256Sign(
    input.privateKey,
    requestSignatureMessage(input.method, input.pathWithQuery, timestamp, nonce, input.body),
  );
  return `${WECHATPAY_AUTH_SCHEMA} mchid="${input.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serialNo}"`;
}

export interface ParsedAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** Parses an Authorization header built by buildAuthorization (the fake's side), or undefined when malformed. */
export function parseAuthorization(header: string | null | undefined): ParsedAuthorization | undefined {
  if (!header || !header.startsWith(`${WECHATPAY_AUTH_SCHEMA} `)) return undefined;
  const fields: Record<string, string> = {};
  const re = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/gy;
  const rest = header.slice(WECHATPAY_AUTH_SCHEMA.length + 1);
  re.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (re.lastIndex < rest.length && (match = re.exec(rest)) !== null) fields[match[1]!] = match[2]!;
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return undefined;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

export interface VerifyWechatpaySignatureInput {
  /** 微信支付公钥, imported or PEM. */
  publicKey: KeyInput;
  /** Wechatpay-Timestamp */
  timestamp: string;
  /** Wechatpay-Nonce */
  nonce: string;
  /** The raw body, exactly as received. */
  body: string;
  /** Wechatpay-Signature */
  signature: string;
}

/** 签名验证 of a response or callback. Probe signatures ("WECHATPAY/SIGNTEST/...") fail, as they must. */
export async function verifyWechatpaySignature(input: VerifyWechatpaySignatureInput): Promise<boolean> {
  return rsaSha256Verify(input.publicKey, responseSignatureMessage(input.timestamp, input.nonce, input.body), input.signature);
}

export interface SignWechatpayResponseInput {
  /** The WeChat Pay private key (the fake's side). */
  privateKey: KeyInput;
  body: string;
  timestamp?: string;
  nonce?: string;
}

/** Signs a response or callback like WeChat Pay does (for the fake and tests): the Wechatpay-* values. */
export async function signWechatpayResponse(input: SignWechatpayResponseInput): Promise<{ timestamp: string; nonce: string; signature: string }> {
  const timestamp = input.timestamp ?? unixSeconds();
  const nonce = input.nonce ?? wechatpayNonce();
  const signature = await rsaSha256Sign(input.privateKey, responseSignatureMessage(timestamp, nonce, input.body));
  return { timestamp, nonce, signature };
}

// ---------------------------------------------------------------------------
// Callback resource (AEAD_AES_256_GCM)

async function aesKey(apiV3Key: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const raw = utf8(apiV3Key);
  if (raw.length !== 32) {
    throw new AdapterError({
      provider: 'wechatpay',
      code: 'decrypt_failed',
      message: `The WeChat Pay APIv3 key must be exactly 32 ASCII characters (got ${raw.length} bytes); copy it again from 商户平台 > 账户中心 > API安全`,
    });
  }
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, [usage]);
}

export interface DecryptResourceInput {
  /** APIv3 key (APIv3密钥): 32 ASCII characters. */
  apiV3Key: string;
  /** resource.nonce (ASCII, used as the IV). */
  nonce: string;
  /** resource.associated_data ("transaction", "refund", or "" when absent). */
  associatedData: string;
  /** resource.ciphertext: base64 of ciphertext followed by the 16-byte tag. */
  ciphertext: string;
}

/** Decrypts a callback resource to its JSON text; wrong key, nonce, AAD or a tampered ciphertext -> AdapterError decrypt_failed. */
export async function decryptResource(input: DecryptResourceInput): Promise<string> {
  const key = await aesKey(input.apiV3Key, 'decrypt');
  let data: Uint8Array<ArrayBuffer>;
  try {
    data = base64ToBytes(input.ciphertext);
  } catch (cause) {
    throw new AdapterError({ provider: 'wechatpay', code: 'decrypt_failed', message: 'The WeChat Pay notification resource.ciphertext is not base64', cause });
  }
  if (data.length < 16) {
    throw new AdapterError({ provider: 'wechatpay', code: 'decrypt_failed', message: 'The WeChat Pay notification resource.ciphertext is shorter than the 16-byte GCM tag' });
  }
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: utf8(input.nonce), additionalData: utf8(input.associatedData), tagLength: 128 },
      key,
      data,
    );
    return decoder.decode(plain);
  } catch (cause) {
    throw new AdapterError({
      provider: 'wechatpay',
      code: 'decrypt_failed',
      message: 'Could not decrypt the WeChat Pay notification resource (AES-256-GCM tag mismatch); check that YIMA_WECHATPAY_API_V3_KEY is the APIv3 key set in the merchant platform',
      cause,
    });
  }
}

export interface EncryptResourceInput {
  apiV3Key: string;
  plaintext: string;
  associatedData: string;
  /** 12 ASCII characters by default (WeChat Pay's nonces are 12). */
  nonce?: string;
}

/** The inverse of decryptResource (the fake's side): { ciphertext, nonce, associatedData } for a callback resource. */
export async function encryptResource(input: EncryptResourceInput): Promise<{ ciphertext: string; nonce: string; associatedData: string }> {
  const key = await aesKey(input.apiV3Key, 'encrypt');
  const nonce = input.nonce ?? wechatpayNonce(12);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: utf8(nonce), additionalData: utf8(input.associatedData), tagLength: 128 },
    key,
    utf8(input.plaintext),
  );
  return { ciphertext: bytesToBase64(sealed), nonce, associatedData: input.associatedData };
}

// ---------------------------------------------------------------------------
// Sensitive fields (敏感信息加解密)

/** Encrypts a sensitive request field (e.g. a profit-sharing receiver's name) with 微信支付公钥, RSA-OAEP SHA-1, base64. */
export async function encryptSensitiveField(publicKey: KeyInput, plaintext: string): Promise<string> {
  const key = typeof publicKey === 'string' ? await importWechatpayEncryptionKey(publicKey) : publicKey;
  return bytesToBase64(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, utf8(plaintext)));
}

/** Decrypts a field encrypted by encryptSensitiveField with the matching private key (the fake's side). */
export async function decryptSensitiveField(privateKeyPem: string, ciphertextBase64: string): Promise<string> {
  const key = await crypto.subtle.importKey('pkcs8', pemToDer(privateKeyPem, 'PRIVATE KEY'), OAEP_ALG, false, ['decrypt']);
  return decoder.decode(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, base64ToBytes(ciphertextBase64)));
}

// ---------------------------------------------------------------------------
// 小程序调起支付

export interface MiniProgramPayParamsInput {
  /** The mini-program AppID the order was placed with. */
  appId: string;
  prepayId: string;
  /** Merchant private key, imported or PEM. */
  privateKey: KeyInput;
  timestamp?: string;
  nonce?: string;
}

/** The arguments of wx.requestPayment (without success/fail callbacks). */
export interface MiniProgramPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** 小程序调起支付: paySign over "appId\ntimeStamp\nnonceStr\npackage\n". */
export async function miniProgramPayParams(input: MiniProgramPayParamsInput): Promise<MiniProgramPayParams> {
  const timeStamp = input.timestamp ?? unixSeconds();
  const nonceStr = input.nonce ?? wechatpayNonce();
  const pkg = `prepay_id=${input.prepayId}`;
  const paySign = await rsaSha256Sign(input.privateKey, `${input.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
  return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
}
