/**
 * One live owner per spool directory: a `lock` file holds the owner's pid. The lock of a killed
 * process is taken over; a live owner's is refused with SpoolLockedError.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SpoolLockedError } from './errors.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock for this process (taking over the lock of a dead one). */
export function takeLock(dir: string): void {
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) throw new SpoolLockedError(dir, owner);
      fs.rmSync(file, { force: true });
    }
  }
  throw new SpoolLockedError(dir, -1);
}

/** Releases the lock if this process holds it. */
export function releaseLock(dir: string): void {
  const file = path.join(dir, 'lock');
  try {
    if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}
