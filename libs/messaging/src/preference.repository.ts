import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface Preferences {
  nudges: boolean;
}

@Injectable()
export class PreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(userId: string): Promise<Preferences> {
    const [row] = await this.dataSource.query(`SELECT nudges FROM message_preferences WHERE user_id = $1`, [userId]);
    return { nudges: row?.nudges ?? true };
  }

  /** Returns false when the user does not exist. */
  async set(userId: string, preferences: Preferences): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO message_preferences (user_id, nudges) SELECT id, $2 FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET nudges = EXCLUDED.nudges, updated_at = now()
       RETURNING user_id`,
      [userId, preferences.nudges],
    );
    return rows.length > 0;
  }
}
