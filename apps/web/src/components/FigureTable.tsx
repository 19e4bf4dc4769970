import { useId, type ReactNode } from 'react';

export interface FigureColumn<T> {
  readonly title: string;
  readonly value: (row: T) => ReactNode;
  /** Right-aligned, as figures are read. */
  readonly numeric?: boolean;
}

/**
 * The figures of a chart as a plain table with its caption: what a screen reader or a copy-paste gets. A table
 * wider than the screen (a phone) scrolls sideways in its box, which the keyboard can reach and scroll too: a
 * region named by the caption.
 */
export const FigureTable = <T,>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: readonly FigureColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  empty: string;
}) => {
  const captionId = useId();
  return (
    <div className="figure-table" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.title} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={rowKey(r, i)}>
                {columns.map((c) => (
                  <td key={c.title} className={c.numeric ? 'num' : undefined}>
                    {c.value(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
};
