import { create } from 'zustand';

/**
 * The shop's profile as the renderer needs it for display: the currency money is shown in and the
 * shop's name. The settings screen fills it from its channel after sign-in; until then CNY.
 */
export interface ShopProfile {
  currency: string;
  shopName: string;
}

interface ShopState extends ShopProfile {
  setProfile(profile: Partial<ShopProfile>): void;
}

export const DEFAULT_CURRENCY = 'CNY';

export const useShopStore = create<ShopState>()((set) => ({
  currency: DEFAULT_CURRENCY,
  shopName: '',
  setProfile: (profile) => set((state) => ({ currency: profile.currency || state.currency, shopName: profile.shopName ?? state.shopName })),
}));
