import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Where the device token lives. The core reads and writes it through this, never the
 * renderer: in Electron the main process keeps it encrypted with safeStorage; in the
 * browser test host and in tests it is a file only the user can read.
 */
export interface SecretStore {
  /** Whether a token can be kept safely here; enrolment is refused before it starts when not. */
  readonly available: boolean;
  read(): string | null;
  write(token: string | null): void;
}

export class FileSecretStore implements SecretStore {
  readonly available = true;

  constructor(private readonly file: string) {}

  read(): string | null {
    return existsSync(this.file) ? readFileSync(this.file, 'utf8').trim() || null : null;
  }

  write(token: string | null): void {
    if (token === null) {
      rmSync(this.file, { force: true });
      return;
    }
    writeFileSync(this.file, token, { mode: 0o600, flush: true });
    chmodSync(this.file, 0o600);
  }
}

/**
 * A store whose value lives in memory and is handed back to the owner on every change (the
 * Electron core process); `available` is main's answer on whether the OS keychain can keep it.
 */
export class RelayedSecretStore implements SecretStore {
  constructor(
    private value: string | null,
    private readonly persist: (token: string | null) => void,
    readonly available: boolean,
  ) {}

  read(): string | null {
    return this.value;
  }

  write(token: string | null): void {
    this.value = token;
    this.persist(token);
  }
}
