import type { Metadata } from 'next';
import { PeopleSearch } from '@/components/people/PeopleSearch';
import { Page } from '@/components/ui/Page';

export const metadata: Metadata = { title: 'People' };

export default function PeoplePage() {
  return (
    <Page title="People" subtitle="Find someone by name or username.">
      <PeopleSearch />
    </Page>
  );
}
