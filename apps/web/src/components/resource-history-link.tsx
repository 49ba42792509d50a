'use client';

import { Anchor } from '@mantine/core';
import IconHistory from '@tabler/icons-react/icons/IconHistory';
import Link from 'next/link';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';

interface ResourceHistoryLinkProps {
  /** The audit trail's resource type, as the services record it (Project, ModelVersion, ...). */
  resourceType: string;
  resourceId: string;
  /** The resource's team: its admins (and org admins) read its history; others see no link. */
  teamId: string;
  label?: string;
}

/** A link to the resource's own history in the audit trail, for those who may read it. */
export function ResourceHistoryLink({
  resourceType,
  resourceId,
  teamId,
  label = 'History',
}: ResourceHistoryLinkProps) {
  const viewer = useViewer();
  if (!can(viewer, teamId, 'audit:read')) return null;
  const query = new URLSearchParams({ teamId, resourceType, resourceId });
  return (
    <Anchor
      component={Link}
      href={`/admin/audit?${query}`}
      size="sm"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
    >
      <IconHistory size={14} aria-hidden />
      {label}
    </Anchor>
  );
}
