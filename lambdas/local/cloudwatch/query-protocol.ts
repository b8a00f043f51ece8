/**
 * AWS Query, as older SDKs, the Java SDK v2 releases the KCL 2.x ships with and the KPL's C++ SDK
 * speak to CloudWatch: a form-encoded POST (or GET) with `Action` and `Version`, answered in XML in
 * CloudWatch's namespace — `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`,
 * lists as `<member>` items, timestamps in ISO 8601 — and errors as an `<ErrorResponse>` with the
 * query code. The XML is built with the SDK's own @aws-sdk/xml-builder, which escapes text.
 */
import { XmlNode } from '@aws-sdk/xml-builder';
import type { HttpResponse } from '../../protocol/http';
import type { CloudWatchError } from './errors';

const XML_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';
const XML_TYPE = 'text/xml';

/** Form bodies are recognised by their content type (parameters such as the charset aside). */
export function isFormBody(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function node(name: string, value: unknown): XmlNode | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return XmlNode.of(name, value.toISOString());
  if (Array.isArray(value)) {
    const list = new XmlNode(name);
    for (const item of value) {
      const member = node('member', item);
      if (member) list.c(member);
    }
    return list;
  }
  if (typeof value === 'object') {
    const struct = new XmlNode(name);
    for (const [k, v] of Object.entries(value)) {
      const child = node(k, v);
      if (child) struct.c(child);
    }
    return struct;
  }
  return XmlNode.of(name, String(value));
}

function metadata(requestId: string): XmlNode {
  return new XmlNode('ResponseMetadata').c(XmlNode.of('RequestId', requestId));
}

export function xmlResponse(action: string, requestId: string, output: object | void): HttpResponse {
  const root = new XmlNode(`${action}Response`).a('xmlns', XML_NAMESPACE);
  if (output) root.c(node(`${action}Result`, output)!);
  root.c(metadata(requestId));
  return { status: 200, headers: { 'x-amzn-RequestId': requestId, 'Content-Type': XML_TYPE }, body: root.toString() };
}

export function xmlError(requestId: string, error: CloudWatchError): HttpResponse {
  const detail = new XmlNode('Error').c(XmlNode.of('Type', error.fault)).c(XmlNode.of('Code', error.code)).c(XmlNode.of('Message', error.message));
  const root = new XmlNode('ErrorResponse').a('xmlns', XML_NAMESPACE).c(detail).c(XmlNode.of('RequestId', requestId));
  return { status: error.status, headers: { 'x-amzn-RequestId': requestId, 'Content-Type': XML_TYPE }, body: root.toString() };
}
