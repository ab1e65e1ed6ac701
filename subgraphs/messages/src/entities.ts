import { Delivery, Message } from './message.entity';

export const entities = [Message, Delivery];
