/**
 * Network guard for every test: a connection to anything but loopback throws before a packet leaves.
 * undici, discord.js, the Slack clients and ws all end in net.Socket#connect, so patching it covers them.
 * SSRF tests rely on this: even if the project's own check were broken, nothing reaches 169.254.169.254.
 */
import net from 'node:net';
import { guardSocketConnect } from './loopback-only.ts';

guardSocketConnect(net.Socket.prototype);
