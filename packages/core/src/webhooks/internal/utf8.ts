let encoder: TextEncoder | undefined;

/**
 * UTF-8 bytes of `text`. The encoder is created on first use, not at import, so that a bundle
 * which never calls this keeps none of the module (a top-level `new` is kept by bundlers).
 */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  encoder ??= new TextEncoder();
  return encoder.encode(text);
}
