/**
 * Who is sending: each process claims the outbox deliveries and webhook attempts it is about to
 * send (a lease: claimed_by, claimed_until) in a write transaction, so two portal processes on
 * one database never send the same pending row at the same time. A process that dies holding a
 * lease simply lets it run out; the next sender takes the row over after that.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** This process's claimant id: host, pid and a random tag (a restarted process never reuses one). */
export const PROCESS_CLAIMANT = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
