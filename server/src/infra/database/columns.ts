import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// UTC datetimes with millisecond precision on MariaDB; plain datetime text on SQLite.
export const CreatedAt = () => CreateDateColumn({ type: 'datetime', precision: 3 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime', precision: 3 });
