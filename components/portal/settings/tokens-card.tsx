'use client';

import { OneTimeSecret } from './one-time-secret';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/(portal)/settings/actions';
import type { ApiTokenDto } from '@/lib/domain/accounts/tokens';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, Input, Select } from '@/components/ui/field';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { formatDate, formatDateTime } from '@/lib/format';

const STATUS = { active: 'success', expired: 'neutral', revoked: 'neutral' } as const;

/** API tokens for scripts: create (the secret is shown once) and revoke. */
export function TokensCard({ tokens, showOwner }: { tokens: ApiTokenDto[]; showOwner: boolean }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  // Read-only unless asked: a token kept in a script or CI secret should not be able to fail over.
  const [scope, setScope] = useState<'read' | 'full'>('read');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  function create(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await createTokenAction({ name, expiresInDays: days, scope });
      setResult(r);
      if (r.ok && r.token) {
        setSecret(r.token);
        setName('');
        router.refresh();
      } else if (!r.ok && !r.errors) toast({ tone: 'danger', title: 'Token not created', description: r.message });
    });
  }

  return (
    <Card data-testid="tokens-card">
      <CardHeader title="API tokens" description="Bearer tokens for scripts and automation (Authorization: Bearer …), at most 90 days. Read-only tokens can only read; full tokens act with your role." />
      <CardBody className="space-y-3">
        <form onSubmit={create} className="flex flex-wrap items-start gap-3" noValidate>
          <Field htmlFor="token-name" label="Token name" error={fieldError(result, 'name')} className="w-64">
            <Input id="token-name" value={name} maxLength={80} placeholder="e.g. nightly DR report" onChange={(e) => setName(e.target.value)} aria-invalid={fieldError(result, 'name') ? true : undefined} aria-describedby={fieldError(result, 'name') ? 'token-name-error' : undefined} />
          </Field>
          <Field htmlFor="token-scope" label="Access" error={fieldError(result, 'scope')} className="w-44">
            <Select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value as 'read' | 'full')} aria-invalid={fieldError(result, 'scope') ? true : undefined} aria-describedby={fieldError(result, 'scope') ? 'token-scope-error' : undefined}>
              <option value="read">Read only</option>
              <option value="full">Full (acts with your role)</option>
            </Select>
          </Field>
          <Field htmlFor="token-days" label="Expires in (days, max 90)" error={fieldError(result, 'expiresInDays')} className="w-44">
            <Input id="token-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={fieldError(result, 'expiresInDays') ? true : undefined} aria-describedby={fieldError(result, 'expiresInDays') ? 'token-days-error' : undefined} />
          </Field>
          <Button type="submit" variant="primary" pending={pending} className="mt-6">
            Create token
          </Button>
        </form>
        {secret && (
          <OneTimeSecret secret={secret} testId="new-token" message="Copy this token now: it is shown only once." copiedTitle="Token copied" onDismiss={() => setSecret(null)} />
        )}
      </CardBody>
      {tokens.length === 0 ? (
        <EmptyState icon="settings" title="No API tokens" description="Create one to script failover tests or read replication status." />
      ) : (
        <Table caption="API tokens">
          <THead>
            <tr>
              <Th>Name</Th>
              {showOwner && <Th>Owner</Th>}
              <Th>Prefix</Th>
              <Th>Access</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {tokens.map((t) => (
              <Tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                {showOwner && <Td>{t.userEmail}</Td>}
                <Td className="font-mono text-xs">{t.prefix}…</Td>
                <Td>
                  <Badge tone={t.scope === 'full' ? 'info' : 'neutral'}>{t.scope === 'full' ? 'Full' : 'Read only'}</Badge>
                </Td>
                <Td>{formatDate(t.createdAt)}</Td>
                <Td>{formatDate(t.expiresAt)}</Td>
                <Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</Td>
                <Td>
                  <Badge tone={STATUS[t.status]}>{t.status === 'active' ? 'Active' : t.status === 'expired' ? 'Expired' : 'Revoked'}</Badge>
                </Td>
                <Td className="text-right">
                  {t.status === 'active' && (
                    <Button size="sm" variant="ghost" onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.name}`}>
                      Revoke
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking != null}
        onOpenChange={(o) => !o && setRevoking(null)}
        tone="danger"
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Scripts using this token stop working at once. This cannot be undone."
        confirmLabel="Revoke token"
        onConfirm={async () => {
          if (!revoking) return;
          const r = await revokeTokenAction(revoking.id);
          if (!r.ok) {
            toast({ tone: 'danger', title: 'Token not revoked', description: r.message });
            throw new Error(r.message);
          }
          toast({ tone: 'success', title: 'Token revoked' });
          setSecret(null);
          router.refresh();
        }}
      />
    </Card>
  );
}
