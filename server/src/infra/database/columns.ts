import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// UTC datetimes with microsecond precision on MariaDB; plain datetime text on SQLite.
export const CreatedAt = () => CreateDateColumn({ type: 'datetime', precision: 6 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime', precision: 6 });
