import { errors } from '@corphub/module-kit';
import type { AttendanceContext } from '../context';

/** A person's attendance, leave and requests are read by the person, their managers and corp readers. */
export async function requireReadable(unionId: string, { loaders }: AttendanceContext): Promise<void> {
  if (!(await loaders.mayRead.load(unionId))) {
    throw errors.FORBIDDEN("Only the person, their managers and corp readers (admins, analysts) see a person's attendance");
  }
}
