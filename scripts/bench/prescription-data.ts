/**
 * Generates a chain-sized fitting history straight into MariaDB with multi-row INSERTs: `members`
 * members, each with their own profile, prescription consent and one exam, and every third one with a
 * child profile holding three exams six months apart, so about two prescriptions per member. The
 * prescription values are sealed exactly as the server seals them, so the server can read them.
 */
import { randomInt } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { prescriptionExpiry, type PrescriptionInput } from '@lensloop/shared';
import type { AppConfig } from '../../server/src/infra/config/app-config';
import { SealedBox } from '../../server/src/infra/crypto/sealed-box';
import { sealPrescriptionValues } from '../../server/src/modules/prescriptions/prescription-values';
import { log } from './bench-support';

const ROWS_PER_INSERT = 2_000;
// Two connections: one inserts while this process builds (and encrypts) the next batch.
const CONNECTIONS = 2;

export interface GeneratedData {
  members: number;
  prescriptions: number;
  /** Member id and own profile id of the i-th generated member. */
  memberIds: Int32Array;
  selfProfileIds: Int32Array;
  phones: (index: number) => string;
  seconds: number;
}

function phoneOf(index: number): string {
  return `13${String(index).padStart(9, '0')}`;
}

// Spread exams over 2024-2026 deterministically; day ≤ 28 keeps every month valid.
function examDate(index: number, monthsLater = 0): string {
  const month = (index % 24) + monthsLater;
  return `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
}

function exam(date: string, sphere: number): PrescriptionInput {
  return {
    kind: 'distance',
    examDate: date,
    od: { sphere, cylinder: -50, axis: 180 },
    os: { sphere: sphere + 25, cylinder: 0 },
    pd: { binocular: 620 },
  };
}

async function maxId(connection: Connection, table: string): Promise<number> {
  const [rows] = await connection.query(`SELECT COALESCE(MAX(id), 0) AS id FROM ${table}`);
  return Number((rows as { id: number }[])[0].id);
}

/** Sends INSERTs over the connections, at most one in flight per connection. */
class BatchWriter {
  private readonly inFlight: Promise<unknown>[] = [];
  private next = 0;

  constructor(private readonly connections: Connection[]) {}

  async insert(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const slot = this.next++ % this.connections.length;
    await this.inFlight[slot];
    this.inFlight[slot] = this.connections[slot].query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`,
      [rows],
    );
  }

  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}

export async function generatePrescriptionData(
  databaseUrl: string,
  members: number,
  keys: AppConfig['prescriptionKeys'],
): Promise<GeneratedData> {
  const started = Date.now();
  const connections = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => createConnection(databaseUrl)),
  );
  try {
    for (const connection of connections) {
      // A bulk load into empty tables: skip the per-row checks MariaDB would otherwise make.
      await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    }
    const [first] = connections;
    const [staffRows] = await first.query(
      "SELECT id, store_id FROM staff WHERE role = 'optometrist' ORDER BY id",
    );
    const examiners = staffRows as { id: number; store_id: number }[];
    let memberId = await maxId(first, 'members');
    let profileId = await maxId(first, 'profiles');
    const box = new SealedBox(keys);
    const writer = new BatchWriter(connections);
    const memberIds = new Int32Array(members);
    const selfProfileIds = new Int32Array(members);
    let prescriptions = 0;

    for (let start = 0; start < members; start += ROWS_PER_INSERT) {
      const memberRows: unknown[][] = [];
      const consentRows: unknown[][] = [];
      const profileRows: unknown[][] = [];
      const prescriptionRows: unknown[][] = [];
      const end = Math.min(start + ROWS_PER_INSERT, members);
      for (let index = start; index < end; index++) {
        const examiner = examiners[index % examiners.length];
        memberIds[index] = ++memberId;
        memberRows.push([
          memberId,
          `bench-${index}`,
          `会员${index}`,
          phoneOf(index),
          String(200_000_000_000 + index),
          examiner.id,
          examiner.store_id,
        ]);
        consentRows.push([memberId, 'prescription_storage', 1, '2026-11']);
        const family: { id: number; relation: string; birthDate: string; exams: PrescriptionInput[] }[] = [
          {
            id: (selfProfileIds[index] = ++profileId),
            relation: 'self',
            birthDate: '1985-06-15',
            exams: [exam(examDate(index), -randomInt(0, 24) * 25)],
          },
        ];
        if (index % 3 === 0) {
          family.push({
            id: ++profileId,
            relation: 'child',
            birthDate: '2016-03-01',
            exams: [0, 6, 12].map((months, step) => exam(examDate(index, months), -100 - step * 50)),
          });
        }
        for (const profile of family) {
          profileRows.push([profile.id, memberId, '', profile.relation, profile.birthDate]);
          for (const input of profile.exams) {
            const owner = { memberId, profileId: profile.id };
            prescriptionRows.push([
              memberId,
              profile.id,
              input.kind,
              'in_store',
              examiner.store_id,
              examiner.id,
              input.examDate,
              prescriptionExpiry(input.examDate, profile.birthDate),
              sealPrescriptionValues(box, owner, {
                od: input.od,
                os: input.os,
                pd: input.pd ?? null,
                lensType: null,
                notes: '',
              }),
            ]);
          }
        }
      }
      prescriptions += prescriptionRows.length;
      await writer.insert(
        'members',
        ['id', 'openid', 'nickname', 'phone', 'member_code', 'owner_staff_id', 'home_store_id'],
        memberRows,
      );
      await writer.insert('consents', ['member_id', 'kind', 'granted', 'policy_version'], consentRows);
      await writer.insert('profiles', ['id', 'member_id', 'name', 'relation', 'birth_date'], profileRows);
      await writer.insert(
        'prescriptions',
        [
          'member_id',
          'profile_id',
          'kind',
          'source',
          'store_id',
          'examiner_staff_id',
          'exam_date',
          'expires_at',
          'sealed_values',
        ],
        prescriptionRows,
      );
      if (end % 100_000 === 0 || end === members) {
        log(
          `  ${end} members, ${prescriptions} prescriptions (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    }
    await writer.flush();
    return {
      members,
      prescriptions,
      memberIds,
      selfProfileIds,
      phones: phoneOf,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await Promise.all(connections.map((connection) => connection.end()));
  }
}
