/**
 * Bytes → text for feeds and pages: the charset from the Content-Type header, else a byte-order mark, else the XML
 * prolog's encoding= (or an HTML <meta charset>), else UTF-8. TextDecoder knows the WHATWG labels (iso-8859-1,
 * windows-1252, koi8-r, shift_jis, utf-16…); an unknown label falls through to the next source.
 */
import { TextDecoder } from 'node:util';

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return null;
  }
}

function charsetFromContentType(contentType: string | null): string | null {
  return contentType ? (/;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType)?.[2] ?? null) : null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetFromDocument(bytes: Uint8Array): string | null {
  // The prolog and <meta> are ASCII in every encoding a feed may declare there, so latin1 is safe for sniffing.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (prolog) return prolog[1] ?? null;
  return /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head)?.[1] ?? null;
}

/** Decodes a response body. Never throws: undecodable bytes become U+FFFD. A leading BOM is dropped. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const decoder =
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(charsetFromBom(bytes)) ??
    decoderFor(charsetFromDocument(bytes)) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}
