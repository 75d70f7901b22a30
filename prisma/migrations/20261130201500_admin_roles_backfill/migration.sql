-- Admin.permissions now holds admin roles (shared/admin-permissions.ts). Every admin had every power before, so
-- existing admins without a known role become SUPER_ADMIN (the plan's old values such as manage_users are dropped).
UPDATE "admins"
   SET "permissions" = ARRAY['SUPER_ADMIN']::text[]
 WHERE NOT ("permissions" && ARRAY['SUPER_ADMIN', 'SUPPORT', 'FINANCE', 'MODERATOR']::text[]);
