// A listener's default action or a rule's action, and a rule's conditions, from a form's fields, as
// ELBv2 takes them: forward (one group, or weighted between two), redirect, fixed-response.
import { list } from './ui.js';

/** The form's action as ELBv2's `Actions` list. */
export function actionsFrom(v) {
  if (v.action === 'forward') return [{ Type: 'forward', TargetGroupArn: v.targetGroup }];
  if (v.action === 'weighted forward') {
    const [a = 1, b = 1] = list(v.weights ?? '').map(Number);
    return [{
      Type: 'forward',
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: v.targetGroup, Weight: a }, { TargetGroupArn: v.secondTargetGroup, Weight: b }] },
    }];
  }
  if (v.action === 'redirect') {
    return [{ Type: 'redirect', RedirectConfig: { Protocol: v.redirectProtocol || '#{protocol}', Port: v.redirectPort || '#{port}', StatusCode: v.redirectCode } }];
  }
  return [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: v.responseCode, ContentType: 'text/plain', ...(v.responseBody ? { MessageBody: v.responseBody } : {}) } }];
}

/** The rule form's conditions: each filled field is one condition, values comma-separated. */
export function conditionsFrom(v) {
  const out = [];
  if (v.path) out.push({ Field: 'path-pattern', PathPatternConfig: { Values: list(v.path) } });
  if (v.host) out.push({ Field: 'host-header', HostHeaderConfig: { Values: list(v.host) } });
  if (v.method) out.push({ Field: 'http-request-method', HttpRequestMethodConfig: { Values: list(v.method) } });
  if (v.sourceIp) out.push({ Field: 'source-ip', SourceIpConfig: { Values: list(v.sourceIp) } });
  if (v.headerName) out.push({ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: v.headerName, Values: list(v.headerValues ?? '') } });
  if (v.query) {
    const pairs = list(v.query).map((pair) => {
      const [Key, ...rest] = pair.split('=');
      return rest.length ? { Key, Value: rest.join('=') } : { Value: Key };
    });
    out.push({ Field: 'query-string', QueryStringConfig: { Values: pairs } });
  }
  return out;
}

/** A rule's conditions in a few words: `path /api/*; method GET`. */
export function conditionsText(conditions = []) {
  return conditions.map((c) => {
    const values = c.PathPatternConfig?.Values ?? c.HostHeaderConfig?.Values ?? c.HttpRequestMethodConfig?.Values ?? c.SourceIpConfig?.Values
      ?? c.QueryStringConfig?.Values?.map((p) => (p.Key ? `${p.Key}=${p.Value}` : p.Value)) ?? c.Values ?? [];
    const field = c.Field === 'http-header' ? `header ${c.HttpHeaderConfig?.HttpHeaderName}` : c.Field;
    return `${field} ${(c.HttpHeaderConfig?.Values ?? values).join(', ')}`;
  }).join('; ');
}
