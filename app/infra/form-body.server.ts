import type { MessageKey } from "./i18n/i18n.ts";

/**
 * The one check of request bodies before any action runs (wired in
 * scripts/lib/http-server.ts for every non-GET request). Every action reads
 * a form (`request.formData()`), which throws on any other content type or
 * on a broken multipart body, so such requests are answered here: 415 for
 * a content type that is not a form, 400 for a form that cannot be read,
 * 413 for a body over the limit. Actions then only ever see readable forms.
 */

/** Forms are small: the largest real one (an activity with 21 weekly times) is a few kB. */
export const FORM_BODY_LIMIT = 1024 * 1024;

export const FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export type BodyProblem = { status: 400 | 413 | 415; message: MessageKey };

export const TOO_LARGE: BodyProblem = { status: 413, message: "request.tooLarge" };

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | null | undefined) {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Before reading: a declared length over the limit, or a body that is not a form. */
export function checkBodyHeaders(headers: {
  contentType: string | undefined;
  contentLength: string | undefined;
  chunked: boolean;
}): BodyProblem | undefined {
  const length = headers.contentLength === undefined ? undefined : Number(headers.contentLength);
  if (length !== undefined && length > FORM_BODY_LIMIT) return TOO_LARGE;
  const hasBody = headers.chunked || (length !== undefined && length > 0);
  const type = mediaType(headers.contentType);
  // No body and no type (a bare POST): read as an empty form.
  if (!hasBody && type === "") return undefined;
  if (!FORM_CONTENT_TYPES.includes(type))
    return { status: 415, message: "request.unsupportedType" };
  return undefined;
}

/** After reading: the body must parse as the form it says it is. */
export async function checkFormBody(
  contentType: string | undefined,
  body: Buffer,
): Promise<BodyProblem | undefined> {
  if (mediaType(contentType) !== "multipart/form-data") return undefined;
  try {
    await new Response(new Uint8Array(body), {
      headers: { "Content-Type": contentType ?? "" },
    }).formData();
    return undefined;
  } catch {
    return { status: 400, message: "request.malformed" };
  }
}
