import type { MikroORM } from '@mikro-orm/core';

/** The demo corp's approvals: none yet (expenses' and attendance's requests are seeded by their modules). */
export async function seedDemo(_orm: MikroORM): Promise<void> {}
