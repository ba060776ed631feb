import { visibleControls } from '../visible-text.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML element content and quoted attribute values: markup characters become entities and
 * control characters visible `\xNN`, so server text can never open a tag, an attribute or a script.
 */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
