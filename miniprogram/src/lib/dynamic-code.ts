// Makes the codes the card page shows: a new one at every step boundary and
// whenever the user taps, each with the next counter of the credential (taken
// from the wallet, which persists it first). Clock in epoch ms, injectable.
import { makeCode, type KeyPair } from '@yima/shared/code-protocol/index';
import { credentialBytes, type CodeWallet, type StoredCredential } from './code-wallet';

export interface CodeFrame {
  text: string;
  step: number;
  counter: number;
  /** Unix seconds: when this code is replaced (the start of the next step). */
  refreshAt: number;
}

export interface CodeGenerator {
  /** A new code now (takes a counter). Null once the credential has expired. */
  next(): CodeFrame | null;
  /** The code on screen, if any. */
  current(): CodeFrame | null;
  /** True when the code on screen is from an earlier step (or there is none). */
  due(): boolean;
  /** Whole seconds until the code on screen is replaced (0 when due). */
  secondsLeft(): number;
  expired(): boolean;
}

export function createCodeGenerator(options: {
  wallet: CodeWallet;
  credential: StoredCredential;
  deviceKey: KeyPair;
  now?: () => number;
}): CodeGenerator {
  const { wallet, credential, deviceKey } = options;
  const now = options.now ?? Date.now;
  const bytes = credentialBytes(credential);
  const nowSeconds = () => Math.floor(now() / 1000);
  let frame: CodeFrame | null = null;

  const expired = () => nowSeconds() >= credential.expiresAt;

  return {
    next() {
      if (expired()) {
        frame = null;
        return null;
      }
      const counter = wallet.takeCounter(credential.orgId, credential.memberId, credential.credentialId);
      const made = makeCode({ credential: bytes, deviceSecretKey: deviceKey.secretKey, now: nowSeconds(), counter });
      frame = { text: made.text, step: made.step, counter: made.counter, refreshAt: made.refreshAt };
      return frame;
    },
    current: () => frame,
    due: () => !frame || now() >= frame.refreshAt * 1000,
    secondsLeft: () => (frame ? Math.max(0, Math.ceil((frame.refreshAt * 1000 - now()) / 1000)) : 0),
    expired,
  };
}
