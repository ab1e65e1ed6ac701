import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUrl, Length, Matches } from 'class-validator';

const NAME = /^[a-z][a-z0-9_]{1,39}$/;
const NAME_MESSAGE = 'name must be 2–40 lowercase letters, digits or underscores, starting with a letter';
/** Large enough for any module's SDL, small enough that a check stays cheap. */
const MAX_SDL = 512 * 1024;

@InputType({ description: 'A candidate subgraph schema to check against the current supergraph.' })
export class CheckSubgraphInput {
  @Field(() => String, { description: "The subgraph's name in the supergraph, e.g. `okr`." })
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => String, { description: 'The subgraph SDL (Federation 2, with its @link).' })
  @Length(1, MAX_SDL)
  sdl!: string;

  @Field(() => String, { nullable: true, description: 'Routing URL; default: the current version\'s, else a placeholder (checks do not call it).' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url?: string;

  @Field(() => ID, { nullable: true, description: 'Platform admins: the app that owns the subgraph (vendors: always their own app).' })
  @IsOptional()
  @Length(1, 40)
  appId?: string;
}

@InputType({ description: 'Publishes a subgraph version: checked first, refused on composition errors or breaking changes.' })
export class PublishSubgraphInput {
  @Field(() => String)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => String)
  @Length(1, MAX_SDL)
  sdl!: string;

  @Field(() => String, { description: 'Where the gateway reaches the subgraph, e.g. `https://okr.vendor.example/graphql`.' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  @Field(() => ID, { nullable: true, description: 'Platform admins: the app that owns the subgraph (vendors: always their own app).' })
  @IsOptional()
  @Length(1, 40)
  appId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Platform admins only: publish despite breaking changes (never despite composition errors).',
  })
  @IsOptional()
  force?: boolean;
}
