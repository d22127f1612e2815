import { Input, type TaroInputProps } from '@nutui/nutui-react-taro';

export interface LabelledInputProps extends Omit<Partial<TaroInputProps>, 'nativeProps'> {
  /** The accessible name; also the placeholder unless one is given. */
  label: string;
  invalid?: boolean;
  /** The browser's autofill hint (`username`, `current-password`). */
  autoComplete?: string;
}

/**
 * NutUI's Input with an accessible name. NutUI passes no ARIA attributes through, so they go to the
 * native `<input>` through Taro's `nativeProps` (H5; the weapp ignores them).
 */
export function LabelledInput({ label, invalid, autoComplete, ...props }: LabelledInputProps) {
  return (
    <Input
      placeholder={label}
      {...props}
      nativeProps={{ 'aria-label': label, 'aria-invalid': invalid, autocomplete: autoComplete }}
    />
  );
}
