-- The forum categories are part of the product rules (PRODUCT.md, Community), so every database has them,
-- not only the demo seed. Only admins post in Announcements.
INSERT INTO "forum_categories" ("id", "slug", "name", "description", "icon", "sort_order", "admin_only", "updated_at") VALUES
  ('forum-general', 'general', 'General', 'Anything on your mind.', 'chat', 1, false, CURRENT_TIMESTAMP),
  ('forum-readings', 'readings', 'Readings', 'Share and discuss your readings.', 'cards', 2, false, CURRENT_TIMESTAMP),
  ('forum-spiritual-growth', 'spiritual-growth', 'Spiritual Growth', 'Practices, books and journeys.', 'lotus', 3, false, CURRENT_TIMESTAMP),
  ('forum-ask-a-reader', 'ask-a-reader', 'Ask a Reader', 'Questions for our readers.', 'question', 4, false, CURRENT_TIMESTAMP),
  ('forum-announcements', 'announcements', 'Announcements', 'News from the SoulSeer team.', 'megaphone', 5, true, CURRENT_TIMESTAMP)
ON CONFLICT DO NOTHING;
