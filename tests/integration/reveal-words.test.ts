import { expect, it } from 'vitest';
import { describeKeychain } from '../support/keyring';
import { accessWorld } from './access-helpers';

describeKeychain('the reveal limit says what happens', () => {
  it('past reveals.many the refusal asks for the password again (session.stepUp), nothing else', async () => {
    const world = await accessWorld();
    try {
      let refusal: string | undefined;
      for (let i = 0; i < 31 && !refusal; i += 1) {
        const result = await world.router.dispatch(world.caller('sales'), 'customers.reveal', { id: 1, field: 'email', reason: 'bulk check' });
        if (!result.ok && result.error.code === 'STEP_UP_REQUIRED') refusal = result.error.message;
      }
      expect(refusal).toBeDefined();
      expect(refusal).toMatch(/password again/);
    } finally {
      world.core.close();
    }
  });
});
