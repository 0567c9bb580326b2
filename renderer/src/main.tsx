import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
// The design tokens, once and first: every screen's CSS Module reads them. Then the reset, the
// only global rules (element selectors, no classes).
import './ui/tokens.css';
import './ui/base.css';
import { App } from './App';
import { queryClient } from './query';
import { Toaster } from './ui';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
        <Toaster />
      </QueryClientProvider>
    </StrictMode>,
  );
}
