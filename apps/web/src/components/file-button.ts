import type { CSSProperties } from 'react';

/** How a "choose a file" control looks where the browser's own picker (named in its own language) is hidden. */
export const fileButtonStyle: CSSProperties = {
  display: 'inline-block',
  padding: '4px 15px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fff',
  cursor: 'pointer',
};
