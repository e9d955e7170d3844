'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import type { Page } from '@/lib/schemas/common';
import { createTokenInput } from '@/lib/schemas/tokens';
import type { TokenInfo } from '@/lib/schemas/responses';
import styles from './Settings.module.scss';

const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const expiryChoices = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: 0 },
];

function describe(token: TokenInfo): string {
  const parts = [`Created ${when.format(new Date(token.createdAt))}`];
  parts.push(token.lastUsedAt ? `last used ${when.format(new Date(token.lastUsedAt))}` : 'never used');
  parts.push(token.expiresAt ? `expires ${when.format(new Date(token.expiresAt))}` : 'no expiry');
  return parts.join(' · ');
}

export function TokensPanel() {
  const [tokens, setTokens] = useState<TokenInfo[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState('');
  const [fields, setFields] = useState<FieldErrors>({});
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setLoadError('');
    await fetchPage(cursor);
  }

  /** Fetches a page and shows it (or why it failed); state changes only once the answer is in. */
  async function fetchPage(cursor: string | null) {
    try {
      const page = await api<Page<TokenInfo>>(`/api/tokens?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      setTokens((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : 'Could not load your tokens.');
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void fetchPage(null);
  }, []);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const days = Number(form.get('expiresInDays'));
    const checked = validate(createTokenInput, { name: form.get('name'), expiresInDays: days > 0 ? days : undefined, password: form.get('password') });
    setFields(checked.errors ?? {});
    setCreateError('');
    if (!checked.data) return;
    setCreating(true);
    try {
      const created = await api<TokenInfo & { token: string }>('/api/tokens', { method: 'POST', body: checked.data });
      const { token, ...info } = created;
      setSecret({ name: info.name, token });
      setCopied(false);
      setTokens((prev) => [info, ...prev]);
      formElement.reset();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      else setCreateError(e instanceof ApiError ? e.message : 'Could not create the token.');
    } finally {
      setCreating(false);
    }
  }

  async function revoke(token: TokenInfo) {
    if (!window.confirm(`Revoke “${token.name}”? Scripts using it stop working at once.`)) return;
    setRevoking(token.id);
    try {
      await api(`/api/tokens/${token.id}`, { method: 'DELETE' });
      setTokens((prev) => prev.filter((t) => t.id !== token.id));
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : 'Could not revoke the token.');
    } finally {
      setRevoking(null);
    }
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className={styles.form}>
      <form className={styles.form} onSubmit={onCreate} noValidate aria-label="Create token">
        <div className={styles.row}>
          <Field label="Token name" name="name" placeholder="e.g. deploy bot" error={fields.name} autoComplete="off" />
          <label className={styles.label}>
            Expires
            <select name="expiresInDays" className={styles.select} defaultValue="90">
              {expiryChoices.map((c) => (
                <option key={c.days} value={c.days}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {/* A token acts as you until it expires: making one asks for the password, as a password change does. */}
        <Field label="Your password" name="password" type="password" autoComplete="current-password" error={fields.password} hint="To confirm it is you." />
        <div className={styles.actions}>
          <Button type="submit" busy={creating}>
            {creating ? 'Creating…' : 'Create token'}
          </Button>
          {createError && (
            <span className={styles.failed} role="alert">
              {createError}
            </span>
          )}
        </div>
      </form>

      {secret && (
        <div className={styles.secret} role="status">
          <strong>Copy “{secret.name}” now: it will not be shown again.</strong>
          <div className={styles.secretRow}>
            <code className={styles.code} data-testid="new-token">
              {secret.token}
            </code>
            <Button type="button" variant="secondary" size="small" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
            <Button type="button" variant="ghost" size="small" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      )}

      {loadError && (
        <p className={styles.failed} role="alert">
          {loadError}
        </p>
      )}
      {loading && tokens.length === 0 ? (
        <p className={styles.empty}>Loading tokens…</p>
      ) : tokens.length === 0 ? (
        <p className={styles.empty}>No tokens yet.</p>
      ) : (
        <ul className={styles.tokens} aria-label="Your tokens">
          {tokens.map((token) => (
            <li key={token.id} className={styles.token}>
              <div className={styles.tokenText}>
                <span className={styles.tokenName}>{token.name}</span>
                <span className={styles.tokenMeta}>{describe(token)}</span>
              </div>
              <Button variant="secondary" size="small" onClick={() => void revoke(token)} busy={revoking === token.id} aria-label={`Revoke ${token.name}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <div className={styles.actions}>
          <Button variant="secondary" onClick={() => void load(nextCursor)} busy={loading}>
            Show more
          </Button>
        </div>
      )}
    </div>
  );
}
