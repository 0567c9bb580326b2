import { useEffect } from 'react';
import { useChannelQuery } from '../../query';
import { useShopStore } from '../../stores/shop-store';

/**
 * Loads the shop profile once signed in and hands it to the shop store, so money everywhere
 * shows the shop's currency. A save in Settings invalidates the same query, so this follows it.
 */
export function useShopProfileSync(signedIn: boolean): void {
  const setProfile = useShopStore((state) => state.setProfile);
  const profile = useChannelQuery('settings.shopProfile', {}, { enabled: signedIn, staleTime: Infinity });
  useEffect(() => {
    if (profile.data) setProfile({ shopName: profile.data.name, currency: profile.data.currency });
  }, [profile.data, setProfile]);
}
