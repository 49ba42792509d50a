'use client';

import { VisuallyHidden } from '@mantine/core';
import {
  cloneElement,
  type FocusEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  useId,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import classes from './hint.module.css';
import { type HintPlacement, placeHint } from './hint-placement';

interface HintProps {
  /** What the hint says; also the description screen readers announce for the wrapped element. */
  label: ReactNode;
  /** The element the hint explains; it is described by the hint for assistive technology. */
  children: ReactElement<{ 'aria-describedby'?: string }>;
  /** Shows nothing extra, e.g. while there is nothing to explain. */
  disabled?: boolean;
  /** Widest the bubble grows before it wraps, in pixels. */
  maxWidth?: number;
}

/**
 * A tooltip shown while the pointer rests on (or focus is in) the wrapped element, drawn fixed
 * above it (below when there is no room) so no scrolling container clips it. Mantine's Tooltip
 * does the same with floating-ui, which every page showing one would load first.
 */
export function Hint({ label, children, disabled = false, maxWidth = 320 }: HintProps) {
  const id = useId();
  const [placement, setPlacement] = useState<HintPlacement | null>(null);
  if (disabled) return children;

  const show = (event: MouseEvent<HTMLElement> | FocusEvent<HTMLElement>) =>
    setPlacement(placeHint(event.currentTarget.getBoundingClientRect(), window.innerWidth, maxWidth));
  const hide = () => setPlacement(null);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it watches hover and focus on the element it wraps, adding no action of its own
    <span className={classes.anchor} onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide}>
      {cloneElement(children, { 'aria-describedby': id })}
      <VisuallyHidden id={id}>{label}</VisuallyHidden>
      {placement &&
        createPortal(
          <div
            aria-hidden
            className={`${classes.bubble} ${classes[placement.side]}`}
            style={{
              left: placement.x,
              top: placement.y,
              maxWidth: `min(${maxWidth}px, calc(100vw - 16px))`,
            }}
          >
            {label}
          </div>,
          document.body,
        )}
    </span>
  );
}
