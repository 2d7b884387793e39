-- The five staff roles; ranks order them (a higher rank may do everything a lower one may).
INSERT INTO "auth_roles" ("key", "name", "rank", "description") VALUES
  ('owner', 'Owner', 50, 'Everything, including billing settings and other admins'),
  ('admin', 'Admin', 40, 'Everything except managing owners'),
  ('manager', 'Manager', 30, 'Catalog, customers, subscriptions and invoices'),
  ('support', 'Support', 20, 'Customer care: notes, extensions, resending emails'),
  ('viewer', 'Viewer', 10, 'Read-only access to every page');
