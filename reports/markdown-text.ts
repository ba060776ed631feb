import { terminalSafe } from './terminal-text.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '@': '&#64;' };

/**
 * Untrusted text as inline Markdown (GitHub flavour) that renders as the same text: no control
 * characters or line breaks (a line break could start a heading or end a table row), no HTML, no
 * emphasis, links, code spans, table cells or mentions of its own. The punctuation Markdown gives a
 * meaning to inside a line is backslash-escaped (what matters only at the start of a line is left:
 * this text never starts one), markup characters become entities.
 */
export function markdownText(text: string): string {
  return terminalSafe(text)
    .replace(/[\\`*_{}[\]()#+!|~:]/g, (ch) => `\\${ch}`)
    // GFM links bare "www." names too; ":" is escaped above, which breaks "scheme://".
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}\\.`)
    // Last: the entities' own "&", "#" and ";" must stay as they are.
    .replace(/[&<>"@]/g, (ch) => ENTITIES[ch] ?? ch);
}
