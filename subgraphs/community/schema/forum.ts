import { builder } from '../builder.js';

builder.prismaObject('ForumCategory', {
  description: 'A forum section.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Category id.' }),
    slug: t.exposeString('slug', { description: 'URL-safe name.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What belongs here.' }),
    icon: t.exposeString('icon', { nullable: true, description: 'Icon name.' }),
    sortOrder: t.exposeInt('sortOrder', { description: 'Position in the list.' }),
    adminOnly: t.exposeBoolean('adminOnly', { description: 'Only admins may post here.' }),
  }),
});

builder.queryField('forumCategories', (t) =>
  t.prismaField({
    type: ['ForumCategory'],
    description: 'Forum categories in display order.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.forumCategory.findMany({ ...query, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] }),
  }),
);
