import type { SimResponse } from '../service';

/** Form fields of an awsQuery request body (`Action=...&Version=...&Tags.member.1.Key=...`). */
export function parseQueryForm(body: Buffer): Map<string, string> {
  return new Map(new URLSearchParams(body.toString('utf8')));
}

/** Reads a query list such as `Tags.member.N.Key/Value` into objects, in member order. */
export function readQueryList(form: Map<string, string>, prefix: string): Record<string, string>[] {
  const items: Record<string, string>[] = [];
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.member\\.(\\d+)(?:\\.(.+))?$`);
  for (const [key, value] of form) {
    const match = pattern.exec(key);
    if (!match) continue;
    const index = Number(match[1]) - 1;
    const item = items[index] ?? {};
    item[match[2] ?? ''] = value;
    items[index] = item;
  }
  return items.filter(Boolean);
}

export type XmlValue = string | number | Date | XmlNode | undefined;
export interface XmlNode {
  [element: string]: XmlValue;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char,
  );
}

function toXml(node: XmlNode): string {
  let xml = '';
  for (const [name, value] of Object.entries(node)) {
    if (value === undefined) continue;
    const inner =
      value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? toXml(value)
          : escapeXml(String(value));
    xml += `<${name}>${inner}</${name}>`;
  }
  return xml;
}

function xmlResponse(status: number, requestId: string, body: string): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

/** `<{Action}Response><{Action}Result>...</{Action}Result><ResponseMetadata>...` as AWS wraps it. */
export function queryResult(options: {
  action: string;
  xmlNamespace: string;
  requestId: string;
  result: XmlNode;
}): SimResponse {
  const { action, xmlNamespace, requestId, result } = options;
  return xmlResponse(
    200,
    requestId,
    `<${action}Response xmlns="${xmlNamespace}">` +
      toXml({ [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } }) +
      `</${action}Response>`,
  );
}

/** The awsQuery error document; the SDK maps `Code` to the thrown exception's `name`. */
export function queryError(options: {
  code: string;
  message: string;
  status: number;
  xmlNamespace: string;
  requestId: string;
}): SimResponse {
  const { code, message, status, xmlNamespace, requestId } = options;
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return xmlResponse(
    status,
    requestId,
    `<ErrorResponse xmlns="${xmlNamespace}">` +
      toXml({ Error: { Type: type, Code: code, Message: message }, RequestId: requestId }) +
      '</ErrorResponse>',
  );
}
