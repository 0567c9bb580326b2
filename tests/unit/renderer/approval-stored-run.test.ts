import { describe, expect, it } from 'vitest';
import { storedRun } from '../../../renderer/src/features/approvals/approval-runs';

// Run after a restart: the input main lists with the requester's own request, plus the secrets to type again.
describe('storedRun', () => {
  it('uses the listed input and asks for the run-time secrets', () => {
    expect(storedRun({ operation: 'users.create', input: { username: 'm', displayName: 'M', role: 'manager' } })).toEqual({ operation: 'users.create', input: { username: 'm', displayName: 'M', role: 'manager' }, secrets: ['password'] });
    expect(storedRun({ operation: 'users.create', input: { username: 'o', displayName: 'O', role: 'owner' } })?.secrets).toEqual(['password', 'ownerPassword']);
    expect(storedRun({ operation: 'users.resetPassword', input: { username: 'o' } })?.secrets).toEqual(['newPassword', 'ownerPassword']);
    expect(storedRun({ operation: 'monitoring.setRule', input: { id: 'views.many', enabled: false } })?.secrets).toEqual([]);
  });

  it('without a listed input (someone else\'s request) there is nothing to run', () => {
    expect(storedRun({ operation: 'users.setRole' })).toBeNull();
  });
});
