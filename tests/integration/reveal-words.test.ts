import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

describeKeychain('the reveal limit says what happens', () => {
  it('past the limit the refusal names the audit log, not an owner alert nobody sends', async () => {
    const world = await accessWorld();
    try {
      let refusal: string | undefined;
      for (let i = 0; i < 31 && !refusal; i += 1) {
        const result = await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'email', reason: 'bulk check' });
        if (!result.ok && result.error.code === 'RATE_LIMITED') refusal = result.error.message;
      }
      expect(refusal).toBeDefined();
      expect(refusal).not.toMatch(/alert/i);
      expect(refusal).toMatch(/audit log/);
    } finally {
      world.core.close();
    }
  });
});
