import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { CorpScoped } from '@corphub/module-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A node of the corp's department tree. `id` is the corp-unique handle clients use (readable, such as
 * `sales`, or generated); `key` is the row's own primary key, which never leaves the subgraph, so that
 * two corps may both have a `sales` department.
 */
@Entity()
@Unique({ properties: ['corpId', 'id'] })
@ObjectType({ description: "A department of the corp's tree." })
@Directive('@key(fields: "id")')
export class Department extends CorpScoped {
  [PrimaryKeyProp]?: 'key';

  @PrimaryKey({ type: 'uuid' })
  key: string & Opt = randomUUID();

  @Property({ type: 'string', length: 64 })
  @Field(() => ID, { description: 'Unique in the corp: readable (e.g. "sales") or generated.' })
  id: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  name: string;

  @ManyToOne(() => Department, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  parent?: Ref<Department> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Position among its siblings, smallest first (ties by name).' })
  order: number & Opt = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Distance from the top of the tree: 0 for a top-level department.' })
  depth: number & Opt = 0;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date & Opt = new Date();

  constructor(id: string, name: string, order = 0) {
    super();
    this.id = id;
    this.name = name;
    this.order = order;
  }
}

/**
 * The tree's closure table: one row per (ancestor, descendant) pair, a department being its own ancestor
 * at distance 0. A subtree is one indexed lookup by ancestor, whatever its depth; a move rewrites only the
 * pairs that cross the moved subtree's edge.
 */
@Entity()
@Unique({ properties: ['ancestor', 'descendant'] })
export class DepartmentLink extends CorpScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @ManyToOne(() => Department, { ref: true, deleteRule: 'cascade' })
  ancestor: Ref<Department>;

  @ManyToOne(() => Department, { ref: true, deleteRule: 'cascade', index: true })
  descendant: Ref<Department>;

  @Property({ type: 'integer' })
  distance: number;

  constructor(ancestor: Ref<Department>, descendant: Ref<Department>, distance: number) {
    super();
    this.ancestor = ancestor;
    this.descendant = descendant;
    this.distance = distance;
  }
}
