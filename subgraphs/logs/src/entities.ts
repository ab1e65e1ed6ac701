import { OutboxMessage } from '@corphub/module-kit';
import { WorkLog, WorkLogAudience, WorkLogComment, WorkLogDepartment, WorkLogRead } from './work-logs/work-log.entity';

export const entities = [WorkLog, WorkLogAudience, WorkLogDepartment, WorkLogComment, WorkLogRead, OutboxMessage];
