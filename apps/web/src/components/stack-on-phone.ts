import type { TdHTMLAttributes } from 'react';
import type { ColumnsType } from 'antd/es/table';

/**
 * A column of a table that stacks on a phone. `rowActions`: its cells hold the row's actions (buttons, links that
 * say what they do), set on a phone on a line of their own under the row's facts, without the column's name.
 */
export type StackedColumn<T> = ColumnsType<T>[number] & { rowActions?: boolean };

/**
 * A table's `className` and `columns` for rows that stack on a phone, each cell under its column's name
 * (index.css, `.stack-on-phone`): each cell carries its column's title as `data-label`, but a column of the row's
 * actions its class `row-actions` instead. Given together, so a table cannot get the class without the labels or
 * the labels without the class.
 */
export const stackOnPhone = <T>(
  columns: readonly StackedColumn<T>[],
): { className: string; columns: ColumnsType<T> } => ({
  className: 'stack-on-phone',
  columns: columns.map(({ rowActions, ...column }) => {
    if (rowActions)
      return { ...column, className: [column.className, 'row-actions'].filter(Boolean).join(' ') };
    return typeof column.title === 'string' && column.title !== ''
      ? {
          ...column,
          onCell: (record: T, index?: number) =>
            ({
              ...column.onCell?.(record, index),
              'data-label': column.title,
            }) as TdHTMLAttributes<HTMLElement>,
        }
      : column;
  }),
});
