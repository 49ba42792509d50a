export interface HintPlacement {
  /** Horizontal center of the bubble, in viewport pixels. */
  x: number;
  /** The anchor's top edge (bubble above) or bottom edge (bubble below), in viewport pixels. */
  y: number;
  side: 'above' | 'below';
}

interface AnchorRect {
  top: number;
  bottom: number;
  left: number;
  width: number;
}

const VIEWPORT_MARGIN = 8;
/** Room a bubble of a line or two needs above its anchor. */
const ROOM_ABOVE = 48;

/**
 * Where a hint's bubble goes: centered over its anchor, kept `VIEWPORT_MARGIN` inside the viewport
 * horizontally for a bubble as wide as it may grow, and below the anchor when it sits at the top.
 */
export function placeHint(anchor: AnchorRect, viewportWidth: number, maxWidth: number): HintPlacement {
  const half = Math.min(maxWidth / 2, viewportWidth / 2 - VIEWPORT_MARGIN);
  const center = anchor.left + anchor.width / 2;
  const x = Math.min(Math.max(center, VIEWPORT_MARGIN + half), viewportWidth - VIEWPORT_MARGIN - half);
  return anchor.top > ROOM_ABOVE
    ? { x, y: anchor.top, side: 'above' }
    : { x, y: anchor.bottom, side: 'below' };
}
