import type { TdHTMLAttributes } from 'react';
import type { ColumnsType } from 'antd/es/table';

/**
 * A table's `className` and `columns` for rows that stack on a phone, each cell under its column's name
 * (index.css, `.stack-on-phone`): each cell carries its column's title as `data-label`. Given together, so a
 * table cannot get the class without the labels or the labels without the class.
 */
export const stackOnPhone = <T>(columns: ColumnsType<T>): { className: string; columns: ColumnsType<T> } => ({
  className: 'stack-on-phone',
  columns: columns.map((column) =>
    typeof column.title === 'string' && column.title !== ''
      ? {
          ...column,
          onCell: (record: T, index?: number) =>
            ({
              ...column.onCell?.(record, index),
              'data-label': column.title,
            }) as TdHTMLAttributes<HTMLElement>,
        }
      : column,
  ),
});
