import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { AppError } from '../../src/shared/errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Embedded PostgreSQL keeps its database in this process's memory and writes it back to
 * the directory, so two processes on one directory would overwrite each other's work.
 * The first to open it holds a lock file (`<dir>.lock`) with its pid; a second is refused (a lock left
 * by a process that is gone is taken over).
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new AppError(
          'DB_UNAVAILABLE',
          `The embedded database in ${dir} is open in process ${holder} (a running hub?). Stop it first, ` +
            'or run the hub on PostgreSQL (DATABASE_URL) to administer it while it serves.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('DB_UNAVAILABLE', `Could not lock ${dir}.`);
}
