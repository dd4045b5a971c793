import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Small file systems for disk-fault tests: a tmpfs to fill up, and an ext4 image on a loop device
 * whose files can be made immutable while open (ext4 then refuses writes on open descriptors,
 * which tmpfs does not; and neither can be remounted read-only while SQLite holds files open for
 * writing: the kernel answers EBUSY). Both need root; where mounting is not permitted the tests
 * skip and say why.
 */

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export interface Mount {
  readonly dir: string;
  unmount(): void;
}

/** Why this machine cannot mount file systems for the tests, or undefined when it can. */
export function cannotMount(kind: 'tmpfs' | 'ext4'): string | undefined {
  if (process.platform !== 'linux') return 'disk-fault tests need Linux (tmpfs, loop devices)';
  if (process.getuid?.() !== 0) return 'disk-fault tests mount file systems and need root';
  let mount: Mount | undefined;
  try {
    mount = kind === 'tmpfs' ? mountTmpfs(1024 * 1024) : mountExt4(8);
    return undefined;
  } catch (error) {
    return `mounting a ${kind} is not permitted here (${String((error as Error).message).split('\n')[0]})`;
  } finally {
    mount?.unmount();
  }
}

export function mountTmpfs(bytes: number): Mount {
  const dir = mkdtempSync(join(tmpdir(), 'motesplats-tmpfs-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    unmount() {
      run('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An ext4 image of `megabytes` on a loop device. */
export function mountExt4(megabytes: number): Mount {
  const base = mkdtempSync(join(tmpdir(), 'motesplats-ext4-'));
  const image = join(base, 'disk.img');
  const dir = join(base, 'mnt');
  try {
    run('truncate', ['-s', `${megabytes}M`, image]);
    run('mkfs.ext4', ['-q', '-F', image]);
    run('mkdir', [dir]);
    run('mount', ['-o', 'loop', image, dir]);
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    unmount() {
      run('umount', ['-l', dir]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** ext4's immutable flag: even root may no longer write the file, also through descriptors open now. */
export function setImmutable(file: string, on: boolean): void {
  run('chattr', [on ? '+i' : '-i', file]);
}

/** Writes a file until the file system is full; returns its path (delete it to free the space). */
export function fillUp(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // The last few bytes, too.
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

export function freeUp(file: string): void {
  unlinkSync(file);
}
