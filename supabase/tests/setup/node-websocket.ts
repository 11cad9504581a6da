// supabase-js builds a realtime client eagerly; Node 20 has no global
// WebSocket, so give it the ws package (Deno and browsers have their own).
import WebSocket from 'ws';

globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
