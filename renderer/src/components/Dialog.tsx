// The dialog became a UI primitive (renderer/src/ui/Dialog.tsx); this path stays for old imports.
export { Dialog, type DialogProps } from '../ui/Dialog';
