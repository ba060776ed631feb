import { visibleControls } from './visible-text.ts';

/** Code points XML 1.0 forbids even as character references (controls and lone surrogates go in visibleControls). */
const NOT_XML = /[\ufffe\uffff]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlSafe(text: string): string {
  return visibleControls(text).replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Element content. */
export function xmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A double-quoted attribute value; line breaks and tabs kept as references (parsers turn raw ones into spaces). */
export function xmlAttr(text: string): string {
  return xmlSafe(text)
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
