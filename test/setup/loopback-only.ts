import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

type ConnectFn = (this: net.Socket, ...args: unknown[]) => net.Socket;

/** Patches Socket#connect so that any TCP target other than loopback (and any IPC path is allowed) throws. */
export function guardSocketConnect(proto: net.Socket): void {
  const original = proto.connect as unknown as ConnectFn;
  if ((original as { guarded?: boolean }).guarded) return;
  const guarded: ConnectFn = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    let host: string | undefined;
    let path: string | undefined;
    if (Array.isArray(first)) {
      // internal normalized form: [options, cb]
      const opts = first[0] as { host?: string; path?: string } | undefined;
      host = opts?.host;
      path = opts?.path;
    } else if (first && typeof first === 'object') {
      const opts = first as { host?: string; path?: string };
      host = opts.host;
      path = opts.path;
    } else if (typeof first === 'number') {
      host = typeof args[1] === 'string' ? (args[1] as string) : 'localhost';
    } else if (typeof first === 'string') {
      path = first;
    }
    // net defaults to localhost when no host is given, which is allowed
    if (!path && host !== undefined && !isLoopbackHost(host)) {
      // Fail the way a refused connection fails (an 'error' on the socket), so the caller's own error handling
      // sees it; a synchronous throw here would escape undici's connector and crash the test process instead.
      const err = Object.assign(
        new Error(`network guard: connection to ${host} refused (tests may only reach loopback)`),
        {
          code: 'ECONNREFUSED',
        },
      );
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return original.apply(this, args);
  };
  (guarded as { guarded?: boolean }).guarded = true;
  proto.connect = guarded as unknown as typeof proto.connect;
}
