import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * What a subgraph returns for a photo, an invoice scan or a voice note it holds by media id:
 * `photo: Media` resolves to `{ id }`, and the gateway fetches every other field from the media
 * subgraph, all references of one response in one batched `_entities` call. Not resolvable here: this
 * subgraph adds no field to Media, it only points at it.
 *
 * ```ts
 * @Field(() => MediaReference, { nullable: true })
 * photo(@Root() checkIn: CheckIn) { return mediaReference(checkIn.photoId); }
 * ```
 */
@ObjectType('Media', { description: 'A photo, document scan or voice note, served by the media subgraph.' })
@Directive('@key(fields: "id", resolvable: false)')
export class MediaReference {
  @Field(() => ID)
  id!: string;
}

/** A reference to a media record by its id; null when there is none. */
export function mediaReference(id: string | null | undefined): MediaReference | null {
  return id ? { id } : null;
}
