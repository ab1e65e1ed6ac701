import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, CORP_READERS, errors, PageArgs, paginate, PEOPLE_ADMINS, type Page } from '@corphub/module-kit';
import { Corp } from '../corps/corp.entity';
import { Person } from './person.entity';
import { AddPersonInput } from './person.inputs';
import { issueOpenIdsForPeople } from '../open-ids/open-id.issuer';
import type { IdentityContext } from '../context';

@ObjectType()
export class PersonConnection extends Connection(Person) {}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "A person of the caller's corp." })
  async person(@Arg('unionId', () => ID) unionId: string, @Ctx() { loaders }: IdentityContext): Promise<Person> {
    const person = await loaders.personByUnionId.load(unionId);
    if (!person) throw errors.NOT_FOUND(`Person "${unionId}" not found`);
    return person;
  }

  @Authorized(...CORP_READERS)
  @Query(() => PersonConnection, { description: "The people of the caller's corp, oldest first." })
  async people(@Args(() => PageArgs) page: PageArgs, @Ctx() { em }: IdentityContext): Promise<Page<Person>> {
    return paginate(em, Person, {}, page, [['createdAt', 'asc'], ['unionId', 'asc']], { readOnly: true });
  }

  @FieldResolver(() => Corp)
  async corp(@Root() person: Person, @Ctx() { loaders }: IdentityContext): Promise<Corp | null> {
    return loaders.corpById.load(person.corpId);
  }

  // a department admin adds the people they then hire into their subtree
  @Authorized(...PEOPLE_ADMINS)
  @Mutation(() => Person, { description: "Adds a person to the caller's corp with a new UnionID, and their OpenIDs for every installed app." })
  async addPerson(@Arg('input', () => AddPersonInput) input: AddPersonInput, @Ctx() { em }: IdentityContext): Promise<Person> {
    return em.transactional(async (tx) => {
      if (input.email && (await tx.count(Person, { email: input.email })) > 0) {
        throw errors.CONFLICT(`A person with email "${input.email}" already exists in this corp`);
      }
      const person = new Person(input.displayName, input.email);
      tx.persist(person);
      await tx.flush();
      await issueOpenIdsForPeople(tx, [person]);
      return person;
    });
  }
}
