import type { PrivacyRegime, PrivacySettings } from '../../../shared/privacy';
import type { Db } from '../db/open-database';

export function readPrivacySettings(db: Db): PrivacySettings {
  return db.prepare('SELECT regime, contact_name AS contactName, contact_reach AS contactReach FROM privacy_settings WHERE id = 1').get() as PrivacySettings;
}

export function readPrivacyRegime(db: Db): PrivacyRegime {
  return readPrivacySettings(db).regime;
}

export function writePrivacySettings(db: Db, settings: PrivacySettings, at: string): void {
  db.prepare('UPDATE privacy_settings SET regime = ?, contact_name = ?, contact_reach = ?, updated_at = ? WHERE id = 1').run(settings.regime, settings.contactName, settings.contactReach, at);
}
