import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';

/**
 * The hub device token on disk, encrypted with the operating system's keychain through
 * Electron's safeStorage. Only main touches it; the core receives it in memory and the
 * renderer never sees it.
 */
export class TokenStore {
  constructor(private readonly file: string) {}

  /**
   * Whether the OS keychain can encrypt the token. On Linux without a secret service,
   * Electron falls back to `basic_text`, a hard-coded key: that is no protection, so it
   * counts as unavailable and the app refuses to enrol instead of pretending.
   */
  available(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  read(): string | null {
    if (!existsSync(this.file) || !this.available()) return null;
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch {
      // A token encrypted under another OS account cannot be read; the rep enrols again.
      return null;
    }
  }

  write(token: string | null): void {
    if (token === null) {
      rmSync(this.file, { force: true });
      return;
    }
    if (!this.available()) throw new Error('The operating system offers no secure storage for the device token.');
    writeFileSync(this.file, safeStorage.encryptString(token), { mode: 0o600 });
  }
}
