import type { Router } from 'express';
import { sendCsv, type RouteKit } from '@corphub/module-kit';
import type { AttendanceLoaders } from '../loaders';
import type { AttendanceServices } from '../services';
import { attendanceCsv, departmentAttendance } from './summary.service';

/** `GET /attendance/departments/:id/:month.csv`: a department's monthly summary as CSV, for corp readers and its managers. */
export function summaryRoutes(router: Router, kit: RouteKit<AttendanceLoaders, AttendanceServices>): void {
  router.get('/attendance/departments/:id/:month.csv', async (req, res) => {
    const context = await kit.context(req);
    const { id, month } = req.params;
    sendCsv(res, `attendance-${id}-${month}.csv`, attendanceCsv(await departmentAttendance(context, id, month, 0)));
  });
}
