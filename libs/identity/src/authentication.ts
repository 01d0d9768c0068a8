import type { DataSource } from 'typeorm';
import { AppError, say } from '@app/platform';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import type { Credentials } from './user-input.js';
import { isUserId, toCaller, USER_COLUMNS, type Caller, type UserRow } from './user-record.js';

/** Signing in, and finding who a token's subject is now (their role may have changed since). */
export class Authentication {
  constructor(private readonly db: DataSource) {}

  /**
   * An unknown username and a wrong password get the same answer after the same work. Only a
   * caller who knows the password learns that the account is deactivated.
   */
  async authenticate({ username, password }: Credentials): Promise<Caller> {
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower($1)`, [
      username.trim(),
    ]);
    const row = rows[0];
    const matches = row ? await verifyPassword(row.password_hash, password) : await verifyAgainstNothing(password);
    if (!row || !matches) throw new AppError('UNAUTHENTICATED', say('auth.wrongCredentials'));
    if (!row.active) throw new AppError('UNAUTHENTICATED', say('auth.deactivated'));
    return toCaller(row);
  }

  /** The active user behind a token's subject, or null: deleted or deactivated users lose access at once. */
  async findCaller(userId: string): Promise<Caller | null> {
    if (!isUserId(userId)) return null;
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND active`, [userId]);
    return rows[0] ? toCaller(rows[0]) : null;
  }
}
