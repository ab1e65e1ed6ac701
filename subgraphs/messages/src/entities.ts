import { Delivery, Message } from './messages/message.entity';

export const entities = [Message, Delivery];
