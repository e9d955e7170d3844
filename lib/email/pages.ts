// What the pages an emailed link opens share: email must be on, and the token read from the query.
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The `token` of the link, or '' when it is missing; the page is a 404 when email is off. */
export async function linkPageToken(searchParams: SearchParams): Promise<string> {
  if (!getConfig().email) notFound();
  const token = (await searchParams).token;
  return typeof token === 'string' ? token.trim() : '';
}

/** The link's token must not leave in a Referer, to whatever the page links to. */
export const linkPageMetadata = { referrer: 'no-referrer' } as const;
