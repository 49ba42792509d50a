import { Box, type BoxProps, type ElementProps } from '@mantine/core';
import classes from './scroll-box.module.css';

/**
 * A box that scrolls its overflow with the browser's own (thin) scrollbars; `mah` caps its height.
 * Mantine's `ScrollArea` draws custom scrollbars with code of its own and positioning helpers
 * that every page showing one would load first.
 */
export function ScrollBox({ className, ...others }: BoxProps & ElementProps<'div'>) {
  return <Box className={className ? `${classes.scrollBox} ${className}` : classes.scrollBox} {...others} />;
}
