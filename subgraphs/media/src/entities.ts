import { Media } from './media/media.entity';

export const entities = [Media];
