import type { TdHTMLAttributes } from 'react';
import type { ColumnsType } from 'antd/es/table';

/** The class of a table whose rows stack on a phone, each cell under its column's name (index.css). */
export const STACK_ON_PHONE = 'stack-on-phone';

/** The columns, each cell carrying its column's title (data-label): what a stacked row shows above the cell. */
export const labelledCells = <T>(columns: ColumnsType<T>): ColumnsType<T> =>
  columns.map((column) =>
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
  );
