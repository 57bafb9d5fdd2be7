'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, fieldAria, Input, Select, Textarea } from '@/components/ui/field';
import type { SsoSettingsDto } from '@/lib/domain/sso/config';
import { ssoConfigSchema } from '@/lib/schemas/sso';

type Errors = Record<string, string>;

/** "group = role" lines ↔ the mapping. */
const mappingText = (m: { group: string; role: string }[]) => m.map((g) => `${g.group} = ${g.role}`).join('\n');
function parseMapping(text: string): unknown {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf('=');
      return i < 0 ? { group: l, role: '' } : { group: l.slice(0, i).trim(), role: l.slice(i + 1).trim() };
    });
}
const splitDomains = (text: string) => text.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean);

/**
 * Single sign-on of a tenant (issue 19), on its staff page: the OpenID Connect provider, the
 * email domains it owns, roles, and "require SSO" with a break-glass administrator. Validated
 * with the API's own schema before it is sent to PUT /api/v1/admin/tenants/{id}/sso.
 */
export function SsoCard({ tenantId, settings }: { tenantId: string; settings: SsoSettingsDto }) {
  const router = useRouter();
  const config = settings.config;
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [testing, setTesting] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [requireSso, setRequireSso] = useState(config?.requireSso ?? false);
  const redirectUri = config?.redirectUri ?? null;

  function input(form: HTMLFormElement) {
    const f = new FormData(form);
    const secret = String(f.get('clientSecret') ?? '');
    return {
      issuer: String(f.get('issuer') ?? ''),
      clientId: String(f.get('clientId') ?? ''),
      ...(secret ? { clientSecret: secret } : {}),
      domains: splitDomains(String(f.get('domains') ?? '')),
      defaultRole: String(f.get('defaultRole') ?? 'user'),
      groupsClaim: String(f.get('groupsClaim') ?? '') || 'groups',
      groupRoles: parseMapping(String(f.get('groupRoles') ?? '')),
      requireSso,
      breakGlassUserId: String(f.get('breakGlassUserId') ?? '') || null,
    };
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const body = input(event.currentTarget);
    const parsed = ssoConfigSchema.safeParse(body);
    const errs: Errors = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errs[String(issue.path[0] ?? 'form')] ??= issue.message;
    if (!config && !body.clientSecret) errs.clientSecret = 'Client secret is required.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setPending(true);
    const res = await fetch(`/api/v1/admin/tenants/${tenantId}/sso`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    setPending(false);
    if (res.ok) {
      setMessage({ tone: 'ok', text: 'Single sign-on saved.' });
      router.refresh();
      return;
    }
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; field?: string; errors?: { field: string; message: string }[] };
    const fieldErrors: Errors = {};
    for (const e of problem.errors ?? []) fieldErrors[e.field] ??= e.message;
    if (problem.field && problem.detail) fieldErrors[problem.field] = problem.detail;
    setErrors(fieldErrors);
    setMessage({ tone: 'error', text: problem.detail ?? 'Could not save.' });
  }

  async function onTest(form: HTMLFormElement | null) {
    if (!form) return;
    setMessage(null);
    setTesting(true);
    const res = await fetch(`/api/v1/admin/tenants/${tenantId}/sso/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ issuer: new FormData(form).get('issuer') }) });
    setTesting(false);
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; problem?: string; detail?: string; provider?: { issuer: string } };
    if (res.ok && body.ok) setMessage({ tone: 'ok', text: `Connection works: the discovery document of ${body.provider?.issuer} names that issuer.` });
    else setMessage({ tone: 'error', text: body.problem ?? body.detail ?? 'The test failed.' });
  }

  async function onRemove() {
    const res = await fetch(`/api/v1/admin/tenants/${tenantId}/sso`, { method: 'DELETE' });
    if (!res.ok) throw new Error('remove failed');
    setMessage({ tone: 'ok', text: 'Single sign-on removed.' });
    router.refresh();
  }

  const err = (k: string) => errors[k] ?? null;

  return (
    <Card data-testid="sso-card">
      <CardHeader
        title="Single sign-on"
        description="An OpenID Connect identity provider (ADFS, Entra ID, Okta, Keycloak…) for the tenant's email domains. Users are created at their first sign-in."
        actions={config ? <Badge tone={config.requireSso ? 'info' : 'neutral'}>{config.requireSso ? 'SSO required' : 'SSO enabled'}</Badge> : <Badge tone="neutral">Not configured</Badge>}
      />
      <CardBody className="py-4">
        <form id={`sso-form-${tenantId}`} onSubmit={onSave} className="space-y-4" noValidate>
          {message && (
            <p role={message.tone === 'error' ? 'alert' : 'status'} data-testid="sso-message" className={message.tone === 'error' ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-300' : 'rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-500/10 dark:text-emerald-200'}>
              {message.text}
            </p>
          )}
          {redirectUri && (
            <div className="rounded-md bg-slate-50 px-3 py-2 text-xs dark:bg-slate-800/60">
              <span className="font-medium">Redirect URI</span> (register it at the provider): <code className="break-all font-mono" data-testid="sso-redirect-uri">{redirectUri}</code>
            </div>
          )}
          <Field htmlFor="sso-issuer" label="Issuer URL" hint="Its /.well-known/openid-configuration must name exactly this issuer." error={err('issuer')}>
            <Input id="sso-issuer" name="issuer" defaultValue={config?.issuer ?? ''} placeholder="https://login.example.com/realms/acme" {...fieldAria('sso-issuer', err('issuer'), true)} />
          </Field>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field htmlFor="sso-client-id" label="Client id" error={err('clientId')}>
              <Input id="sso-client-id" name="clientId" defaultValue={config?.clientId ?? ''} autoComplete="off" {...fieldAria('sso-client-id', err('clientId'))} />
            </Field>
            <Field htmlFor="sso-client-secret" label="Client secret" hint={config ? 'Stored encrypted; leave blank to keep it.' : 'Stored encrypted, never shown again.'} error={err('clientSecret')}>
              <Input id="sso-client-secret" name="clientSecret" type="password" autoComplete="new-password" {...fieldAria('sso-client-secret', err('clientSecret'), true)} />
            </Field>
          </div>
          <Field htmlFor="sso-domains" label="Email domains" hint="One per line. A domain belongs to one tenant." error={err('domains')}>
            <Textarea id="sso-domains" name="domains" rows={2} defaultValue={config?.domains.join('\n') ?? ''} spellCheck={false} {...fieldAria('sso-domains', err('domains'), true)} />
          </Field>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field htmlFor="sso-default-role" label="Role of new users" error={err('defaultRole')}>
              <Select id="sso-default-role" name="defaultRole" defaultValue={config?.defaultRole ?? 'user'}>
                <option value="user">User</option>
                <option value="client_admin">Client administrator</option>
              </Select>
            </Field>
            <Field htmlFor="sso-groups-claim" label="Groups claim" hint="ID token claim with the groups." error={err('groupsClaim')}>
              <Input id="sso-groups-claim" name="groupsClaim" defaultValue={config?.groupsClaim ?? 'groups'} {...fieldAria('sso-groups-claim', err('groupsClaim'), true)} />
            </Field>
          </div>
          <Field htmlFor="sso-group-roles" label="Group → role mapping (optional)" hint='One "group = user" or "group = client_admin" per line. With a mapping, the role follows the groups at every sign-in.' error={err('groupRoles')}>
            <Textarea id="sso-group-roles" name="groupRoles" rows={3} defaultValue={config ? mappingText(config.groupRoles) : ''} spellCheck={false} className="font-mono" {...fieldAria('sso-group-roles', err('groupRoles'), true)} />
          </Field>
          <div className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="requireSso" checked={requireSso} onChange={(e) => setRequireSso(e.target.checked)} className="mt-0.5" data-testid="sso-require" />
              <span>
                <span className="font-medium">Require single sign-on</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">Password sign-in is refused for everyone of the tenant except the break-glass administrator.</span>
              </span>
            </label>
            <Field htmlFor="sso-break-glass" label="Break-glass administrator" hint="Keeps password sign-in for when the identity provider is down." error={err('breakGlassUserId')}>
              <Select id="sso-break-glass" name="breakGlassUserId" defaultValue={config?.breakGlassUserId ?? ''} {...fieldAria('sso-break-glass', err('breakGlassUserId'), true)}>
                <option value="">None</option>
                {settings.administrators.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.email})
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" pending={pending}>
              {config ? 'Save single sign-on' : 'Enable single sign-on'}
            </Button>
            <Button type="button" pending={testing} onClick={(e) => onTest(e.currentTarget.form)}>
              Test connection
            </Button>
            {config && (
              <Button type="button" variant="danger" onClick={() => setConfirmRemove(true)}>
                Remove
              </Button>
            )}
          </div>
        </form>
        <ConfirmDialog
          open={confirmRemove}
          onOpenChange={setConfirmRemove}
          title="Remove single sign-on?"
          description="Users of these domains then sign in with passwords only; accounts created through single sign-on have none and must be reset by an administrator."
          confirmLabel="Remove single sign-on"
          tone="danger"
          onConfirm={onRemove}
        />
      </CardBody>
    </Card>
  );
}
