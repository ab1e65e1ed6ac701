import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, errors, PageArgs, paginate, Role, type Page } from '@corphub/module-kit';
import { Media } from './media.entity';
import type { MediaContext } from '../context';

@ObjectType()
export class MediaConnection extends Connection(Media) {}

@Resolver(() => Media)
export class MediaResolver {
  @Query(() => Media, { description: "A media file of the caller's corp, by id." })
  async media(@Arg('id', () => ID) id: string, @Ctx() { loaders }: MediaContext): Promise<Media> {
    const media = await loaders.mediaById.load(id);
    if (!media) throw errors.NOT_FOUND(`Media "${id}" not found`);
    return media;
  }

  @Authorized(Role.ADMIN, Role.ANALYST, Role.PLATFORM)
  @Query(() => MediaConnection, { description: "Every media file of the caller's corp, newest first." })
  async mediaList(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: MediaContext): Promise<Page<Media>> {
    return paginate(em, Media, {}, page, [['createdAt', 'desc'], ['id', 'desc']]);
  }

  @FieldResolver(() => String, {
    description: 'A link to the bytes that works without a token for a short while (GET at the gateway host); query it again for a fresh one.',
  })
  url(@Root() media: Media, @Ctx() { services }: MediaContext): string {
    return services.links.urlFor(media);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Length of a voice note in whole seconds (rounded), when the format tells it.' })
  durationSeconds(@Root() media: Media): number | null {
    return media.durationMs === undefined || media.durationMs === null ? null : Math.round(media.durationMs / 1000);
  }
}
