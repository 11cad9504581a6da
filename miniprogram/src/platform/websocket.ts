import type { SupabaseClientOptions } from '@supabase/supabase-js';
import { IS_H5 } from './env';

export type RealtimeTransport = NonNullable<NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']>;

/**
 * supabase-js creates its Realtime client eagerly, and realtime-js throws
 * "Unknown JavaScript runtime without WebSocket support" when it finds no
 * global WebSocket, as in the mini-program, so createClient itself would fail.
 * The app does not use Realtime: hand it a transport that only fails if
 * someone actually opens a channel. (A wx.connectSocket adapter goes here if
 * Realtime is ever needed.)
 */
export class UnavailableWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  constructor() {
    throw new Error('Realtime is not available in the mini-program build');
  }
}

/** H5: let supabase-js use the browser's WebSocket. Mini-program: the stub. */
export function realtimeTransport(): RealtimeTransport | undefined {
  return IS_H5 ? undefined : (UnavailableWebSocket as unknown as RealtimeTransport);
}
