import { Box, type BoxProps, type ElementProps, type MantineSpacing, rem } from '@mantine/core';
import type { ReactNode } from 'react';
import { ScrollBox } from './scroll-box';
import classes from './table.module.css';

/**
 * A table with Mantine's look, built on `Box` so cells take Mantine's style props (`ta`, `fz`,
 * `w`...). Mantine's own `Table` carries its scroll container, and with it `ScrollArea` and
 * floating-ui, into every page that shows a table; this one carries nothing but its styles.
 */
export interface TableProps extends BoxProps, ElementProps<'table'> {
  /** Padding above and below each cell: a theme spacing key or pixels. */
  verticalSpacing?: MantineSpacing | number;
  highlightOnHover?: boolean;
  striped?: boolean;
  withTableBorder?: boolean;
  withRowBorders?: boolean;
}

function spacingValue(spacing: MantineSpacing | number): string {
  return typeof spacing === 'number' ? rem(spacing) : `var(--mantine-spacing-${spacing})`;
}

function joinClasses(...names: Array<string | undefined>): string {
  return names.filter(Boolean).join(' ');
}

function TableRoot({
  verticalSpacing = 'sm',
  highlightOnHover = true,
  striped = false,
  withTableBorder = false,
  withRowBorders = true,
  className,
  style,
  ...others
}: TableProps) {
  return (
    <Box
      component="table"
      className={joinClasses(classes.table, className)}
      style={[{ '--table-vertical-spacing': spacingValue(verticalSpacing) }, style]}
      data-highlight-on-hover={highlightOnHover || undefined}
      data-striped={striped || undefined}
      data-with-table-border={withTableBorder || undefined}
      data-with-row-borders={withRowBorders || undefined}
      {...others}
    />
  );
}

type PartProps<Element extends keyof React.JSX.IntrinsicElements> = BoxProps & ElementProps<Element>;

function Thead({ className, ...others }: PartProps<'thead'>) {
  return <Box component="thead" className={className} {...others} />;
}

function Tbody({ className, ...others }: PartProps<'tbody'>) {
  return <Box component="tbody" className={joinClasses(classes.tbody, className)} {...others} />;
}

function Tr({ className, ...others }: PartProps<'tr'>) {
  return <Box component="tr" className={joinClasses(classes.row, className)} {...others} />;
}

function Th({ className, ...others }: PartProps<'th'>) {
  return <Box component="th" className={joinClasses(classes.cell, classes.th, className)} {...others} />;
}

function Td({ className, ...others }: PartProps<'td'>) {
  return <Box component="td" className={joinClasses(classes.cell, className)} {...others} />;
}

/** Scrolls a table sideways when its container is narrower than `minWidth` pixels. */
function ScrollContainer({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    <ScrollBox>
      <div style={{ minWidth: rem(minWidth) }}>{children}</div>
    </ScrollBox>
  );
}

export const Table = Object.assign(TableRoot, { Thead, Tbody, Tr, Th, Td, ScrollContainer });
