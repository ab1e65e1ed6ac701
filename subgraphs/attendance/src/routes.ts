import type { Router } from 'express';
import { sendCsv, type RouteKit } from '@corphub/module-kit';
import type { AttendanceLoaders } from './loaders';
import { attendanceCsv, departmentAttendance } from './department.resolver';

/** `GET /attendance/departments/:id/:month.csv`: a department's monthly summary as CSV, for corp readers and its managers. */
export function attendanceRoutes(router: Router, kit: RouteKit<AttendanceLoaders>): void {
  router.get('/attendance/departments/:id/:month.csv', async (req, res) => {
    const context = await kit.context(req);
    const { id, month } = req.params;
    sendCsv(res, `attendance-${id}-${month}.csv`, attendanceCsv(await departmentAttendance(context, id, month, 0)));
  });
}
