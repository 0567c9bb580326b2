/**
 * Coffer's UI primitives. Screens build from these and the tokens in tokens.css (imported once,
 * from main.tsx); each primitive styles itself with its own CSS Module, so the strict CSP
 * (style-src 'self') holds: no runtime CSS-in-JS, no <style> tags.
 */
export { Actions, type ActionsProps } from './Actions';
export { Badge, type BadgeProps, type BadgeTone } from './Badge';
export { Button, type ButtonProps, type ButtonSize, type ButtonVariant } from './Button';
export { Card, type CardProps } from './Card';
export { cx } from './cx';
export { Dialog, type DialogProps } from './Dialog';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { Field, Input, TextArea, type ControlProps, type FieldProps } from './Field';
export { Notice, type NoticeProps, type NoticeTone } from './Notice';
export { Progress, type ProgressProps } from './Progress';
export { Select, type SelectProps } from './Select';
export { Table, type Column, type RowAttributes, type TableProps } from './Table';
export { Tabs, type TabItem, type TabsProps } from './Tabs';
export { Toaster, clearToasts, toast, useToastStore, type ToastOptions, type ToastTone } from './Toast';
