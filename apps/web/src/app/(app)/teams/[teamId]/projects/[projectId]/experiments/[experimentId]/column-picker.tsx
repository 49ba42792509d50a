'use client';

import { Button } from '@mantine/core';
import IconColumns from '@tabler/icons-react/icons/IconColumns';
import { lazy } from 'react';
import { OpenOnFirstClick } from '~/components/open-on-first-click';
import type { ColumnPickerProps } from './column-picker-popover';

const ColumnPickerPopover = lazy(() =>
  import('./column-picker-popover').then((module) => ({ default: module.ColumnPickerPopover })),
);

/** Which metrics, params and tags get a column; the choice travels in the URL with the filter. */
export function ColumnPicker(props: ColumnPickerProps) {
  return (
    <OpenOnFirstClick
      trigger={(onClick) => (
        <Button variant="default" leftSection={<IconColumns size={16} />} onClick={onClick}>
          Columns ({props.value.length})
        </Button>
      )}
      popup={(target) => <ColumnPickerPopover target={target} {...props} />}
    />
  );
}
