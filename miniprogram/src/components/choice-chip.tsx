import { Button } from '@nutui/nutui-react-taro';

interface ChoiceChipProps {
  label: string;
  active: boolean;
  /** `radio` for one of a group, `checkbox` for options that add up. */
  role?: 'radio' | 'checkbox';
  testId?: string;
  onClick: () => void;
}

/** A small toggle button for picking a value (SKU attribute, lens, store…), accessible by role. */
export function ChoiceChip({ label, active, role = 'radio', testId, onClick }: ChoiceChipProps) {
  return (
    <Button
      className="sku-chip"
      size="small"
      type={active ? 'primary' : 'default'}
      fill={active ? 'solid' : 'outline'}
      role={role}
      aria-checked={active}
      aria-label={label}
      data-testid={testId}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
