import { Injectable } from '@nestjs/common';
import type { CustomerTagging } from '@lensloop/shared';

/** The tags of a customer for the staff card. The tags module implements and registers it. */
export interface CustomerTagsReader {
  taggingOf(memberId: number): Promise<CustomerTagging>;
}

@Injectable()
export class CustomerTagsPort implements CustomerTagsReader {
  private reader: CustomerTagsReader | null = null;

  register(reader: CustomerTagsReader): void {
    if (this.reader) throw new Error('a customer tags reader is registered twice');
    this.reader = reader;
  }

  /** Without a tags module registered, a customer has no tags and counts as class A. */
  taggingOf(memberId: number): Promise<CustomerTagging> {
    return this.reader
      ? this.reader.taggingOf(memberId)
      : Promise.resolve({ tags: [], purchaseClass: 'A', quadrant: null });
  }
}
