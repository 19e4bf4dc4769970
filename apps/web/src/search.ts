import { useEffect, useState } from 'react';

/**
 * Finding a name in a long list (villages, communes) by typing it with or without diacritics: "khuoi mat" finds
 * "Thôn Khuổi Mật". Officers often type on keyboards without a Vietnamese input method.
 */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** antd Select's `showSearch`: matches an option's label by its letters, diacritics ignored. */
export const searchByName = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    typeof option?.label === 'string' && fold(option.label).includes(fold(input.trim())),
};

/**
 * A typed filter as the server should see it: the value once typing has paused for `ms`, so a name typed letter by
 * letter asks once, not once per letter.
 */
export const useSettled = <T>(value: T, ms = 300): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};
