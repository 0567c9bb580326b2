import { useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../../../../shared/contract';
import { ROLES } from '../../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { errorBody, useChannelMutation, useChannelQuery } from '../../query';
import { Actions, Button, Card, Notice } from '../../ui';
import layout from '../../ui/layout.module.css';
import styles from './settings.module.css';

/**
 * Which roles' windows are kept out of screenshots and screen sharing. Main applies it to the
 * window itself; the page only says where it works (not on Linux), honestly.
 */
export function ScreenProtectionSection() {
  const t = useT();
  const current = useChannelQuery('settings.screenProtection', {});
  const save = useChannelMutation('settings.setScreenProtection', ['settings.screenProtection']);
  const [roles, setRoles] = useState<readonly Role[]>([]);
  useEffect(() => {
    if (current.data) setRoles(current.data.roles);
  }, [current.data]);

  const toggle = (role: Role, on: boolean) => {
    save.reset();
    setRoles((before) => (on ? [...before, role] : before.filter((r) => r !== role)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ roles: [...roles] });
  };

  return (
    <Card title={t('screen.title')} level={3} className={styles.section} data-testid="screen-protection">
      <p className={layout.hint}>{t('screen.intro')}</p>
      <p className={layout.hint}>{t('screen.platforms')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className={styles.roles}>
          <legend>{t('screen.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className={layout.checkbox}>
              <input type="checkbox" checked={roles.includes(role)} disabled={!current.data || save.isPending} onChange={(e) => toggle(role, e.target.checked)} data-testid={`screen-role-${role}`} />
              <span>{t(`role.${role}`)}</span>
            </label>
          ))}
        </fieldset>
        <Actions>
          <Button type="submit" disabled={!current.data || save.isPending} data-testid="screen-save">
            {save.isPending ? t('common.working') : t('screen.save')}
          </Button>
        </Actions>
      </form>
      {save.isSuccess && (
        <Notice tone="success" data-testid="screen-saved">
          {t('screen.saved')}
        </Notice>
      )}
      <ErrorNotice error={errorBody(current.error) ?? errorBody(save.error)} />
    </Card>
  );
}
