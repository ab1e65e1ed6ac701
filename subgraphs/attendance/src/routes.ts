import type { Router } from 'express';
import { Role, errors, type RouteKit } from '@corphub/shared';
import type { AttendanceLoaders } from './loaders';
import { attendanceCsv, departmentAttendance } from './department.resolver';

/** `GET /attendance/departments/:id/:month.csv`: a department's monthly summary as CSV, for admins. */
export function attendanceRoutes(router: Router, kit: RouteKit<AttendanceLoaders>): void {
  router.get('/attendance/departments/:id/:month.csv', async (req, res) => {
    const context = await kit.context(req);
    if (context.auth.role !== Role.ADMIN) throw errors.FORBIDDEN('Only admins export attendance');
    const { id, month } = req.params;
    const csv = attendanceCsv(await departmentAttendance(context, id, month, 0));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="attendance-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-${month}.csv"`);
    res.send(csv);
  });
}
